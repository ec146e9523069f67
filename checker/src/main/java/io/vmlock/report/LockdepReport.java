package io.vmlock.report;

import io.vmlock.findings.BlockedAt;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.TraceStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Findings as the kernel reports them, line for line in shape, under the scenario's declared lock
 * names, within 80 columns:
 * <ul>
 * <li>a deadlock: lockdep's circular dependency, recursive locking, inconsistent lock state or irq
 *     inversion ({@link LockdepCycle});</li>
 * <li>a recursive lock: print_deadlock_bug ("possible recursive locking detected"), or, when the
 *     lock is taken again inside reclaim, the circular dependency through {@code fs_reclaim}
 *     ({@link LockdepReclaim});</li>
 * <li>sleep-in-atomic: __might_resched's "BUG: sleeping function called from invalid context"
 *     (kernel/sched/core.c); an allocation that may reclaim, in an interrupt handler, is first
 *     fs_reclaim's inconsistent lock state ({@link LockdepReclaim});</li>
 * <li>a hang: hung_task_info's "INFO: task ... blocked" (kernel/hung_task.c) for each blocked
 *     thread, then debug_show_all_locks' "Showing all locks held in the system".</li>
 * </ul>
 * Other findings get their headline only: the kernel has no report of its own for them.
 */
public final class LockdepReport {
    private LockdepReport() {
    }

    public static String render(CheckResult r) {
        StringBuilder out = new StringBuilder();
        new LockdepText(null, out, Map.of()).line(r.file() + ": " + TextReport.summary(r)); // no finding: a line writer only
        for (Finding f : r.findings()) {
            out.append('\n');
            LockdepText t = new LockdepText(f, out, r.objectKinds());
            if (!finding(t)) {
                t.line(f.verdict().id() + ": " + f.headline());
                t.line("    at " + f.location().position());
            }
        }
        return out.toString();
    }

    /** Whether the finding has a kernel report of its own (and it was written). */
    private static boolean finding(LockdepText t) {
        Finding f = t.finding();
        return switch (f.verdict()) {
            case DEADLOCK -> !f.cycle().isEmpty() && LockdepCycle.render(t);
            case RECURSIVE_LOCK -> recursive(t);
            case SLEEP_IN_ATOMIC -> sleepInAtomic(t);
            case HANG -> hungTask(t);
            case UNLOCK_NOT_HELD, LOCK_HELD_AT_EXIT, ASSERTION, ORDER_VIOLATION, POTENTIAL_DEADLOCK, INCOMPLETE,
                    CLEAN -> false;
        };
    }

    /**
     * The step that takes a held lock again; inside reclaim, the cycle through fs_reclaim, whose
     * scenario says {@code rlock(} for a retake for read. A finding that does not say how the lock
     * is taken again (one not from the search) prints it as a lock.
     */
    private static boolean recursive(LockdepText t) {
        Optional<TraceStep> step = t.findingStep();
        if (step.isEmpty() || t.finding().locks().isEmpty()) return false;
        TraceStep s = step.get();
        HeldLock retake = t.finding().retake()
                .orElse(new HeldLock(t.finding().locks().get(0), HeldLock.Mode.UNSTATED));
        String lock = retake.lock();
        List<HeldLock> held = t.heldBefore(s);
        boolean read = LockdepUsage.isRead(retake.mode());
        t.justTaken(retake, s.context());
        if (s.context().inReclaim()) {
            LockdepReclaim.recursion(t, s, lock, read, held);
        } else {
            recursiveLocking(t, s, lock, read, held);
        }
        return true;
    }

