package io.vmlock.findings;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * One step of a counterexample: which thread did what, where, from which call stack
 * (innermost first, the thread's own body left out), and what the thread holds afterwards.
 */
public record TraceStep(int number, String thread, String operation, SourceSpan span, List<String> callStack,
                        List<HeldLock> heldAfter) {
    public TraceStep {
        Objects.requireNonNull(thread);
        Objects.requireNonNull(operation);
        Objects.requireNonNull(span);
        callStack = List.copyOf(callStack);
        heldAfter = List.copyOf(heldAfter);
    }
}
