package io.vmlock.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the graph walk does with each kind of operation: which edges come out, with which witnesses. */
class WalkSemanticsTest {
    private static GraphBuild build(String source) {
        GraphBuild b = IrGraphBuilder.build(Scenarios.lower(source));
        assertTrue(b.complete());
        return b;
    }

    private static String edges(String source) {
        return edges(build(source).graph());
    }

    private static String edges(LockOrderGraph g) {
        return g.edges().stream().map(e -> e + "(" + e.paths() + ")").collect(Collectors.joining(", "));
    }

    /** Every witness of every edge: {@code held -> acquired (mode)}. */
    private static List<String> witnesses(LockOrderGraph g) {
        return g.edges().stream().flatMap(e -> e.dependencies().stream())
                .map(d -> d.held().label() + " -> " + d.acquired().label()
                        + (d.acquired().mode().isEmpty() ? "" : " (" + d.acquired().mode() + ")"))
                .toList();
    }

    @Test
    void allocationScopesChooseWhichReclaimPathsAnAllocationEnters() {
        String s = """
                mutex fs_lock; mutex io_lock; mutex any_lock;
                mutex plain; mutex nofs; mutex noio; mutex noreclaim; mutex after;
                proc fs() { mutex_lock(fs_lock); mutex_unlock(fs_lock); }
                proc io() { mutex_lock(io_lock); mutex_unlock(io_lock); }
                proc any() { mutex_lock(any_lock); mutex_unlock(any_lock); }
                reclaim __GFP_FS fs();
                reclaim __GFP_IO io();
                reclaim any();
                thread t {
                    mutex_lock(plain); alloc(GFP_KERNEL); mutex_unlock(plain);
                    memalloc_nofs_save();
                    mutex_lock(nofs); alloc(GFP_KERNEL); mutex_unlock(nofs);
                    memalloc_nofs_restore();
                    memalloc_noio_save();
                    mutex_lock(noio); alloc(GFP_KERNEL); mutex_unlock(noio);
                    memalloc_noio_restore();
                    memalloc_noreclaim_save();
                    mutex_lock(noreclaim); alloc(GFP_KERNEL); mutex_unlock(noreclaim);
                    memalloc_noreclaim_restore();
                    mutex_lock(after); alloc(GFP_NOWAIT); alloc(GFP_KERNEL); mutex_unlock(after);
                }
                """;
        // each restore reopens what its save closed; GFP_NOWAIT never reclaims; a reclaim path
        // itself allocates nothing here, so the pseudo-locks order only their own path's lock
        assertEquals("after -> fs_reclaim(1), after -> io_reclaim(1), after -> reclaim(1), "
                + "fs_reclaim -> fs_lock(1), io_reclaim -> io_lock(1), "
                + "nofs -> io_reclaim(1), nofs -> reclaim(1), noio -> reclaim(1), "
                + "plain -> fs_reclaim(1), plain -> io_reclaim(1), plain -> reclaim(1), reclaim -> any_lock(1)",
                edges(s));
    }

    @Test
    void aReclaimPathThatAllocatesDoesNotReenterReclaim() {
        String s = """
                mutex m; mutex inner;
                proc shrink() { mutex_lock(inner); alloc(GFP_KERNEL); mutex_unlock(inner); }
                reclaim __GFP_FS shrink();
                thread t { mutex_lock(m); alloc(GFP_KERNEL); mutex_unlock(m); }
                """;
        assertEquals("fs_reclaim -> inner(1), m -> fs_reclaim(1)", edges(s));
    }

    @Test
    void locksHeldWhileInterruptsAreEnabledOrderBeforeTheInterruptContext() {
        String s = """
                spinlock x; spinlock y; spinlock z; spinlock w;
                thread t {
                    spin_lock(x);
                    local_irq_disable(); spin_lock(y); spin_unlock(y); local_irq_enable();
                    spin_unlock(x);
                    local_irq_save(); local_irq_save(); spin_lock(z); local_irq_restore(); spin_unlock(z); local_irq_restore();
                    spin_lock_irqsave(w); spin_unlock_irqrestore(w);
                }
                interrupt h on t { spin_lock(y); spin_unlock(y); }
                """;
        // x is held with interrupts on twice: when taken and when local_irq_enable turns them back
        // on; y, z and w are only ever held with interrupts off (the inner restore keeps them off)
        GraphBuild b = build(s);
        assertEquals("hardirq -> y(1), x -> hardirq(2), x -> y(1)", edges(b.graph()));
        assertEquals(List.of("hardirq -> y (irqs off)", "x -> y (irqs off)"),
                witnesses(b.graph()).stream().filter(w -> w.endsWith("y (irqs off)")).toList());
    }

