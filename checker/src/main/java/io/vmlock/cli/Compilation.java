package io.vmlock.cli;

import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.DiagnosticRenderer;
import io.vmlock.diag.SourceFiles;
import io.vmlock.frontend.Loader;
import io.vmlock.sema.Analyzer;
import io.vmlock.sema.CheckedProgram;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Load, parse and check one scenario: the front half every command shares. */
public record Compilation(Optional<CheckedProgram> program, List<Diagnostic> diagnostics, SourceFiles sources) {

    public Compilation {
        diagnostics = List.copyOf(diagnostics);
    }

    public static Compilation of(Path file, Loader.Options options) {
        Loader.Loaded loaded = Loader.load(file, options);
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

    public String renderedDiagnostics() {
        return new DiagnosticRenderer(sources).render(diagnostics);
    }
}
