package io.vmlock.frontend;

import io.vmlock.ast.Decl;
import io.vmlock.ast.Program;
import io.vmlock.ast.ScenarioFile;
import io.vmlock.ast.SourceSpan;
import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import io.vmlock.diag.FileNames;
import io.vmlock.diag.IoReasons;
import io.vmlock.diag.SourceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads a scenario and, depth first, the files it imports. An import is looked up beside the
 * importing file, then in each {@code -I} folder, then in the bundled {@code models/} folder,
 * and may only lead to a {@code .vmlock} file inside the folder it is found in ({@link ImportPath}).
 * Source lines are kept for quoting only from {@code .vmlock} files and standard input; a file
 * that is not a scenario is withheld ({@link SourceFiles#withhold}): no diagnostic shows its text.
 */
public final class Loader {
    public static final String EXTENSION = ".vmlock";
    /** How standard input is named in diagnostics and reports. */
    public static final String STANDARD_INPUT = "<stdin>";

    public record Options(List<Path> includeDirs, Optional<Path> modelsDir, Path displayRoot) {
        public Options {
            includeDirs = List.copyOf(includeDirs);
        }
    }

    /** {@code mainFile}: the main file's name as diagnostics and reports show it. */
    public record Loaded(String mainFile, Optional<Program> program, List<Diagnostic> diagnostics, SourceFiles sources) {
        public Loaded {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private final Options options;
    private final Function<String, SourceReader.Result> mainReader;
    private final Optional<String> mainName;
    private Path main;
    private final SourceFiles sources = new SourceFiles();
    private final Diagnostics diagnostics = new Diagnostics();
    private final Map<Path, ScenarioFile> loaded = new LinkedHashMap<>();
    private final Deque<Path> stack = new ArrayDeque<>();

    private Loader(Options options, Function<String, SourceReader.Result> mainReader, Optional<String> mainName) {
        this.options = options;
        this.mainReader = mainReader;
        this.mainName = mainName;
    }

    /** Loads a scenario file; one that is a symbolic link to a file outside its own folder is refused. */
    public static Loaded load(Path mainFile, Options options) {
        Function<String, SourceReader.Result> reader = display -> leavesItsFolder(mainFile)
                ? SourceReader.unreadable(display, "a symbolic link to a file outside its folder; name that file itself")
                : SourceReader.read(mainFile, display);
        return new Loader(options, reader, Optional.empty()).run(mainFile, isScenarioFile(mainFile));
    }

    /**
     * Loads a main file whose text is given rather than read (an editor buffer, a test's
     * input); its path still names it and places its imports.
     */
    public static Loaded load(Path mainFile, byte[] mainText, Options options) {
        byte[] text = mainText.clone();
        return new Loader(options, display -> SourceReader.decode(text, display), Optional.empty()).run(mainFile, true);
    }

    /** Loads one scenario from standard input: named {@code <stdin>}, its imports found from the working folder. */
    public static Loaded loadStandardInput(InputStream in, Options options) {
        Function<String, SourceReader.Result> reader = display -> {
            try {
                return SourceReader.read(in, display);
            } catch (IOException e) {
                return SourceReader.unreadable(display, IoReasons.of(e));
            }
        };
        Path placeholder = Path.of("").toAbsolutePath().resolve(STANDARD_INPUT);
        return new Loader(options, reader, Optional.of(STANDARD_INPUT)).run(placeholder, true);
    }

    private Loaded run(Path mainFile, boolean quotable) {
        main = mainName.isPresent() ? mainFile : named(mainFile);
        String display = displayPath(main);
        SourceReader.Result read = mainReader.apply(display);
        parse(main, display, read, quotable);
        boolean ok = !diagnostics.hasErrors() && loaded.containsKey(main);
        Optional<Program> program = ok ? Optional.of(new Program(List.copyOf(loaded.values()))) : Optional.empty();
        return new Loaded(display, program, diagnostics.sorted(), sources);
    }

    private void visit(Path file) {
        String display = displayPath(file);
        parse(file, display, SourceReader.read(file, display), true);
    }

    private void parse(Path file, String display, SourceReader.Result read, boolean quotable) {
        // a file not read (refused, missing) has no text to withhold, and its error says why
        if (read.text() != null && quotable) sources.put(display, read.text());
        if (read.text() != null && !quotable) sources.withhold(display);
        if (!read.ok()) {
            diagnostics.add(read.error());
            return;
        }
        FileParser.Parsed parsed = FileParser.parse(display, read.text());
        diagnostics.addAll(parsed.diagnostics());
        if (parsed.file().isEmpty()) return;
        stack.push(file);
        for (Decl.Import imp : parsed.file().get().all(Decl.Import.class)) {
            follow(file, imp);
        }
        stack.pop();
        loaded.put(file, parsed.file().get());
    }

    private void follow(Path importer, Decl.Import imp) {
        List<Path> searched = searchDirs(importer);
        String target = FileNames.printable(imp.target()); // a name, shown as file names are
        ImportPath.Resolution resolution = ImportPath.resolve(imp.target(), searched);
        if (resolution instanceof ImportPath.Refused refused) {
            diagnostics.error(DiagnosticCode.UNSAFE_IMPORT, imp.span(), "import \"" + target + "\" "
                    + refused.why() + ": refused", "imports are read only from .vmlock files inside the importing file's "
                    + "folder, the -I folders and the model library");
            return;
        }
        if (resolution instanceof ImportPath.Missing missing) {
            List<String> notes = new ArrayList<>(List.of("looked in: "
                    + searched.stream().map(this::displayPath).collect(Collectors.joining(", "))));
            if (missing.unencodable()) {
                notes.add("the name cannot be a file name in this JVM's file name encoding ("
                        + ImportPath.fileNameEncoding().orElse("unknown") + "): run vmlock in a UTF-8 locale, "
                        + "e.g. LC_ALL=C.UTF-8, as ./vmlock does");
            }
            diagnostics.error(DiagnosticCode.MISSING_IMPORT, imp.span(), "cannot find import \"" + target + "\"",
                    notes.toArray(String[]::new));
            return;
        }
        Path path = ((ImportPath.Found) resolution).file();
        if (stack.contains(path)) {
            diagnostics.error(DiagnosticCode.IMPORT_CYCLE, imp.span(), "import cycle: " + cycleText(path),
                    "a model file must not import, directly or indirectly, a file that imports it");
            return;
        }
        if (!loaded.containsKey(path)) {
            visit(path);
        }
    }

    private List<Path> searchDirs(Path importer) {
        List<Path> dirs = new ArrayList<>();
        Path parent = importer.getParent();
        if (parent != null) dirs.add(parent);
        dirs.addAll(options.includeDirs());
        options.modelsDir().ifPresent(dirs::add);
        return dirs;
    }

    private String cycleText(Path repeated) {
        List<Path> chain = new ArrayList<>(stack);
        java.util.Collections.reverse(chain);
        int start = chain.indexOf(repeated);
        List<String> names = chain.subList(start, chain.size()).stream().map(this::displayPath)
                .collect(Collectors.toCollection(ArrayList::new));
        names.add(displayPath(repeated));
        return String.join(" -> ", names);
    }

    private String displayPath(Path p) {
        if (mainName.isPresent() && p.equals(main)) return mainName.get();
        Path root = canonical(options.displayRoot());
        Path abs = p.toAbsolutePath().normalize();
        // the model library packed in the jar: named as in a checkout, models/linux/dax.vmlock
        if (abs.getFileSystem() != root.getFileSystem()) return abs.toString().substring(1);
        String shown = FileNames.shown(abs.startsWith(root) ? root.relativize(abs) : abs);
        return shown.isEmpty() ? "." : shown;
    }

    /** A scenario by name and by what it really is: {@code x.vmlock} linked to {@code notes.txt} is not quoted. */
    private static boolean isScenarioFile(Path file) {
        if (!file.toString().endsWith(EXTENSION)) return false;
        Path real = canonical(file);
        return real.getFileName() != null && real.getFileName().toString().endsWith(EXTENSION);
    }

    /**
     * A link to a regular file outside the link's folder (a pull request adding
     * {@code x.vmlock -> /proc/self/environ}); a pipe or a device is what its name says.
     */
    private static boolean leavesItsFolder(Path file) {
        try {
            Path abs = file.toAbsolutePath();
            Path real = abs.toRealPath();
            return abs.getParent() != null && Files.isRegularFile(real) && !real.startsWith(abs.getParent().toRealPath());
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** The file by its own name in its real folder: a link is shown as itself, never as what it points to. */
    private static Path named(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.getParent() == null || abs.getFileName() == null ? abs : canonical(abs.getParent()).resolve(abs.getFileName());
    }

    private static Path canonical(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