    @Test
    void anUnlockThatTurnsInterruptsBackOnOrdersWhatIsStillHeld() {
        String s = """
                spinlock x; spinlock y;
                thread t { local_irq_disable(); spin_lock(x); local_irq_enable(); spin_unlock(x);
                           spin_lock_irqsave(y); spin_lock(x); spin_unlock_irqrestore(y); spin_unlock(x); }
                thread u { spin_lock(y); spin_unlock(y); }
                interrupt h on t { }
                """;
        // x is taken with interrupts off each time, but held when they come back on: by
        // local_irq_enable, and by the irqrestore of y; u is not interruptible, so it orders nothing
        assertEquals("x -> hardirq(2), y -> x(1)", edges(s));
    }

    @Test
    void locksHeldWithSoftirqsEnabledOrderBeforeTheSoftirqContext() {
        String s = """
                spinlock x; spinlock y; spinlock z; spinlock w; spinlock v;
                thread t {
                    spin_lock(x); spin_unlock(x);
                    spin_lock_bh(y); spin_unlock_bh(y);
                    local_bh_disable(); local_bh_disable(); spin_lock(z); local_bh_enable(); spin_unlock(z); local_bh_enable();
                    local_bh_disable(); spin_lock(w); local_bh_enable(); spin_unlock(w);
                    spin_lock_irq(v); spin_unlock_irq(v);
                }
                softirq s on t { spin_lock(y); spin_unlock(y); }
                """;
        // x is held with softirqs on; w when local_bh_enable turns them back on; y and z only with
        // them masked (the inner enable of two keeps them off); v with interrupts off, which masks
        // both. No hard interrupt handler: nothing orders before hardirq
        assertEquals("softirq -> y(1), w -> softirq(1), x -> softirq(1)", edges(s));
    }

    @Test
    void aSoftirqMasksSoftirqsButAHardInterruptMayArriveInIt() {
        String s = """
                spinlock a; spinlock b; spinlock c;
                thread t { spin_lock_bh(a); spin_unlock_bh(a); }
                softirq s on t {
                    spin_lock(a); spin_unlock(a);
                    local_bh_enable(); spin_lock(b); spin_unlock(b); local_bh_disable();
                }
                interrupt h on t { spin_lock(c); spin_unlock(c); spin_lock(a); spin_unlock(a); }
                """;
        // the softirq holds a and b with interrupts on: a hard interrupt may arrive (a, b ->
        // hardirq), a softirq never, even past an unbalanced local_bh_enable; the hard interrupt
        // handler orders nothing before either context; t holds a with softirqs masked but
        // interrupts on
        assertEquals("a -> hardirq(2), b -> hardirq(1), hardirq -> a(1), hardirq -> c(1), softirq -> a(1), "
                + "softirq -> b(1)", edges(s));
    }

    @Test
    void trylocksAreWitnessedWithTheirModeButNeverBlockAndFailOnWhatIsHeld() {
        String s = """
                rwsem r; mutex m; mutex other; mutex after;
                thread t {
                    mutex_lock(m);
                    if (down_read_trylock(r)) { up_read(r); }
                    if (down_write_trylock(r)) { up_write(r); }
                    if (mutex_trylock(m)) { mutex_lock(other); }
                    mutex_lock(after); mutex_unlock(after);
                    mutex_unlock(m);
                }
                """;
        LockOrderGraph g = build(s).graph();
        // the trylock of m, which t holds, always fails: no m -> m, other is never taken, and the
        // path goes on from the failure
        assertEquals(List.of("m -> after", "m -> r (read, trylock)", "m -> r (write, trylock)"), witnesses(g));
        assertFalse(g.edge(g.lockClass("m").orElseThrow(), g.lockClass("r").orElseThrow()).orElseThrow().isBlocking());
    }

    @Test
    void aWriterIsAnyBlockingExclusiveAcquisition() {
        String s = """
                rwsem read_only; rwsem written; rwsem tried;
                thread t { down_read(read_only); up_read(read_only); down_write(written); up_write(written);
                           if (down_write_trylock(tried)) { up_write(tried); } }
                """;
        assertEquals("[written]", build(s).graph().classesWithWriters().toString());
    }

