package io.vmlock.lsp;

import io.vmlock.ast.Program;
import io.vmlock.ast.SourceSpan;
import io.vmlock.diag.Diagnostic;
import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One version of an open scenario, compiled as {@code vmlock check} compiles it (same loader,
 * same checks, so the same codes and spans) from the editor's text, saved or not. Spans name files
 * relative to the scenario's folder; {@link #pathOf} turns them back into paths.
 */
record Analysis(Path file, String text, List<Diagnostic> diagnostics, Optional<Program> program,
                Optional<IrProgram> lowered) {

    static Analysis of(Path file, String text, Optional<Path> models) {
        Loader.Options options = new Loader.Options(List.of(), models, root(file));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Loader.Loaded loaded = Loader.load(file, bytes, options);
        Compilation compiled = Pipeline.compile(loaded);
        // the syntax tree as loaded: navigation wants it even when a semantic check fails
        return new Analysis(file, text, compiled.diagnostics(), loaded.program(), compiled.lower());
    }

    private static Path root(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }

    /** The name spans give the scenario itself. */
    String displayName() {
        return file.getFileName().toString();
    }

    boolean inThisFile(SourceSpan span) {
        return span.file().equals(displayName());
    }

    /** Where the file a span names lies on disk. */
    Path pathOf(SourceSpan span) {
        return root(file).resolve(span.file()).normalize();
    }

    Declarations declarations() {
        return program.map(Declarations::of).orElse(new Declarations(List.of()));
    }

    /**
     * The identifier under a 0-based line and character, if any; with {@code hyphens}, a
     * hyphenated word such as a verdict name in {@code expect recursive-lock;}.
     */
    Optional<String> wordAt(int line, int character, boolean hyphens) {
        String[] lines = text.split("\n", -1);
        if (line < 0 || line >= lines.length) return Optional.empty();
        String l = lines[line];
        int start = Math.min(character, l.length());
        int end = start;
        while (start > 0 && isWordChar(l.charAt(start - 1), hyphens)) start--;
        while (end < l.length() && isWordChar(l.charAt(end), hyphens)) end++;
        return start < end ? Optional.of(l.substring(start, end)) : Optional.empty();
    }

    private static boolean isWordChar(char c, boolean hyphens) {
        return Character.isLetterOrDigit(c) || c == '_' || (hyphens && c == '-');
    }
}
