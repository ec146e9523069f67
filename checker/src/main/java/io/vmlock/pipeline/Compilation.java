package io.vmlock.pipeline;

import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.DiagnosticRenderer;
import io.vmlock.diag.Severity;
import io.vmlock.diag.SourceFiles;
import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.Lowering;
import io.vmlock.sema.Analyzer;
import io.vmlock.sema.CheckedProgram;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Load, parse and check one scenario: the front half every command shares; {@link #lower} gives
 * the rest. {@code file}: the scenario's name as diagnostics and reports show it.
 */
public record Compilation(String file, Optional<CheckedProgram> program, List<Diagnostic> diagnostics,
                          SourceFiles sources) {

    public Compilation {
        diagnostics = List.copyOf(diagnostics);
    }

    static Compilation of(Path file, Loader.Options options) {
        return checked(Loader.load(file, options));
    }

    static Compilation ofStandardInput(InputStream in, Loader.Options options) {
        return checked(Loader.loadStandardInput(in, options));
    }

    static Compilation checked(Loader.Loaded loaded) {
        List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
        Optional<CheckedProgram> checked = Optional.empty();
        if (loaded.program().isPresent()) {
            Analyzer.Analyzed analyzed = Analyzer.analyze(loaded.program().get());
            all.addAll(analyzed.diagnostics());
            checked = analyzed.program();
        }
        List<Diagnostic> shown = all.stream().map(loaded.sources()::shown).toList();
        return new Compilation(loaded.mainFile(), checked, shown, loaded.sources());
    }

    /**
     * The same compilation for {@code check} and {@code test}, where a scenario must run
     * something: a file without threads, only a warning elsewhere, is an error there.
     */
    public Compilation asScenario() {
        if (diagnostics.stream().noneMatch(d -> d.code() == DiagnosticCode.NO_THREADS)) return this;
        List<Diagnostic> escalated = diagnostics.stream()
                .map(d -> d.code() == DiagnosticCode.NO_THREADS ? d.asError() : d).toList();
        return new Compilation(file, Optional.empty(), escalated, sources);
    }

    /** The errors alone (a valid file may still have warnings). */
    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    public boolean ok() {
        return program.isPresent();
    }

    /** The lowered program when the file compiles: the explorer's and the graph pass's input. */
    public Optional<IrProgram> lower() {
        return program.map(Lowering::lower);
    }

    public String renderedDiagnostics() {
        return new DiagnosticRenderer(sources).render(diagnostics);
    }
}