    @Test
    void nestedJournalHandlesHoldTheJournalUntilTheOutermostStop() {
        String s = """
                journal j; mutex m; mutex k;
                thread t {
                    jbd2_journal_start(j); jbd2_journal_start(j); jbd2_journal_stop(j);
                    mutex_lock(m); mutex_unlock(m);
                    jbd2_journal_stop(j);
                    mutex_lock(k); mutex_unlock(k);
                }
                """;
        LockOrderGraph g = build(s).graph();
        assertEquals("j -> m(1)", edges(g));
        assertEquals(List.of("j -> m"), witnesses(g));
    }

    @Test
    void knownLocalValuesPickTheInstanceAndTheBranch() {
        String s = """
                set page { P0, P1, P2 };
                mutex page_lock[page]; mutex m; mutex one; mutex never;
                proc lock_page(page p) { mutex_lock(page_lock[p]); }
                thread t {
                    int(0..2) i = 0;
                    i = 2;
                    bool yes = !false;
                    mutex_lock(m);
                    lock_page(P1);
                    if (i - 1 == 1) { lock_page(P2); } else { mutex_lock(never); }
                    if (-(1 - i) + 1 == 2) { mutex_lock(one); } else { mutex_lock(never); }
                    if (!yes) { mutex_lock(never); }
                    if (i * 2 != 4) { mutex_lock(never); }
                }
                """;
        // in edge order: m -> one, m -> page_lock, page_lock -> one, page_lock -> page_lock
        assertEquals(List.of("m -> one", "m -> page_lock[P1]", "m -> page_lock[P2]",
                        "page_lock[P1] -> one", "page_lock[P2] -> one", "page_lock[P1] -> page_lock[P2]"),
                witnesses(build(s).graph()));
    }

    @Test
    void operationsThatOrderNoLocksPassThrough() {
        String s = """
                mutex a; mutex b; completion done;
                bool ready = true;
                thread t {
                    mutex_lock(a);
                    complete(done); wait_for_completion(done); wait_event(ready);
                    might_sleep(); lockdep_assert_held(a); BUG_ON(!ready);
                    mutex_lock(b); mutex_unlock(b); mutex_unlock(a);
                }
                """;
        assertEquals("a -> b(1)", edges(s));
    }

    @Test
    void aLocalArrayKeepsEachElementUpToTheLast() {
        String s = """
                set page { P0, P1, P2 };
                mutex m; mutex last; mutex never;
                thread t {
                    int(0..3) seen[page];
                    seen[P2] = 3;
                    mutex_lock(m);
                    if (seen[P2] == 3 && seen[P0] == 0) { mutex_lock(last); } else { mutex_lock(never); }
                }
                """;
        assertEquals("m -> last(1)", edges(s));
    }

    @Test
    void aDivisionByZeroIsUnknownSoBothBranchesAreWalked() {
        String s = """
                mutex m; mutex then_lock; mutex else_lock;
                thread t {
                    int(0..1) zero = 0;
                    mutex_lock(m);
                    if (4 / zero == 0) { mutex_lock(then_lock); } else { mutex_lock(else_lock); }
                }
                """;
        assertEquals("m -> else_lock(1), m -> then_lock(1)", edges(s));
    }

    @Test
    void unknownValuesRenamedAlikeLetALoopEnd() {
        String s = """
                mutex a;
                int(0..1) g = 0;
                thread w { g = 1; }
                daemon thread t {
                    int(0..1) v = 0;
                    while (true) { v = g; mutex_lock(a); mutex_unlock(a); }
                }
                """;
        // each lap reads g afresh, an unknown with a new id: only renaming makes the laps equal
        GraphBuild b = IrGraphBuilder.build(Scenarios.lower(s), 1_000);
        assertTrue(b.complete(), b.states() + " states");
    }

    @Test
    void shortCircuitsDecideWithoutTheUnknownSide() {
        String s = """
                mutex m; mutex then_and; mutex else_and; mutex then_or; mutex else_or; mutex then_not; mutex else_not;
                bool g = false;
                thread w { g = true; }
                thread t {
                    mutex_lock(m);
                    if (false && g) { mutex_lock(then_and); } else { mutex_lock(else_and); }
                    if (true || g) { mutex_lock(then_or); } else { mutex_lock(else_or); }
                    if (!g) { mutex_lock(then_not); } else { mutex_lock(else_not); }
                    mutex_unlock(m);
                }
                """;
        String e = edges(s);
        assertTrue(e.contains("m -> else_and") && e.contains("m -> then_or"), e);
        assertFalse(e.contains("m -> then_and") || e.contains("m -> else_or"), e);
        // a negated unknown is unknown: both branches
        assertTrue(e.contains("m -> then_not") && e.contains("m -> else_not"), e);
    }

