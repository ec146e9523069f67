package io.vmlock.pipeline;

import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.DiagnosticRenderer;
import io.vmlock.diag.SourceFiles;
import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.Lowering;
import io.vmlock.sema.Analyzer;
import io.vmlock.sema.CheckedProgram;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Load, parse and check one scenario: the front half every command shares; {@link #lower} gives the rest. */
public record Compilation(Optional<CheckedProgram> program, List<Diagnostic> diagnostics, SourceFiles sources) {

    public Compilation {
        diagnostics = List.copyOf(diagnostics);
    }

    static Compilation of(Path file, Loader.Options options) {
        return of(Loader.load(file, options));
    }

    static Compilation of(Loader.Loaded loaded) {
        List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
        Optional<CheckedProgram> checked = Optional.empty();
        if (loaded.program().isPresent()) {
            Analyzer.Analyzed analyzed = Analyzer.analyze(loaded.program().get());
            all.addAll(analyzed.diagnostics());
            checked = analyzed.program();
        }
        return new Compilation(checked, all, loaded.sources());
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
