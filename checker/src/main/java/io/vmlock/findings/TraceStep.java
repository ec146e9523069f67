package io.vmlock.findings;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * One step of a counterexample: which thread did what, where, from which call stack
 * (innermost first, the thread's own body left out), and what the thread holds afterwards.
 * {@code bodySite} is where the thread's own body stands at the step: the call into the model
 * library that led to it (a line of the scenario, for SARIF to open), or the step itself;
 * {@code context}, the interrupt and reclaim context lockdep's usage bits are made of.
 */
public record TraceStep(int number, String thread, String operation, SourceSpan span, List<String> callStack,
                        List<HeldLock> heldAfter, SourceSpan bodySite, StepContext context) {
    public TraceStep {
        Objects.requireNonNull(thread);
        Objects.requireNonNull(operation);
        Objects.requireNonNull(span);
        callStack = List.copyOf(callStack);
        heldAfter = List.copyOf(heldAfter);
        Objects.requireNonNull(bodySite);
        Objects.requireNonNull(context);
    }

    /** A step of a sketched trace: process context, interrupts on. */
    public TraceStep(int number, String thread, String operation, SourceSpan span, List<String> callStack,
                     List<HeldLock> heldAfter, SourceSpan bodySite) {
        this(number, thread, operation, span, callStack, heldAfter, bodySite, StepContext.PROCESS);
    }

    /** A step written in the thread's own body (or one whose call site is not known). */
    public TraceStep(int number, String thread, String operation, SourceSpan span, List<String> callStack,
                     List<HeldLock> heldAfter) {
        this(number, thread, operation, span, callStack, heldAfter, span, StepContext.PROCESS);
    }
}