    @Test
    void branchesOnStableVariablesAreDecidedByTheirInitialValues() {
        String s = """
                mutex m; mutex a; mutex b; mutex c; mutex d; mutex e; mutex f;
                bool flag = false;
                int(0..9) n = 3;
                int(0..9) written = 0;
                thread w { written = 1; }
                thread t {
                    mutex_lock(m);
                    if (flag) { mutex_lock(a); mutex_unlock(a); }
                    if (!(n > 5)) { mutex_lock(b); mutex_unlock(b); }
                    if (7 <= n && flag) { mutex_lock(c); mutex_unlock(c); }
                    if (written == 1) { mutex_lock(d); mutex_unlock(d); }
                    if (n < 2 || flag) { } else { mutex_lock(e); mutex_unlock(e); }
                    if (written == 1 && flag) { mutex_lock(f); mutex_unlock(f); }
                    mutex_unlock(m);
                }
                """;
        LockOrderGraph g = build(s).graph();
        List<String> w = witnesses(g);
        // flag is false for good: the branches through a, c and f are not walked (a stable side
        // decides a conjunction whichever side it is on), b's and e's are, with no condition kept
        assertEquals(List.of("m -> b", "m -> d", "m -> e"), w);
    }

    @Test
    void aStableArrayElementIsItsInitialValueAfterInit() {
        String s = """
                set page { P0, P1 };
                mutex m; mutex known_on; mutex known_off; mutex param_on; mutex param_off;
                bool dirty[page];
                init { dirty[P1] = true; }
                proc at(page p) {
                    mutex_lock(m);
                    if (dirty[P1]) { mutex_lock(known_on); mutex_unlock(known_on); }
                    if (dirty[P0]) { mutex_lock(known_off); mutex_unlock(known_off); }
                    if (dirty[p]) { mutex_lock(param_on); mutex_unlock(param_on); }
                    if (!dirty[p]) { mutex_lock(param_off); mutex_unlock(param_off); }
                    mutex_unlock(m);
                }
                thread t { at(P1); }
                """;
        assertEquals("m -> known_on(1), m -> param_on(1)", edges(s));
    }

    @Test
    void aBranchRuledOutByAStableVariableIsNotWalked() {
        String s = """
                mutex m; mutex a; mutex b; mutex c;
                bool flag = false;
                %s
                thread t {
                    mutex_lock(m);
                    if (flag) { mutex_lock(a); mutex_unlock(a); }
                    if (flag) { mutex_lock(b); mutex_unlock(b); }
                    if (flag) { mutex_lock(c); mutex_unlock(c); }
                    mutex_unlock(m);
                }
                """;
        GraphBuild stable = build(s.formatted(""));
        GraphBuild written = build(s.formatted("thread w { flag = true; }"));
        assertEquals("", edges(stable.graph()));
        assertEquals("m -> a(1), m -> b(1), m -> c(1)", edges(written.graph()));
        assertTrue(stable.states() < written.states(), stable.states() + " vs " + written.states());
    }

    /** A user copy from a known mapping enters only that mapping's fault, and a fault handler never faults again. */
    @Test
    void aUserCopyFromAKnownMappingEntersOnlyItsFault() {
        String s = """
                mutex m; mutex one_lock; mutex two_lock; mutex two_inner; mutex k;
                proc one_fault() { mutex_lock(one_lock); mutex_unlock(one_lock); }
                proc two_fault() { mutex_lock(two_lock); copy_from_user(two); mutex_lock(two_inner); mutex_unlock(two_inner); mutex_unlock(two_lock); }
                mapping one { fault = one_fault(); }
                mapping two { fault = two_fault(); }
                proc copy(mapping from) { copy_from_user(from); }
                thread t { mutex_lock(m); copy(two); mutex_lock(k); mutex_unlock(k); mutex_unlock(m); }
                """;
        // both paths go on after their copy
        assertEquals("fault(two) -> two_inner(1), fault(two) -> two_lock(1), m -> fault(two)(1), m -> k(1), "
                + "two_lock -> two_inner(1)", edges(s));
    }

