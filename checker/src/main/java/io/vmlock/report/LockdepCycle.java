package io.vmlock.report;

import io.vmlock.findings.BlockedAt;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A deadlock's wait-for cycle as lockdep reports it (kernel/locking/lockdep.c, read at
 * torvalds/linux baf9c8c, 4.14, and linux-next 308d11b23391, 6.19-rc, whose reports these are):
 * <ul>
 * <li>print_circular_bug: the header, "the existing dependency chain (in reverse order) is:" with
 *     one {@code -> #N (class){usage}:} entry and call chain a dependency, "other info", "Chain
 *     exists of:", print_circular_lock_scenario's CPU table, the held locks;</li>
 * <li>print_deadlock_bug: a thread waiting for a lock it holds itself; inside reclaim, the cycle
 *     through {@code fs_reclaim} ({@link LockdepReclaim});</li>
 * <li>print_usage_bug with {@code {HARDIRQ-ON-W} -> {IN-HARDIRQ-W}}: an interrupt handler
 *     waiting for a lock the task it interrupted holds ({@code SOFTIRQ} for a softirq);</li>
 * <li>print_irq_inversion_bug: a handler in a cycle with another CPU;</li>
 * <li>cross-release's "scenario by crosslock" (4.14): a cycle through an event, named
 *     {@code (complete)c} or {@code (wait_event)cond}, the thread that would bring it about
 *     "unlocking" it.</li>
 * </ul>
 * CPU0 is the cycle's first thread; its wait is the acquisition lockdep would catch.
 */
final class LockdepCycle {
    static final String COLUMN = "                               ";

    private LockdepCycle() {
    }

    static boolean render(LockdepText t) {
        List<WaitLink> cycle = lockdepView(t, t.finding().cycle());
        int irq = indexOf(cycle, true);
        int event = indexOf(cycle, false);
        if (irq >= 0 && cycle.size() == 1) {
            irqUsage(t, cycle.get(0));
        } else if (irq >= 0) {
            irqInversion(t, rotate(cycle, irq));
        } else if (event >= 0) {
            t.beforeWaitTypes();
            crosslock(t, rotate(cycle, event));
        } else if (cycle.size() == 1) {
            self(t, cycle.get(0));
        } else {
            circular(t, cycle);
        }
        return true;
    }

    /**
     * The cycle as lockdep's dependency graph has it: lockdep knows no queue, so a writer queued
     * ahead (holding nothing) is not in it; the thread waiting behind that writer waits, as
     * lockdep's read/write rule says, for the lock the next thread holds. Each end is named by the
     * class lockdep sees there ({@link #lockdepClasses}).
     */
    private static List<WaitLink> lockdepView(LockdepText t, List<WaitLink> cycle) {
        List<WaitLink> held = cycle.stream().filter(l -> !l.queued() && !waitsForItsOwnClass(l)).toList();
        return (held.isEmpty() ? cycle : held).stream().map(l -> lockdepClasses(t, l)).toList();
    }

    /**
     * A link under lockdep's classes ({@link LockdepSeqlock}): a wait on a seqlock is on its
     * spinlock (a writer's) or its seqcount (a reader's), a hold is the class its holder took last
     * (a writer's seqcount); a thread waiting for what it holds finds the class it wants held.
     */
    private static WaitLink lockdepClasses(LockdepText t, WaitLink l) {
        WaitLink.End waits = l.waitsFor() instanceof WaitLink.Lock w
                ? new WaitLink.Lock(w.name(), w.lockClass(), w.shared(), t.wantedClass(w.lockdepClass(), w.shared()))
                : l.waitsFor();
        WaitLink.End holds = l.holds();
        if (holds instanceof WaitLink.Lock h) {
            String held = h.name().equals(waits.name()) ? waits.lockdepClass() : t.holdingClass(h.lockdepClass());
            holds = new WaitLink.Lock(h.name(), h.lockClass(), h.shared(), held);
        }
        return new WaitLink(l.thread(), holds, waits, l.interrupt(), l.behind(), l.softirq());
    }

    /**
     * A percpu rwsem's writer waiting for the readers it has shut out (it holds the class for
     * write): percpu_down_write() takes the class for lockdep before that wait (rwsem_acquire(),
     * then readers_active_check()), so lockdep's graph has no edge for it, and the thread behind
     * the writer waits, to lockdep, for the reader. A reader waiting behind a queued writer for the
     * class it holds for read stays: lockdep reports that recursion.
     */
    private static boolean waitsForItsOwnClass(WaitLink l) {
        return l.holds() instanceof WaitLink.Lock h && !h.shared()
                && h.lockdepClass().equals(l.waitsFor().lockdepClass());
    }

    /** The first link waiting in an interrupt handler ({@code irq}) or for an event; -1 if none. */
    private static int indexOf(List<WaitLink> cycle, boolean irq) {
        for (int i = 0; i < cycle.size(); i++) {
            WaitLink l = cycle.get(i);
            if (irq ? l.interrupt().isPresent() : l.waitsFor() instanceof WaitLink.Event) return i;
        }
        return -1;
    }

    /** lockdep_states.h's name of the handler's context: HARDIRQ, or SOFTIRQ. */
    private static String state(WaitLink inHandler) {
        return usageState(inHandler).name();
    }

    private static LockdepUsage.State usageState(WaitLink inHandler) {
        return inHandler.softirq() ? LockdepUsage.State.SOFTIRQ : LockdepUsage.State.HARDIRQ;
    }

    private static List<WaitLink> rotate(List<WaitLink> cycle, int start) {
        List<WaitLink> r = new ArrayList<>(cycle.subList(start, cycle.size()));
        r.addAll(cycle.subList(0, start));
        return r;
    }

    private static String name(LockdepText t, WaitLink.End end) {
        return t.lockName(end.name(), end.lockdepClass());
    }

    /** Where the thread blocks: its operation and position, as {@code at:} prints a site. */
    private static String blockedSite(LockdepText t, String thread) {
        return t.blocked(thread).map(b -> ", at: " + LockdepText.site(b.operation(), b.span())).orElse("");
    }

    private static String takenSite(LockdepText t, String thread, String lock) {
        return t.takenAt(thread, lock).map(s -> ", at: " + LockdepText.site(s.operation(), s.span())).orElse("");
    }

    /** The held locks and the stack of each named thread, as the kernel prints them for the current task. */
    private static void heldAndBacktrace(LockdepText t, String... threads) {
        for (String thread : threads) t.blocked(thread).ifPresent(b -> t.heldLocks(thread, b.held()));
        backtrace(t, threads[0]);
    }

    /** The same for one thread that holds fs_reclaim from {@code reclaimEntry} on, if present. */
    private static void heldAndBacktrace(LockdepText t, String thread, Optional<TraceStep> reclaimEntry) {
        t.blocked(thread).ifPresent(b -> t.heldLocks(thread, b.held(), reclaimEntry));
        backtrace(t, thread);
    }

    private static void backtrace(LockdepText t, String thread) {
        t.blank();
        t.out().append("stack backtrace:\nCall Trace:\n");
        t.blocked(thread).ifPresent(b -> t.stackDump(thread, b.operation(), b.span(), b.callStack()));
    }

    /** print_circular_bug_header's opening: the banner, the current task and the lock it wants. */
    private static void tryingToAcquire(LockdepText t, WaitLink current) {
        t.banner("possible circular locking dependency detected");
        t.out().append(current.thread()).append(" is trying to acquire lock:\n");
        t.line(" " + name(t, current.waitsFor()) + blockedSite(t, current.thread()));
        t.blank();
    }

    /**
     * The wait-for cycle's threads as lockdep's chain: #k is what the k-th thread waits for, taken
     * while #k-1 is held. A thread that waits in reclaim entered by an allocation under what it
     * holds adds fs_reclaim between the two: lockdep saw the allocation take fs_reclaim under the
     * held lock and reclaim take the wanted one under fs_reclaim. CPU0's fs_reclaim goes last: the
     * lock its task holds.
     */
    private static void circular(LockdepText t, List<WaitLink> cycle) {
        WaitLink cpu0 = cycle.get(0);
        List<LockdepCircular.Dependency> chain = new ArrayList<>();
        Optional<TraceStep> cpu0Allocation = Optional.empty();
        for (int i = 0; i < cycle.size(); i++) {
            WaitLink l = cycle.get(i);
            Optional<BlockedAt> b = t.blocked(l.thread());
            Optional<TraceStep> allocation = b.flatMap(w -> LockdepReclaim.allocationHolding(t, w, l.holds().name()));
            if (l == cpu0) {
                cpu0Allocation = allocation;
            } else {
                allocation.ifPresent(a -> chain.add(fsReclaim(a)));
            }
            chain.add(new LockdepCircular.Dependency(l.waitsFor().lockdepClass(), l.waitsFor().shared(),
                    b.map(LockdepText.Site::of)));
            // the holder took a class after the one waited for (a seqlock writer: its seqcount after the
            // spinlock): lockdep's chain goes through it, taken where the holder took the lock
            String last = t.holdingClass(l.waitsFor().lockdepClass());
            if (!last.equals(l.waitsFor().lockdepClass())) {
                WaitLink holder = cycle.get((i + 1) % cycle.size());
                chain.add(new LockdepCircular.Dependency(last, false,
                        t.takenAt(holder.thread(), holder.holds().name()).map(LockdepText.Site::of)));
            }
        }
        if (cpu0Allocation.isEmpty()) {
            // the last class is CPU0's own hold, which print_circular_lock_scenario prints as CPU0 holds
            // it (tgt->read), not as the thread before it in the cycle waits for it
            LockdepCircular.Dependency held = chain.remove(chain.size() - 1);
            chain.add(new LockdepCircular.Dependency(held.lockdepClass(), cpu0.holds().shared(), held.site()));
        }
        cpu0Allocation.ifPresent(a -> chain.add(fsReclaim(a)));
        Optional<LockdepText.Site> holding = cpu0Allocation.isPresent() ? cpu0Allocation.map(LockdepText.Site::of)
                : t.takenAt(cpu0.thread(), cpu0.holds().name()).map(LockdepText.Site::of);
        LockdepCircular.print(t, cpu0.thread(), chain, holding);
        heldAndBacktrace(t, cpu0.thread(), cpu0Allocation);
    }

    private static LockdepCircular.Dependency fsReclaim(TraceStep allocation) {
        return new LockdepCircular.Dependency(LockdepUsage.FS_RECLAIM, false,
                Optional.of(LockdepText.Site.of(allocation)));
    }

    /**
     * A thread waiting for what it holds: inside reclaim a cycle through fs_reclaim, else recursive
     * locking. The class prints with the usage of every wait of the cycle, a writer's queued ahead
     * too: each entered lock_acquire, which marks it (mark_usage), before it blocked.
     */
    private static void self(LockdepText t, WaitLink l) {
        for (WaitLink w : t.finding().cycle()) {
            t.blocked(w.thread()).ifPresent(wait -> t.justTaken(
                    t.wantedClass(w.waitsFor().lockdepClass(), w.waitsFor().shared()), w.waitsFor().shared(),
                    wait.context()));
        }
        Optional<BlockedAt> b = t.blocked(l.thread());
        String site = LockdepText.site(b.map(BlockedAt::operation).orElse(""), t.finding().location());
        if (b.isPresent() && b.get().context().inReclaim()) {
            TraceStep at = new TraceStep(Integer.MAX_VALUE, l.thread(), b.get().operation(), b.get().span(),
                    b.get().callStack(), b.get().held(), b.get().span(), b.get().context());
            LockdepReclaim.recursion(t, at, l.holds().name(), l.waitsFor().shared(), b.get().held());
            return;
        }
        recursiveHeader(t, l.thread(), l.holds().name(), l.holds().lockdepClass(), site);
        recursiveScenario(t, l.holds().lockdepClass(), l.waitsFor().lockdepClass());
        heldAndBacktrace(t, l.thread());
    }

    /** print_deadlock_bug's header, down to "other info". */
    static void recursiveHeader(LockdepText t, String thread, String lock, String lockdepClass, String site) {
        t.banner("possible recursive locking detected");
        t.out().append(thread).append(" is trying to acquire lock:\n");
        t.line(" " + t.lockName(lock, lockdepClass) + ", at: " + site);
        t.blank();
        t.out().append("but task is already holding lock:\n");
        t.line(" " + t.lockName(lock, lockdepClass) + takenSite(t, thread, lock));
        t.blank();
        t.out().append("other info that might help us debug this:\n");
    }

    /** print_deadlock_scenario: {@code lock(} on both lines, whatever the modes (no {@code rlock(} there). */
    static void recursiveScenario(LockdepText t, String held, String wanted) {
        t.out().append(" Possible unsafe locking scenario:\n\n");
        t.out().append("       CPU0\n");
        t.out().append("       ----\n");
        t.out().append("  lock(").append(held).append(");\n");
        t.out().append("  lock(").append(wanted).append(");\n");
        deadlock(t);
        t.out().append(" May be due to missing lock nesting notation\n\n");
    }

    /**
     * print_usage_bug's header: the usage already registered, the new one (taken in a {@code state}
     * handler), who takes what.
     */
    static void usageHeader(LockdepText t, LockdepUsage.State state, String registered, String now, String thread,
                            String lock, String lockdepClass, String site) {
        t.banner("inconsistent lock state");
        t.out().append("inconsistent {").append(registered).append("} -> {").append(now).append("} usage.\n");
        t.out().append(thread).append(contextFlags(state)).append(" takes:\n");
        t.line(" " + t.lockName(lock, lockdepClass) + ", at: " + site);
    }

    /**
     * print_usage_bug's {@code [HC%u[%lu]:SC%u[%lu]:HE%u:SE%u]}: in a hard interrupt, irqs off; in
     * a softirq, softirqs off and irqs on (__do_softirq runs the handlers with irqs enabled).
     */
    private static String contextFlags(LockdepUsage.State state) {
        return switch (state) {
            case HARDIRQ -> " [HC1[1]:SC0[0]:HE0:SE1]";
            case SOFTIRQ -> " [HC0[0]:SC1[1]:HE1:SE0]";
        };
    }

    /** print_usage_bug_scenario: lockdep prints {@code <Interrupt>} for reclaim too. */
    static void usageScenario(LockdepText t, String held, String wanted) {
        t.out().append(" Possible unsafe locking scenario:\n\n");
        t.out().append("       CPU0\n");
        t.out().append("       ----\n");
        t.out().append("  lock(").append(held).append(");\n");
        t.out().append("  <Interrupt>\n");
        t.out().append("    lock(").append(wanted).append(");\n");
        deadlock(t);
    }

    /**
     * The handler spins on the lock its own CPU's task holds: registered irq-on, now taken in the
     * handler, {@code -R} for a read on either side (mark_lock_irq).
     */
    private static void irqUsage(LockdepText t, WaitLink l) {
        String site = t.blocked(l.thread()).map(b -> LockdepText.site(b.operation(), b.span())).orElse("");
        LockdepUsage.State state = usageState(l);
        String lockdepClass = l.waitsFor().lockdepClass();
        boolean read = l.waitsFor().shared();
        String registered = t.registeredUsage(lockdepClass, state, read);
        t.justUsedIn(lockdepClass, state, read);
        usageHeader(t, state, registered, "IN-" + state.name() + (read ? "-R" : "-W"), l.thread(),
                l.waitsFor().name(), lockdepClass, site);
        t.out().append("{").append(registered).append("} state was registered at:\n");
        t.takenAt(l.thread(), l.holds().name()).ifPresent(s -> t.callChain(s.thread(), s.operation(), s.span(),
                s.callStack()));
        t.blank();
        t.out().append("other info that might help us debug this:\n");
        usageScenario(t, l.holds().lockdepClass(), lockdepClass);
        heldAndBacktrace(t, l.thread());
    }

    /**
     * print_irq_inversion_bug: CPU0's task holds the irq-unsafe lock, its handler wants the
     * irq-safe one; CPU1 (the next thread of the cycle, which holds what the handler wants)
     * holds the safe lock with interrupts off and wants the middle lock, the unsafe one itself in
     * a two-lock cycle.
     */
    private static void irqInversion(LockdepText t, List<WaitLink> cycle) {
        WaitLink cpu0 = cycle.get(0);
        WaitLink cpu1 = cycle.get(1);
        t.justUsedIn(cpu0.waitsFor().lockdepClass(), usageState(cpu0), cpu0.waitsFor().shared());
        t.banner("possible irq lock inversion dependency detected");
        t.out().append(cpu0.thread()).append(" just changed the state of lock:\n");
        t.line(" " + name(t, cpu0.waitsFor()) + blockedSite(t, cpu0.thread()));
        // state_name(): the unsafe lock's read bit when only a read was held with interrupts on
        String unsafeState = state(cpu0)
                + (t.readOnlyEnabled(cpu0.holds().lockdepClass(), usageState(cpu0)) ? "-READ" : "");
        t.out().append("but this lock took another, ").append(unsafeState).append("-unsafe lock in the past:\n");
        t.line(" " + name(t, cpu0.holds()));
        t.blank();
        t.out().append("and interrupts could create inverse lock ordering between them.\n\n\n");
        t.out().append("other info that might help us debug this:\n");
        String unsafe = cpu0.holds().lockdepClass();
        String safe = cpu1.holds().lockdepClass();
        String middle = cpu1.waitsFor().lockdepClass();
        if (!middle.equals(unsafe)) chainLine(t, safe, middle, unsafe);
        t.out().append(" Possible interrupt unsafe locking scenario:\n\n");
        twoColumns(t);
        t.out().append("  ").append(lock(cpu0.holds())).append('\n');
        t.out().append(COLUMN).append("local_irq_disable();\n");
        t.out().append(COLUMN).append(lock(cpu1.holds())).append('\n');
        t.out().append(COLUMN).append(lock(cpu1.waitsFor())).append('\n');
        t.out().append("  <Interrupt>\n");
        t.out().append("    ").append(lock(cpu0.waitsFor())).append('\n');
        deadlock(t);
        heldAndBacktrace(t, cpu0.thread(), cpu1.thread());
    }

    /**
     * Cross-release: CPU1, which would bring the event about, tries to take the lock CPU0 holds
     * while CPU0 waits for the event.
     */
    private static void crosslock(LockdepText t, List<WaitLink> cycle) {
        WaitLink cpu0 = cycle.get(0);
        WaitLink cpu1 = cycle.get(1 % cycle.size());
        tryingToAcquire(t, cpu1);
        t.out().append("but now in release context of a crosslock acquired at the following:\n");
        t.line(" " + name(t, cpu0.waitsFor()) + blockedSite(t, cpu0.thread()));
        t.blank();
        t.out().append("which lock already depends on the new lock.\n\n\n");
        t.out().append("other info that might help us debug this:\n\n");
        LockdepCircular.chain(t, cpu1.waitsFor().lockdepClass(), cpu0.holds().lockdepClass(),
                cpu0.waitsFor().lockdepClass());
        t.out().append(" Possible unsafe locking scenario by crosslock:\n\n");
        twoColumns(t);
        cell(t, "  ", lock(cpu0.holds()));
        cell(t, "  ", lock(cpu0.waitsFor().lockdepClass(), false));
        cell(t, COLUMN, lock(cpu1.waitsFor()));
        cell(t, COLUMN, "unlock(" + cpu0.waitsFor().lockdepClass() + ");");
        deadlock(t);
        heldAndBacktrace(t, cpu1.thread(), cpu0.thread());
    }

    /**
     * A line of the scenario table in its column. An event's class is its condition's text, which
     * has spaces where lockdep's class names have none: a long one wraps within the column.
     */
    private static void cell(LockdepText t, String column, String text) {
        t.line(column + text, column + "       ");
    }

    static void chainLine(LockdepText t, String first, String second, String third) {
        t.out().append("Chain exists of:\n");
        t.line("  " + first + " --> " + second + " --> " + third, "  ");
        t.blank();
    }

    static void twoColumns(LockdepText t) {
        t.out().append("       CPU0                    CPU1\n");
        t.out().append("       ----                    ----\n");
    }

    static void deadlock(LockdepText t) {
        t.out().append("\n *** DEADLOCK ***\n\n");
    }

    private static String lock(WaitLink.End end) {
        return lock(end.lockdepClass(), end.shared());
    }

    static String lock(String name, boolean shared) {
        return (shared ? "rlock(" : "lock(") + name + ");";
    }
}
