package io.vmlock.report;

import io.vmlock.findings.BlockedAt;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.TraceStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reclaim as lockdep has seen it since 4.14: the lock class {@code fs_reclaim}
 * (mm/page_alloc.c's __fs_reclaim_map, read at linux-next 308d11b23391, 6.19-rc), taken for
 * write and released at every allocation that may reclaim into the filesystem (might_alloc in
 * include/linux/sched/mm.h: fs_reclaim_acquire, fs_reclaim_release, then might_sleep_if) and held
 * around direct reclaim (__perform_reclaim) and kswapd's balance_pgdat.
 * <ul>
 * <li>A lock taken again inside reclaim while the allocation that entered it held it: the chain
 *     {@code lock -> fs_reclaim} (the allocation under it) closed by {@code fs_reclaim -> lock}
 *     (reclaim taking it), printed as print_circular_bug, as lockdep reports it when a reclaimer
 *     (kswapd, another allocator) takes the lock: the thread is CPU0 in reclaim, CPU1 the
 *     allocation.</li>
 * <li>An allocation that may reclaim, in an interrupt handler: might_alloc takes fs_reclaim there
 *     before it may sleep, and lockdep reports the first bug only: {@code fs_reclaim}'s
 *     {@code {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W}} (HARDIRQ in a hard interrupt).</li>
 * </ul>
 */
final class LockdepReclaim {
    private static final String FS_RECLAIM = LockdepUsage.FS_RECLAIM;

    private LockdepReclaim() {
    }

    /**
     * {@code s} takes {@code lock} again inside reclaim ({@code shared}: for read): the cycle
     * through fs_reclaim when the allocation that entered reclaim held it, else recursive locking.
     */
    static void recursion(LockdepText t, TraceStep s, String lock, boolean shared, List<HeldLock> held) {
        Optional<TraceStep> entry = reclaimEntry(t, s);
        boolean heldAtEntry = entry.isPresent() && entry.get().heldAfter().stream().anyMatch(h -> h.lock().equals(lock));
        if (!heldAtEntry) {
            LockdepReport.recursiveLocking(t, s, lock, shared, held);
            return;
        }
        TraceStep allocation = entry.get();
        List<LockdepCircular.Dependency> chain = chain(t, s, lock, shared, allocation, held);
        LockdepCircular.print(t, s.thread(), chain, chain.get(chain.size() - 1).site());
        t.heldLocks(s.thread(), held, entry);
        LockdepReport.backtrace(t, s.thread(), s.operation(), s);
    }

    /**
     * #0 the lock retaken, then what the thread took after it and held over the allocation, then
     * fs_reclaim (taken at the allocation), then what reclaim took and holds: each taken with the
     * one before it held, so lockdep's graph has every edge of the chain.
     */
    private static List<LockdepCircular.Dependency> chain(LockdepText t, TraceStep s, String lock, boolean shared,
                                                       TraceStep allocation, List<HeldLock> held) {
        List<LockdepCircular.Dependency> chain = new ArrayList<>();
        String wanted = t.wantedClass(t.className(lock), shared);
        chain.add(new LockdepCircular.Dependency(wanted, shared, Optional.of(LockdepText.Site.of(s))));
        List<HeldLock> outside = t.heldInOrder(s.thread(), allocation.heldAfter());
        boolean after = false;
        for (HeldLock h : outside) {
            if (after) {
                chain.addAll(taken(t, s.thread(), h));
            } else if (h.lock().equals(lock)) {
                // a seqlock writer's seqcount, taken after the spinlock a writer retakes
                taken(t, s.thread(), h).stream().dropWhile(d -> !d.lockdepClass().equals(wanted)).skip(1)
                        .forEach(chain::add);
            }
            after |= h.lock().equals(lock);
        }
        chain.add(new LockdepCircular.Dependency(FS_RECLAIM, false, Optional.of(LockdepText.Site.of(allocation))));
        for (HeldLock h : t.heldInOrder(s.thread(), held)) {
            if (!allocation.heldAfter().contains(h)) chain.addAll(taken(t, s.thread(), h));
        }
        return chain;
    }

    /** What lockdep holds of {@code h}, each class a dependency taken where the thread took {@code h}. */
    private static List<LockdepCircular.Dependency> taken(LockdepText t, String thread, HeldLock h) {
        Optional<LockdepText.Site> site = t.takenAt(thread, h.lock()).map(LockdepText.Site::of);
        return t.acquisitions(h).stream().filter(LockdepSeqlock.Acquisition::held)
                .map(a -> new LockdepCircular.Dependency(a.lockdepClass(), a.read(), site)).toList();
    }

    /**
     * The allocation through which {@code b}'s thread waits in reclaim while holding {@code held},
     * taken before it: lockdep's chain has {@code held -> fs_reclaim} (the allocation) and
     * {@code fs_reclaim -> } the lock waited for (__perform_reclaim holds the map); empty when the
     * thread waits outside reclaim or took {@code held} in reclaim itself.
     */
    static Optional<TraceStep> allocationHolding(LockdepText t, BlockedAt b, String held) {
        if (!b.context().inReclaim()) return Optional.empty();
        TraceStep at = new TraceStep(Integer.MAX_VALUE, b.thread(), b.operation(), b.span(), b.callStack(), b.held(),
                b.span(), b.context());
        return reclaimEntry(t, at).filter(e -> e.heldAfter().stream().anyMatch(h -> h.lock().equals(held)));
    }

    /** The last step of the thread before {@code s} outside reclaim: the allocation that entered it. */
    private static Optional<TraceStep> reclaimEntry(LockdepText t, TraceStep s) {
        TraceStep entry = null;
        for (TraceStep step : t.finding().trace()) {
            if (step.number() >= s.number()) break;
            if (step.thread().equals(s.thread()) && !step.context().inReclaim()) entry = step;
        }
        return Optional.ofNullable(entry).filter(e -> e.context().fsReclaimAllocation());
    }

    /** Whether {@code s} is an allocation lockdep sees take fs_reclaim in an interrupt handler. */
    static boolean allocationInHandler(TraceStep s) {
        return s.context().fsReclaimAllocation() && (s.context().inHardirq() || s.context().inSoftirq());
    }

    /**
     * print_usage_bug for fs_reclaim taken in a handler: registered at an allocation of the trace
     * made where that interrupt may come, if there is one (in a running kernel, boot's first).
     */
    static void allocationInHandler(LockdepText t, TraceStep s, List<HeldLock> held) {
        LockdepUsage.State state = s.context().inHardirq() ? LockdepUsage.State.HARDIRQ : LockdepUsage.State.SOFTIRQ;
        String registered = state.name() + "-ON-W";
        Optional<LockdepText.Site> registeredAt = registeredAt(t, state);
        // the allocation itself is a step of the trace: fs_reclaim's IN- bit is set already
        if (registeredAt.isEmpty()) t.registeredBeforeTheTrace(FS_RECLAIM, state);
        LockdepCycle.usageHeader(t, state, registered, "IN-" + state.name() + "-W", s.thread(), FS_RECLAIM,
                FS_RECLAIM, LockdepText.site(s.operation(), s.span()));
        t.out().append("{").append(registered).append("} state was registered at:\n");
        registeredAt.ifPresentOrElse(t::callChain, () -> t.line(LockdepText.CHAIN_INDENT
                + "(before the trace: at boot, the first allocation in task context)"));
        t.blank();
        t.out().append("other info that might help us debug this:\n");
        LockdepCycle.usageScenario(t, FS_RECLAIM, FS_RECLAIM);
        t.heldLocks(s.thread(), held);
        LockdepReport.backtrace(t, s.thread(), s.operation(), s);
    }

    /** The first allocation of the trace that took fs_reclaim where {@code state} may come. */
    private static Optional<LockdepText.Site> registeredAt(LockdepText t, LockdepUsage.State state) {
        for (TraceStep step : t.finding().trace()) {
            var c = step.context();
            boolean enabled = switch (state) {
                case HARDIRQ -> c.irqsEnabled() && !c.inHardirq();
                case SOFTIRQ -> c.softirqsEnabled() && !c.inHardirq() && !c.inSoftirq();
            };
            if (c.fsReclaimAllocation() && enabled) return Optional.of(LockdepText.Site.of(step));
        }
        return Optional.empty();
    }
}
