package io.vmlock.frontend;

import io.vmlock.ast.Decl;
import io.vmlock.ast.Program;
import io.vmlock.ast.ScenarioFile;
import io.vmlock.ast.SourceSpan;
import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import io.vmlock.diag.SourceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Loads a scenario and, depth first, the files it imports. An import is looked up beside the
 * importing file, then in each {@code -I} folder, then in the bundled {@code models/} folder.
 */
public final class Loader {
    public static final String EXTENSION = ".vmlock";

    public record Options(List<Path> includeDirs, Optional<Path> modelsDir, Path displayRoot) {
        public Options {
            includeDirs = List.copyOf(includeDirs);
        }
    }

    public record Loaded(Optional<Program> program, List<Diagnostic> diagnostics, SourceFiles sources) {
        public Loaded {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private final Options options;
    private final Optional<byte[]> mainText;
    private Path main;
    private final SourceFiles sources = new SourceFiles();
    private final Diagnostics diagnostics = new Diagnostics();
    private final Map<Path, ScenarioFile> loaded = new LinkedHashMap<>();
    private final Deque<Path> stack = new ArrayDeque<>();

    private Loader(Options options, Optional<byte[]> mainText) {
        this.options = options;
        this.mainText = mainText;
    }

    public static Loaded load(Path mainFile, Options options) {
        return new Loader(options, Optional.empty()).run(mainFile);
    }

    /**
     * Loads a main file whose text is given rather than read (an editor buffer, a test's
     * input); its path still names it and places its imports.
     */
    public static Loaded load(Path mainFile, byte[] mainText, Options options) {
        return new Loader(options, Optional.of(mainText.clone())).run(mainFile);
    }

    private Loaded run(Path mainFile) {
        main = canonical(mainFile);
        visit(main);
        boolean ok = !diagnostics.hasErrors() && loaded.containsKey(main);
        Optional<Program> program = ok ? Optional.of(new Program(List.copyOf(loaded.values()))) : Optional.empty();
        return new Loaded(program, diagnostics.sorted(), sources);
    }

    private void visit(Path file) {
        String display = displayPath(file);
        SourceReader.Result read = file.equals(main) && mainText.isPresent()
                ? SourceReader.decode(mainText.get(), display) : SourceReader.read(file, display);
        if (read.text() != null) sources.put(display, read.text());
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
        Optional<Path> target = resolve(imp.target(), searched);
        if (target.isEmpty()) {
            diagnostics.error(DiagnosticCode.MISSING_IMPORT, imp.span(), "cannot find import \"" + imp.target() + "\"",
                    "looked in: " + searched.stream().map(this::displayPath).collect(Collectors.joining(", ")));
            return;
        }
        Path path = target.get();
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

    private static Optional<Path> resolve(String target, List<Path> dirs) {
        String name = target.endsWith(EXTENSION) ? target : target + EXTENSION;
        for (Path dir : dirs) {
            Path candidate;
            try {
                candidate = dir.resolve(name);
            } catch (RuntimeException invalidPath) {
                return Optional.empty();
            }
            if (Files.isRegularFile(candidate)) return Optional.of(canonical(candidate));
        }
        return Optional.empty();
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
        Path root = canonical(options.displayRoot());
        Path abs = p.toAbsolutePath().normalize();
        // the model library packed in the jar: named as in a checkout, models/linux/dax.vmlock
        if (abs.getFileSystem() != root.getFileSystem()) return abs.toString().substring(1);
        String shown = (abs.startsWith(root) ? root.relativize(abs) : abs).toString().replace('\\', '/');
        return shown.isEmpty() ? "." : shown;
    }

    private static Path canonical(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