    @Test
    void aUserCopyWithPageFaultsDisabledNestsNoFault() {
        String s = """
                mutex page_lock; mutex inner; mutex after;
                proc fault_in() { mutex_lock(inner); mutex_unlock(inner); }
                mapping buf { fault = fault_in(); }
                thread t {
                    mutex_lock(page_lock); pagefault_disable(); pagefault_disable(); pagefault_enable();
                    copy_from_user(buf); pagefault_enable(); mutex_unlock(page_lock);
                    mutex_lock(after); copy_to_user(buf); mutex_unlock(after);
                }
                """;
        // the copy under page_lock is in a scope still one deep: no page_lock -> fault(buf)
        assertEquals("after -> fault(buf)(1), fault(buf) -> inner(1)", edges(s));
    }

    @Test
    void aCopyTestedForAShortCopyFaultsOnlyOutsideTheScope() {
        String s = """
                mutex page_lock; mutex inner;
                proc fault_in() { mutex_lock(inner); mutex_unlock(inner); }
                mapping buf { fault = fault_in(); }
                thread t {
                    mutex_lock(page_lock); pagefault_disable();
                    if (copy_from_user(buf)) { pagefault_enable(); copy_to_user(buf); }
                    else { pagefault_enable(); }
                    mutex_unlock(page_lock);
                }
                """;
        // only the copy in the short branch, after the enable, nests a fault under page_lock
        assertEquals("fault(buf) -> inner(1), page_lock -> fault(buf)(1)", edges(s));
    }

    @Test
    void anAllocationWithInterruptsOffEntersReclaimWithThemOff() {
        String s = """
                spinlock s; mutex inner;
                proc shrink() { mutex_lock(inner); mutex_unlock(inner); }
                reclaim __GFP_FS shrink();
                thread t { spin_lock_irq(s); alloc(GFP_KERNEL); spin_unlock_irq(s); }
                """;
        assertEquals(List.of("fs_reclaim -> inner", "s -> fs_reclaim (irqs off)"), witnesses(build(s).graph()));
    }

    @Test
    void anEdgesWitnessesAreInSourceOrderOfTheirAcquisitionThenOfTheHeldLock() {
        String s = """
                mutex a; mutex b;
                proc inner() { mutex_lock(b); mutex_unlock(b); }
                thread zz { mutex_lock(a); inner(); mutex_unlock(a); }
                thread aa { mutex_lock(a); inner(); mutex_unlock(a); }
                """;
        LockEdge e = build(s).graph().edges().get(0);
        // one acquisition site (inner's), so the held lock's site decides: zz's is written first
        assertEquals(List.of(List.of("zz"), List.of("aa")), e.dependencies().stream().map(Dependency::actors).toList());
    }

    @Test
    void callStacksNameTheFunctionsOnTheWay() {
        String s = """
                mutex a; mutex b;
                proc inner() { mutex_lock(b); mutex_unlock(b); }
                proc outer() { inner(); }
                thread t { mutex_lock(a); outer(); mutex_unlock(a); }
                """;
        LockEdge e = build(s).graph().edges().get(0);
        assertEquals("thread t > outer > inner", e.dependencies().get(0).acquired().site().callPath());
        assertEquals("thread t", e.dependencies().get(0).held().site().callPath());
    }

    @Test
    void aCallChainDeeperThanTheWalksCallDepthIsCutAndCounted() {
        StringBuilder s = new StringBuilder("mutex a;\nproc p0() { mutex_lock(a); mutex_unlock(a); }\n");
        int depth = StepSemantics.MAX_CALL_DEPTH + 2;
        for (int i = 1; i <= depth; i++) s.append("proc p").append(i).append("() { p").append(i - 1).append("(); }\n");
        s.append("thread t { p").append(depth).append("(); }\n");
        GraphBuild b = build(s.toString());
        assertEquals(1, b.cutPaths());
        assertTrue(b.states() >= StepSemantics.MAX_CALL_DEPTH, "every frame down to the cut is a state: " + b.states());
        StringBuilder shallow = new StringBuilder("mutex a;\nproc p0() { mutex_lock(a); mutex_unlock(a); }\n");
        shallow.append("thread t { p0(); }\n");
        assertEquals(0, build(shallow.toString()).cutPaths());
    }

    @Test
    void theStateBoundStopsTheWalkAndSaysSo() {
        String s = """
                mutex a; mutex b;
                thread t { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
                """;
        GraphBuild full = IrGraphBuilder.build(Scenarios.lower(s));
        assertTrue(full.complete());
        GraphBuild cut = IrGraphBuilder.build(Scenarios.lower(s), (int) full.states() - 1);
        assertFalse(cut.complete());
        GraphBuild exact = IrGraphBuilder.build(Scenarios.lower(s), (int) full.states());
        assertTrue(exact.complete());
        assertEquals(full.states(), exact.states());
    }
}
