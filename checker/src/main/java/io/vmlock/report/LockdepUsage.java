package io.vmlock.report;

import io.vmlock.findings.HeldLock;
import io.vmlock.findings.StepContext;
import io.vmlock.findings.TraceStep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * lockdep's usage characters ({@code {+.+.}}) for each lock, from what the trace shows of it:
 * kernel/locking/lockdep.c's get_usage_chars over the states of lockdep_states.h (HARDIRQ and
 * SOFTIRQ since 4.14, when reclaim became the {@code fs_reclaim} map), a write and a read
 * character each (read at linux-next 308d11b23391, 6.19-rc). A state's "used in" bit is set by
 * taking the lock in that context (mark_usage: in an interrupt handler), its "enabled" bit by
 * holding it while the context may come (interrupts on, mark_held_locks); a read acquisition sets
 * the read bits (mark_usage's {@code hlock->read}). Read: an rwsem's read hold and a jbd2 handle
 * (start_this_handle's rwsem_acquire_read of j_trans_commit_map). SOFTIRQ is "used in" in a
 * softirq handler and "enabled" where softirqs may come (irqs on, no _bh mask, no softirq
 * running); trylocks are not told apart from locks. {@code fs_reclaim} is taken for write at each
 * allocation that may reclaim into the filesystem (might_alloc's fs_reclaim_acquire).
 */
final class LockdepUsage {
    /** lockdep_states.h's states, in the order get_usage_chars prints them. */
    enum State { HARDIRQ, SOFTIRQ }

    /** mm/page_alloc.c's __fs_reclaim_map, as lockdep prints its class. */
    static final String FS_RECLAIM = "fs_reclaim";

    private static final int STATES = State.values().length;
    private static final int HARDIRQ = State.HARDIRQ.ordinal();
    private static final int SOFTIRQ = State.SOFTIRQ.ordinal();
    private static final int WRITE = 0;
    private static final int READ = 1;
    private static final int USED_IN = 0;
    private static final int ENABLED = 1;

    /** Per lockdep class: [state][write 0, read 1][used in 0, enabled 1]. */
    private final Map<String, boolean[][][]> bits = new HashMap<>();

    /**
     * {@code acquisitions}: what lockdep acquires for a held lock, under the class it keeps the
     * usage in (instances share it; a seqlock writer's two classes, a reader's seqcount).
     */
    LockdepUsage(List<TraceStep> trace, Function<HeldLock, List<LockdepSeqlock.Acquisition>> acquisitions) {
        Map<String, List<HeldLock>> before = new HashMap<>();
        for (TraceStep s : trace) {
            List<HeldLock> previously = before.getOrDefault(s.thread(), List.of());
            for (HeldLock h : s.heldAfter()) {
                for (LockdepSeqlock.Acquisition a : acquisitions.apply(h)) {
                    mark(a.lockdepClass(), a.read() ? READ : WRITE, !previously.contains(h), s.context(),
                            a.readerAccess());
                }
            }
            if (s.context().fsReclaimAllocation()) mark(FS_RECLAIM, WRITE, true, s.context(), false);
            before.put(s.thread(), s.heldAfter());
        }
    }

    /**
     * {@code irqsSaved}: seqcount_lockdep_reader_access() acquires inside local_irq_save(), so
     * mark_usage sets no "enabled" bit ({@code hlock->hardirqs_off}), only "used in".
     */
    private void mark(String lockdepClass, int read, boolean taken, StepContext c, boolean irqsSaved) {
        boolean[][][] b = bitsOf(lockdepClass);
        if (taken && c.inHardirq()) b[HARDIRQ][read][USED_IN] = true;
        if (taken && c.inSoftirq() && !c.inHardirq()) b[SOFTIRQ][read][USED_IN] = true;
        if (irqsSaved) return;
        if (c.irqsEnabled() && !c.inHardirq()) b[HARDIRQ][read][ENABLED] = true;
        if (c.softirqsEnabled() && !c.inHardirq()) b[SOFTIRQ][read][ENABLED] = true;
    }

    private boolean[][][] bitsOf(String lockdepClass) {
        return bits.computeIfAbsent(lockdepClass, k -> new boolean[STATES][2][2]);
    }

    /**
     * The usage of an acquisition no held list of the trace shows: a recursive lock's retake, or a
     * wait of a one-thread deadlock's cycle (the thread stops there). __lock_acquire marks it
     * (mark_usage, {@code hlock->read} for a read) before validate_chain finds the lock held and
     * prints the report (read at Kingxukai/linux 9b44fff, 6.17), so the report's lines print the
     * class with it.
     */
    void markTaken(String lockdepClass, boolean read, StepContext c, boolean irqsSaved) {
        mark(lockdepClass, read ? READ : WRITE, true, c, irqsSaved);
    }

    /**
     * The "used in" bit of the acquisition a usage report is about, which the trace never shows
     * (the handler blocks on the lock). mark_lock (kernel/locking/lockdep.c) sets the bit in the
     * class's usage_mask before mark_lock_irq finds the conflict and prints the report, so every
     * line of that report prints the class with it: {@code IN-<state>-W}, or {@code -R} for a read.
     */
    void markUsedIn(String lockdepClass, State state, boolean read) {
        bitsOf(lockdepClass)[state.ordinal()][read ? READ : WRITE][USED_IN] = true;
    }

    /**
     * The write "enabled" bit a usage report says was registered before the trace began: fs_reclaim's,
     * which the first allocation at boot sets, when no allocation of the trace did.
     */
    void markEnabled(String lockdepClass, State state) {
        bitsOf(lockdepClass)[state.ordinal()][WRITE][ENABLED] = true;
    }

    /** Whether the class was held for read where {@code state} may come, and never so for write. */
    boolean enabledForReadOnly(String lockdepClass, State state) {
        boolean[][][] b = bits.getOrDefault(lockdepClass, new boolean[STATES][2][2]);
        return b[state.ordinal()][READ][ENABLED] && !b[state.ordinal()][WRITE][ENABLED];
    }

    static boolean isRead(HeldLock.Mode mode) {
        return switch (mode) {
            case READ, HANDLE -> true;
            case EXCLUSIVE, WRITE, COMMIT, UNSTATED -> false;
        };
    }

    /** {@code {+.+.}}: the class's characters, each state's write then read. */
    String of(String lockdepClass) {
        boolean[][][] b = bits.getOrDefault(lockdepClass, new boolean[STATES][2][2]);
        StringBuilder s = new StringBuilder("{");
        for (int state = 0; state < STATES; state++) {
            for (int read = 0; read < 2; read++) s.append(character(b[state][read][USED_IN], b[state][read][ENABLED]));
        }
        return s.append('}').toString();
    }

    /** get_usage_char: '+' enabled only, '?' both, '-' used in the context only, '.' neither. */
    static char character(boolean usedIn, boolean enabled) {
        if (enabled) return usedIn ? '?' : '+';
        return usedIn ? '-' : '.';
    }
}
