package io.vmlock.report;

import io.vmlock.findings.HeldLock;
import io.vmlock.findings.StepContext;
import io.vmlock.findings.TraceStep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * lockdep's usage characters ({@code {+.+...}}) for each lock, from what the trace shows of it:
 * kernel/locking/lockdep.c's get_usage_chars over the states of lockdep_states.h (HARDIRQ,
 * SOFTIRQ, RECLAIM_FS: the kernels whose reports say {@code {RECLAIM_FS-ON-W}}, as ours do), a
 * write and a read character each. A state's "used in" bit is set by taking the lock in that
 * context (mark_irqflags: in an interrupt handler, in reclaim), its "enabled" bit by holding it
 * while the context may come (interrupts on, mark_held_locks; an allocation that may reclaim into
 * the filesystem, lockdep_trace_alloc). Read: an rwsem's read hold and a jbd2 handle
 * (start_this_handle's rwsem_acquire_read of j_trans_commit_map). SOFTIRQ is "used in" in a
 * softirq handler and "enabled" where softirqs may come (irqs on, no _bh mask, no softirq
 * running); trylocks are not told apart from locks.
 */
final class LockdepUsage {
    /** lockdep_states.h's states, in the order get_usage_chars prints them. */
    enum State { HARDIRQ, SOFTIRQ, RECLAIM_FS }

    private static final int STATES = State.values().length;
    private static final int HARDIRQ = State.HARDIRQ.ordinal();
    private static final int SOFTIRQ = State.SOFTIRQ.ordinal();
    private static final int RECLAIM_FS = State.RECLAIM_FS.ordinal();

    /** Per lockdep class: [state][read][0 used in, 1 enabled]. */
    private final Map<String, boolean[][][]> bits = new HashMap<>();
    private final Function<HeldLock, String> classOf;

    /** {@code classOf}: the class lockdep keeps a held lock's usage under (its instances share it). */
    LockdepUsage(List<TraceStep> trace, Function<HeldLock, String> classOf) {
        this.classOf = classOf;
        Map<String, List<HeldLock>> before = new HashMap<>();
        for (TraceStep s : trace) {
            List<HeldLock> previously = before.getOrDefault(s.thread(), List.of());
            for (HeldLock h : s.heldAfter()) mark(h, !previously.contains(h), s.context());
            before.put(s.thread(), s.heldAfter());
        }
    }

    private void mark(HeldLock h, boolean taken, StepContext c) {
        int read = isRead(h.mode()) ? 1 : 0;
        boolean[][][] b = bits.computeIfAbsent(classOf.apply(h), k -> new boolean[STATES][2][2]);
        if (taken && c.inHardirq()) b[HARDIRQ][read][0] = true;
        if (taken && c.inSoftirq() && !c.inHardirq()) b[SOFTIRQ][read][0] = true;
        if (taken && c.inReclaim()) b[RECLAIM_FS][read][0] = true;
        if (c.irqsEnabled() && !c.inHardirq()) b[HARDIRQ][read][1] = true;
        if (c.softirqsEnabled() && !c.inHardirq()) b[SOFTIRQ][read][1] = true;
        if (c.fsReclaimAllocation() && c.irqsEnabled()) b[RECLAIM_FS][read][1] = true;
    }

    /**
     * The "used in" bit of the acquisition a usage report is about, which the trace never shows
     * (the handler or reclaim blocks on the lock). mark_lock (kernel/locking/lockdep.c) sets the
     * bit in the class's usage_mask before mark_lock_irq finds the conflict and prints the report,
     * so every line of that report prints the class with it. The write bit: the reports say
     * {@code IN-<state>-W}.
     */
    void markUsedIn(String lockdepClass, State state) {
        bits.computeIfAbsent(lockdepClass, k -> new boolean[STATES][2][2])[state.ordinal()][0][0] = true;
    }

    private static boolean isRead(HeldLock.Mode mode) {
        return switch (mode) {
            case READ, HANDLE -> true;
            case EXCLUSIVE, WRITE, COMMIT, UNSTATED -> false;
        };
    }

    /** {@code {+.+...}}: the class's characters, each state's write then read. */
    String of(String lockdepClass) {
        boolean[][][] b = bits.getOrDefault(lockdepClass, new boolean[STATES][2][2]);
        StringBuilder s = new StringBuilder("{");
        for (int state = 0; state < STATES; state++) {
            for (int read = 0; read < 2; read++) s.append(character(b[state][read][0], b[state][read][1]));
        }
        return s.append('}').toString();
    }

    /** get_usage_char: '+' enabled only, '?' both, '-' used in the context only, '.' neither. */
    static char character(boolean usedIn, boolean enabled) {
        if (enabled) return usedIn ? '?' : '+';
        return usedIn ? '-' : '.';
    }
}
