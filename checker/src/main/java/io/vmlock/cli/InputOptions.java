package io.vmlock.cli;

import io.vmlock.diag.SourceFiles;
import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.report.InvalidInput;
import java.io.InputStream;
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

    /** What {@code -} reads; the command line's own standard input unless a test gives another. */
    private final InputStream stdin;

    public InputOptions() {
        this(System.in);
    }

    InputOptions(InputStream stdin) {
        this.stdin = stdin;
    }

    public Loader.Options loaderOptions() {
        return new Loader.Options(includeDirs,
                modelsDir != null ? Optional.of(modelsDir) : ModelPath.bundled(),
                Path.of("").toAbsolutePath());
    }

    /** The same inputs with another model library: the old side of a diff keeps its own models. */
    InputOptions withModels(Path models) {
        InputOptions other = new InputOptions(stdin);
        other.includeDirs = includeDirs;
        other.modelsDir = models;
        return other;
    }

    /** Compiles {@code file} ({@code -}: standard input), its diagnostics printed to {@code err}; empty when invalid. */
    Optional<Compilation> compile(Path file, PrintWriter err) {
        Compilation c = compile(new ScenarioInputs.Scenario(file, true));
        err.print(c.renderedDiagnostics());
        err.flush();
        return c.ok() ? Optional.of(c) : Optional.empty();
    }

    /** The lowered program of a file that compiles, else empty (its diagnostics printed). */
    Optional<IrProgram> lower(Path file, PrintWriter err) {
        return compile(file, err).map(c -> c.lower().orElseThrow());
    }

    /**
     * One input of {@code check} or {@code test}, which must run something: its lowered program;
     * empty when it is invalid (its diagnostics printed, the file added to {@code invalid}) or
     * a model library found in a folder (skipped, and said so).
     */
    Optional<Lowered> scenario(ScenarioInputs.Scenario s, List<InvalidInput> invalid, PrintWriter err) {
        Compilation c = compile(s);
        Optional<IrProgram> ir = c.lower();
        if (ir.isPresent() && Pipeline.isLibrary(ir.get()) && !s.named()) {
            err.println("vmlock: skipped " + c.file() + ": a model library (no thread, no expect clause)");
            err.flush();
            return Optional.empty();
        }
        Compilation scenario = c.asScenario();
        err.print(scenario.renderedDiagnostics());
        err.flush();
        if (scenario.ok()) return ir.map(p -> new Lowered(p, c.sources()));
        invalid.add(new InvalidInput(scenario.file(), scenario.errors()));
        return Optional.empty();
    }

    /** A scenario's lowered program, with the text of the files it read for the reports to quote. */
    record Lowered(IrProgram program, SourceFiles sources) {
    }

    private Compilation compile(ScenarioInputs.Scenario s) {
        return s.stdin() ? Pipeline.compileStandardInput(stdin, loaderOptions()) : Pipeline.compile(s.path(), loaderOptions());
    }
}
