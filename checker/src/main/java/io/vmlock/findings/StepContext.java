package io.vmlock.findings;

/**
 * What lockdep tracks of the context a step ran in, for its usage bits (kernel/locking/lockdep.c:
 * mark_irqflags, mark_held_locks, lockdep_trace_alloc): whether interrupts are on after the step,
 * whether it ran in an interrupt handler or in a reclaim path, and whether it was an allocation
 * whose reclaim may enter the filesystem (__GFP_FS, direct reclaim, outside a NOFS scope).
 */
public record StepContext(boolean irqsEnabled, boolean inHardirq, boolean inReclaim, boolean fsReclaimAllocation,
                          boolean softirqsEnabled, boolean inSoftirq) {
    /** Process context with interrupts on: a step of a sketched trace, which no run gave a context. */
    public static final StepContext PROCESS = new StepContext(true, false, false, false);

    /** A context with softirqs on wherever hard interrupts are, and no softirq running. */
    public StepContext(boolean irqsEnabled, boolean inHardirq, boolean inReclaim, boolean fsReclaimAllocation) {
        this(irqsEnabled, inHardirq, inReclaim, fsReclaimAllocation, irqsEnabled && !inHardirq, false);
    }
}
