package io.vmlock.findings;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * A thread left blocked at the end of a counterexample (a deadlock's or a hang's final state):
 * the operation it cannot get past, where it stands, its call stack (innermost first, the
 * thread's own body left out, as in {@link TraceStep}), what it holds there, and the context it
 * waits in.
 */
public record BlockedAt(String thread, String operation, SourceSpan span, List<String> callStack,
                        List<HeldLock> held, StepContext context) {
    public BlockedAt {
        Objects.requireNonNull(thread);
        Objects.requireNonNull(operation);
        Objects.requireNonNull(span);
        callStack = List.copyOf(callStack);
        held = List.copyOf(held);
        Objects.requireNonNull(context);
    }

    /** A thread of a sketched trace: process context, interrupts on. */
    public BlockedAt(String thread, String operation, SourceSpan span, List<String> callStack, List<HeldLock> held) {
        this(thread, operation, span, callStack, held, StepContext.PROCESS);
    }

    /** {@code jbd2 blocks in mutex_lock(page_lock[P0])}. */
    public String sentence() {
        return thread + " blocks in " + operation;
    }
}
