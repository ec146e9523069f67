package io.vmlock.sema;

import io.vmlock.ast.Program;
import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.Diagnostics;
import java.util.List;
import java.util.Optional;

/** Runs every semantic check on a loaded program; all errors of all files at once. */
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
        // further checks (names, kinds, arity, loops, recursion, ...) are added here
        Optional<CheckedProgram> checked = diagnostics.hasErrors()
                ? Optional.empty() : Optional.of(new CheckedProgram(program, symbols));
        return new Analyzed(checked, diagnostics.sorted());
    }
}
