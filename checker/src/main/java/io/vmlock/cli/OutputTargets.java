package io.vmlock.cli;

import io.vmlock.diag.FileNames;
import io.vmlock.frontend.Loader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files a run will write, checked before anything is read: never a scenario (an input, or
 * any {@code .vmlock} file: {@code -o *.vmlock} expands to the scenarios themselves), and never
 * one file twice, which would keep only the last report written to it.
 */
final class OutputTargets {
    private OutputTargets() {
    }

    /** The usage error, if any; {@code outputs} by the option that names each. */
    static Optional<String> problem(List<Target> outputs, List<Path> inputs) {
        Map<Path, Target> seen = new HashMap<>();
        for (Target t : outputs) {
            if (t.file().toString().endsWith(Loader.EXTENSION)) {
                return Optional.of(t + ": a report is never written over a scenario (" + Loader.EXTENSION + ")");
            }
            for (Path input : inputs) {
                if (!input.toString().equals(ScenarioInputs.STDIN) && sameFile(t.file(), input)) {
                    return Optional.of(t + " is an input of this run: refused, it would overwrite it");
                }
            }
            Target before = seen.putIfAbsent(identity(t.file()), t);
            if (before != null) return Optional.of(t + " names the same file as " + before + ": give each report its own file");
        }
        return Optional.empty();
    }

    /** A file to write and the option that names it, as messages show them. */
    record Target(String option, Path file) {
        @Override
        public String toString() {
            return option + " " + FileNames.shown(file);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** The real path when the file (or its folder) exists, so two spellings of one file are one. */
    private static Path identity(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) return abs.toRealPath();
            Path parent = abs.getParent();
            if (parent != null && Files.isDirectory(parent)) return parent.toRealPath().resolve(abs.getFileName());
        } catch (IOException | SecurityException e) {
            return abs;
        }
        return abs;
    }
}