    /**
     * print_deadlock_bug: {@code s} takes {@code lock} ({@code read}: for read), which its thread
     * holds: lockdep finds the class it wants (a seqlock writer's spinlock, a reader's seqcount) held.
     */
    static void recursiveLocking(LockdepText t, TraceStep s, String lock, boolean read, List<HeldLock> held) {
        String wanted = t.wantedClass(t.className(lock), read);
        LockdepCycle.recursiveHeader(t, s.thread(), lock, wanted, LockdepText.site(s.operation(), s.span()));
        LockdepCycle.recursiveScenario(t, wanted, wanted);
        t.heldLocks(s.thread(), held);
        backtrace(t, s.thread(), s.operation(), s);
    }

    static void backtrace(LockdepText t, String thread, String operation, TraceStep s) {
        t.blank();
        t.out().append("stack backtrace:\nCall Trace:\n");
        t.stackDump(thread, operation, s.span(), s.callStack());
    }

    /**
     * __might_resched: where the sleeping call stands, the atomic context's figures (preempt_count
     * is one per spinlock held), the held locks, where preemption was disabled, the call trace.
     */
    private static boolean sleepInAtomic(LockdepText t) {
        Optional<TraceStep> step = t.findingStep();
        if (step.isEmpty()) return false;
        TraceStep s = step.get();
        if (LockdepReclaim.allocationInHandler(s)) {
            LockdepReclaim.allocationInHandler(t, s, t.heldBefore(s));
            return true;
        }
        List<String> spinlocks = t.finding().locks();
        boolean irqsOff = !s.context().irqsEnabled();
        t.line("BUG: sleeping function called from invalid context at " + s.span().position());
        t.line("in_atomic(): 1, irqs_disabled(): " + (irqsOff ? 1 : 0) + ", non_block: 0, name: " + s.thread());
        t.out().append("preempt_count: ").append(spinlocks.size()).append(", expected: 0\n");
        t.out().append("RCU nest depth: 0, expected: 0\n");
        t.heldLocks(s.thread(), t.heldBefore(s));
        if (!spinlocks.isEmpty()) {
            t.out().append("Preemption disabled at:\n");
            t.takenAt(s.thread(), spinlocks.get(0)).ifPresent(a -> t.line(LockdepText.site(a.operation(), a.span())));
        }
        t.out().append("Call Trace:\n");
        t.stackDump(s.thread(), s.operation(), s.span(), s.callStack());
        return true;
    }

    /** hung_task_info for each blocked thread, then debug_show_all_locks. */
    private static boolean hungTask(LockdepText t) {
        Finding f = t.finding();
        if (f.blocked().isEmpty()) return false;
        for (BlockedAt b : f.blocked()) {
            // the kernel prints how long the task has slept; a model has no clock, so the default
            // timeout (CONFIG_DEFAULT_HUNG_TASK_TIMEOUT) stands in for it
            t.line("INFO: task " + b.thread() + " blocked for more than 120 seconds.");
            t.out().append("\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n");
            t.out().append("task:").append(b.thread()).append(" state:D\n");
            t.out().append("Call Trace:\n");
            t.stackDump(b.thread(), b.operation(), b.span(), b.callStack());
        }
        t.blank();
        t.out().append("Showing all locks held in the system:\n");
        for (var e : heldAtEnd(f).entrySet()) {
            if (!e.getValue().isEmpty()) t.heldLocks(e.getKey(), e.getValue());
        }
        t.blank();
        t.out().append("=============================================\n");
        return true;
    }

    /** What each thread holds in the trace's last state: the blocked ones as blocked, the others after their last step. */
    private static Map<String, List<HeldLock>> heldAtEnd(Finding f) {
        Map<String, List<HeldLock>> held = new LinkedHashMap<>();
        for (TraceStep s : f.trace()) held.put(s.thread(), s.heldAfter());
        for (BlockedAt b : f.blocked()) held.put(b.thread(), b.held());
        List<String> threads = new ArrayList<>(held.keySet());
        threads.sort(String::compareTo);
        Map<String, List<HeldLock>> sorted = new LinkedHashMap<>();
        for (String thread : threads) sorted.put(thread, held.get(thread));
        return sorted;
    }
}
