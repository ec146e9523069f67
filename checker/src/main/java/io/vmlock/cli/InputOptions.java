package io.vmlock.cli;

import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command that reads scenarios shares (a picocli mixin), and the compile step they share. */
public final class InputOptions {
    @Option(names = "-I", paramLabel = "DIR", description = "Also look for imports in DIR (repeatable).")
    List<Path> includeDirs = new ArrayList<>();

    @Option(names = "--models", paramLabel = "DIR",
            description = "The model library folder (default: the bundled models/).")
    Path modelsDir;

    public Loader.Options loaderOptions() {
        return new Loader.Options(includeDirs,
                modelsDir != null ? Optional.of(modelsDir) : ModelPath.bundled(),
                Path.of("").toAbsolutePath());
    }

    /** The same inputs with another model library: the old side of a diff keeps its own models. */
    InputOptions withModels(Path models) {
        InputOptions other = new InputOptions();
        other.includeDirs = includeDirs;
        other.modelsDir = models;
        return other;
    }

    /** Compiles {@code file}, its diagnostics printed to {@code err} before anything else; empty when invalid. */
    Optional<Compilation> compile(Path file, PrintWriter err) {
        Compilation c = Pipeline.compile(file, loaderOptions());
        err.print(c.renderedDiagnostics());
        err.flush();
        return c.ok() ? Optional.of(c) : Optional.empty();
    }

    /** The lowered program of a file that compiles, else empty (its diagnostics printed). */
    Optional<IrProgram> lower(Path file, PrintWriter err) {
        return compile(file, err).map(c -> c.lower().orElseThrow());
    }
}
