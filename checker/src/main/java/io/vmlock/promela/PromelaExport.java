package io.vmlock.promela;

import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.explore.system.SystemCompiler;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.explore.system.Unsupported;
import io.vmlock.ir.IrProgram;
import java.util.List;
import java.util.Optional;

/**
 * A scenario as a Promela model with the same state graph (see {@link PromelaWriter}), or the
 * diagnostics that say what cannot be exported: nothing is dropped silently.
 */
public final class PromelaExport {
    /** SPIN runs at most this many processes. */
    static final int MAX_PROCESSES = 255;

    public record Result(Optional<String> text, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private PromelaExport() {
    }

    public static Result export(IrProgram program) {
        if (program.threads().size() > MAX_PROCESSES) {
            return failed(Diagnostic.error(DiagnosticCode.NOT_EXPORTABLE, program.threads().get(MAX_PROCESSES).span(),
                    program.threads().size() + " threads: SPIN runs at most " + MAX_PROCESSES + " processes"));
        }
        TransitionSystem system;
        try {
            system = SystemCompiler.compile(program);
        } catch (Unsupported e) {
            return failed(Diagnostic.error(DiagnosticCode.NOT_EXPORTABLE, e.span(), e.getMessage(), why(e.reason())));
        }
        return new Result(Optional.of(new PromelaWriter(system).write()), List.of());
    }

    private static String why(Unsupported.Reason reason) {
        return switch (reason) {
            case UNBOUNDED_CONTROL -> "Promela has no procedures: every call is inlined, so control must be finite";
            case TOO_MANY_PATHS -> "each path between two steps becomes a Promela statement, and these multiply per condition";
        };
    }

    private static Result failed(Diagnostic d) {
        return new Result(Optional.empty(), List.of(d));
    }
}
