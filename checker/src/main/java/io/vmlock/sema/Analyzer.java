package io.vmlock.sema;

import io.vmlock.ast.Decl;
import io.vmlock.ast.Program;
import io.vmlock.ast.SourceSpan;
import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import java.util.List;
import java.util.Optional;

/** Runs every semantic check on a loaded program; all errors of all files at once, sorted. */
public final class Analyzer {
    private Analyzer() {
    }

    public record Analyzed(Optional<CheckedProgram> program, List<Diagnostic> diagnostics) {
        public Analyzed {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public static Analyzed analyze(Program program) {
        Diagnostics diagnostics = new Diagnostics();
        SymbolTable symbols = SymbolTable.build(program, diagnostics);
        DeclChecker declarations = new DeclChecker(Checkers.of(symbols, diagnostics));
        program.declarations().forEach(d -> d.accept(declarations));
        HookCheck.check(symbols, diagnostics);
        CallGraph calls = CallGraph.build(symbols);
        RecursionCheck.check(calls, diagnostics);
        UnlockCheck.check(symbols, calls, diagnostics);
        warnIfNoThreads(program, diagnostics);
        Optional<CheckedProgram> checked = diagnostics.hasErrors()
                ? Optional.empty() : Optional.of(new CheckedProgram(program, symbols));
        return new Analyzed(checked, diagnostics.sorted());
    }

    private static void warnIfNoThreads(Program program, Diagnostics diagnostics) {
        if (!program.all(Decl.Thread.class).isEmpty()) return;
        String main = program.main().path();
        diagnostics.warning(DiagnosticCode.NO_THREADS, SourceSpan.point(main, 1, 1),
                "'" + main + "' declares no thread and imports none, so there is nothing to check",
                "add a thread { ... } that runs the paths to check");
    }
}
