package io.vmlock.cli;

import io.vmlock.diag.FileNames;
import io.vmlock.frontend.Loader;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The scenarios a command line names: a folder stands for its {@code .vmlock} files, searched
 * recursively in sorted order; {@code -} for one scenario on standard input; anything else is
 * read as named (a file, a FIFO, {@code /dev/fd/N}), so that reading it says what is wrong.
 */
final class ScenarioInputs {
    static final String STDIN = "-";

    /** One input; {@code named}: given on the command line rather than found in a folder. */
    record Scenario(Path path, boolean named) {
        boolean stdin() {
            return path.toString().equals(STDIN);
        }

        /** As PASS/FAIL lines and messages show it. */
        String shown() {
            return stdin() ? Loader.STANDARD_INPUT : FileNames.shown(path);
        }
    }

    private ScenarioInputs() {
    }

    /** The scenarios in command-line order, each folder's files sorted; a usage problem when {@code -} repeats. */
    static Expanded inOrder(List<Path> paths) {
        List<Scenario> all = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) all.addAll(under(p));
            else all.add(new Scenario(p, true));
        }
        return checked(all);
    }

    /** Every scenario once, sorted by path ({@code vmlock test}'s order). */
    static Expanded sorted(List<Path> paths) {
        TreeSet<Path> seen = new TreeSet<>();
        List<Scenario> all = new ArrayList<>();
        for (Scenario s : inOrder(paths).scenarios()) {
            if (seen.add(s.path().normalize())) all.add(new Scenario(s.path().normalize(), s.named()));
        }
        all.sort((a, b) -> a.path().compareTo(b.path()));
        return checked(all);
    }

    record Expanded(List<Scenario> scenarios, Optional<String> problem) {
    }

    private static Expanded checked(List<Scenario> all) {
        boolean twice = all.stream().filter(Scenario::stdin).count() > 1;
        return new Expanded(all, twice ? Optional.of("'-' (standard input) can be given once") : Optional.empty());
    }

    /**
     * The {@code .vmlock} files under a folder, sorted. Links to folders are not followed; a file
     * or folder that cannot be listed is kept as an input, so reading it reports why.
     */
    private static List<Scenario> under(Path root) {
        List<Scenario> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // a FIFO found in a folder would block the run: only files (or links to them) are read
                    boolean regular = attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file);
                    if (file.getFileName().toString().endsWith(Loader.EXTENSION) && regular) {
                        found.add(new Scenario(file, false));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    found.add(new Scenario(file, true));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            found.add(new Scenario(root, true));
        }
        found.sort((a, b) -> a.path().compareTo(b.path()));
        return found;
    }
}
