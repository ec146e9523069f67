package io.vmlock.graph;

/**
 * What a walk runs in, as far as interrupts go: a task (a thread body, or a fault or reclaim it
 * enters), a hard interrupt handler or a softirq. It says which handlers may still arrive on the
 * walked path, so which interrupt pseudo-locks the locks held there order before.
 *
 * <p>kernel/softirq.c (torvalds/linux at 01581a218644): handle_softirqs runs a softirq with bottom
 * halves disabled (softirq_handle_begin, SOFTIRQ_OFFSET) and local_irq_enable()d, so a hard
 * interrupt may arrive in it but no softirq; do_softirq returns at once in_interrupt(), so nothing
 * runs a softirq inside a hard interrupt handler, which runs with interrupts off.
 */
enum InterruptContext {
    TASK,
    HARDIRQ,
    SOFTIRQ;

    /** The pseudo-lock a handler of this context holds while it runs on the thread it interrupted. */
    LockClass pseudoLock() {
        return switch (this) {
            case HARDIRQ -> LockClass.HARDIRQ;
            case SOFTIRQ -> LockClass.SOFTIRQ;
            case TASK -> throw new IllegalStateException("a task holds no interrupt context");
        };
    }

    /** How a walk root of this handler context is named: {@code interrupt bio_endio}, {@code softirq net_rx}. */
    String keyword() {
        return switch (this) {
            case HARDIRQ -> "interrupt";
            case SOFTIRQ -> "softirq";
            case TASK -> "thread";
        };
    }

    /** The depth of softirq masking a path of this context starts with. */
    int bhDisabledOnEntry() {
        return switch (this) {
            case SOFTIRQ -> 1;
            case TASK, HARDIRQ -> 0;
        };
    }

    /** Whether a handler of kind {@code arriving} may interrupt a path of this context (masks aside). */
    boolean mayBeInterruptedBy(InterruptContext arriving) {
        return switch (arriving) {
            case HARDIRQ -> this != HARDIRQ;
            case SOFTIRQ -> this == TASK;
            case TASK -> false;
        };
    }
}
