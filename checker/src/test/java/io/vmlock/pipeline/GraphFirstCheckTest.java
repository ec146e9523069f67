package io.vmlock.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.explore.Explorer;
import io.vmlock.explore.Limits;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.graph.GraphScenarios;
import io.vmlock.testing.Scenarios;
import io.vmlock.verdict.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code vmlock check} through the pipeline: graph pass first, cycles confirmed by a search or marked potential. */
class GraphFirstCheckTest {
    /** abba plus threads that only make states: the full search drowns in them, t1 and t2 alone do not. */
    private static final String NOISY_ABBA = """
            mutex a; mutex b;
            thread t1 { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
            thread t2 { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
            thread noise[4] { int(0..3) i = 0; repeat (3) { i++; } }
            """;

    private static CheckOptions maxStates(long n) {
        return CheckOptions.of(new Explorer.Options(Explorer.Order.BFS, new Limits(n, 60, Limits.defaultMemory())));
    }

    private static List<Finding> of(CheckResult r, Verdict v) {
        return r.findings().stream().filter(f -> f.verdict() == v).toList();
    }

    @Test
    void classicInversionIsConfirmedWithATrace() {
        CheckResult r = Pipeline.check(GraphScenarios.lower("abba.vmlock"), CheckOptions.defaults());
        assertTrue(r.complete());
        Finding deadlock = of(r, Verdict.DEADLOCK).get(0);
        assertEquals("t1 holds a and waits for b", deadlock.cycle().get(0).sentence());
        assertEquals(2, deadlock.trace().size());
        assertTrue(of(r, Verdict.POTENTIAL_DEADLOCK).isEmpty());
        assertEquals(1, r.graphPass().orElseThrow().feasible());
    }

    /**
     * t2 fails an assertion before its half of the inversion, so no interleaving the search explores
     * closes a -> b -> a; the note must not say none exists, only that none does before that finding.
     */
    @Test
    void aCycleBeyondAFindingThatStopsItsThreadIsNotSaidToBeUnreachable() {
        CheckResult r = Pipeline.check(Scenarios.lower("""
                mutex a; mutex b;
                bool broken = true;
                thread t1 { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
                thread t2 { assert(!broken); mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
                """), CheckOptions.defaults());
        assertTrue(r.complete());
        assertEquals(List.of(Verdict.ASSERTION), r.findings().stream().map(Finding::verdict).toList());
        assertTrue(r.notes().contains("lock-order cycle a -> b -> a can close in the graph, but the complete search "
                + "found no interleaving that closes it before the findings that stop a thread (assertion); with "
                + "those fixed it may close"), r.notes()::toString);
    }

    /** A cycle through a lockdep subclass vertex (r/3) is the deadlock's, which names the lock r. */
    @Test
    void aDeadlockThroughANestedSubclassConfirmsItsCycle() {
        CheckResult r = Pipeline.check(Scenarios.lower("""
                mutex m; rwsem r;
                thread t1 { mutex_lock(m); down_write_nested(r, 3); up_write(r); mutex_unlock(m); }
                thread t2 { down_write_nested(r, 3); mutex_lock(m); mutex_unlock(m); up_write(r); }
                """), CheckOptions.defaults());
        assertTrue(r.complete());
        assertEquals(1, of(r, Verdict.DEADLOCK).size());
        assertTrue(r.notes().stream().noneMatch(n -> n.contains("can close in the graph")), r.notes()::toString);
    }

    @Test
    void aSearchOfTheCycleThreadsConfirmsACycleThroughANestedSubclass() {
        CheckResult r = Pipeline.check(Scenarios.lower(NOISY_ABBA.replace("mutex_lock(b)", "mutex_lock_nested(b, 1)")),
                maxStates(300));
        assertFalse(r.complete(), "the full search must hit the limit for this test to mean anything");
        assertEquals(1, of(r, Verdict.DEADLOCK).size());
        assertTrue(r.notes().stream().anyMatch(n -> n.endsWith("confirmed by a search of t1, t2 only")), r.notes()::toString);
    }

    @Test
    void whenTheFullSearchStopsASearchOfTheCycleThreadsConfirmsIt() {
        CheckResult r = Pipeline.check(Scenarios.lower(NOISY_ABBA), maxStates(300));
        assertFalse(r.complete(), "the full search must hit the limit for this test to mean anything");
        Finding deadlock = of(r, Verdict.DEADLOCK).get(0);
        assertEquals(2, deadlock.cycle().size());
        assertEquals(2, deadlock.trace().size());
        assertTrue(r.notes().contains("lock-order cycle a -> b -> a confirmed by a search of t1, t2 only"), r.notes()::toString);
    }

    @Test
    void aCycleNoSearchCanReachIsAPotentialDeadlockClearlyMarked() {
        CheckResult r = Pipeline.check(Scenarios.lower(NOISY_ABBA), maxStates(3));
        assertTrue(of(r, Verdict.DEADLOCK).isEmpty());
        Finding potential = of(r, Verdict.POTENTIAL_DEADLOCK).get(0);
        assertTrue(potential.headline().startsWith("lock-order cycle a -> b -> a can close between t1, t2 (unconfirmed: "
                + "the search stopped (--max-states 3 reached) before reaching it, and so did a search of t1, t2 only "
                + "(--max-states 3 reached))"), potential.headline());
        assertEquals(4, potential.trace().size());
    }

    @Test
    void graphOnlyStopsAfterTheGraphPass() {
        CheckResult r = Pipeline.check(GraphScenarios.lower("abba.vmlock"),
                CheckOptions.defaults().withGraphOnly(true));
        assertEquals(0, r.stats().states());
        assertEquals(List.of(Verdict.POTENTIAL_DEADLOCK), r.findings().stream().map(Finding::verdict).toList());
        assertTrue(r.notes().contains("--graph-only: no interleaving search ran"));
    }

    @Test
    void dismissedCyclesAreListedWithTheirReason() {
        CheckResult r = Pipeline.check(GraphScenarios.lower("gate.vmlock"), CheckOptions.defaults());
        assertTrue(r.findings().isEmpty());
        assertTrue(r.notes().get(0).startsWith("lock-order cycle a -> b -> a dismissed: both paths hold sb_lock"));
    }

    /* Seed scenario 1 fixed: seven variants of one cycle through read-held locks, one note for them. */
    @Test
    void cyclesDismissedForOneReasonShareANote() {
        CheckResult r = Pipeline.check(Scenarios.compile(Scenarios.root()
                .resolve("examples/seeds/1-dax-sync-fault-fixed.vmlock")).lower().orElseThrow(),
                CheckOptions.defaults());
        List<String> dismissed = r.notes().stream().filter(n -> n.contains("dismissed")).toList();
        assertEquals(List.of("7 lock-order cycles dismissed (read/read: each way round, a lock taken for read with no "
                + "writer of its class to queue behind is then held for read, so no thread waits for it (lockdep's "
                + "recursive-read rule)), the shortest fault(dax_buf) -> invalidate_lock -> s_journal -> page_lock -> "
                + "fault(dax_buf); --format json lists every cycle"), dismissed);
        assertEquals(7, r.graphPass().orElseThrow().dismissed());
    }

    @Test
    void aCycleTheCompleteSearchCannotCloseIsNotReported() {
        CheckResult r = Pipeline.check(Scenarios.lower("""
                mutex a; mutex b; completion done;
                thread t1 { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); complete(done); }
                thread t2 { wait_for_completion(done); mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
                """), CheckOptions.defaults());
        assertTrue(r.findings().isEmpty(), r.findings()::toString);
        assertTrue(r.notes().contains("lock-order cycle a -> b -> a can close in the graph, but the complete search "
                + "found no interleaving that closes it"), r.notes()::toString);
    }

    /** One thread taking two locks against their declared order. */
    static final String ORDER_VIOLATION = """
            mutex mmap_lock; mutex page_lock;
            order mmap_lock < page_lock;
            thread bad { mutex_lock(page_lock); mutex_lock(mmap_lock); mutex_unlock(mmap_lock); mutex_unlock(page_lock); }
            """;

    @Test
    void declaredOrderViolationIsAFindingWithBothSites() {
        CheckResult r = Pipeline.check(Scenarios.lower(ORDER_VIOLATION), CheckOptions.defaults());
        Finding v = of(r, Verdict.ORDER_VIOLATION).get(0);
        assertEquals("mmap_lock is taken while page_lock is held, against the order declared at t.vmlock:2:1", v.headline());
        assertEquals(List.of("t.vmlock:3:14", "t.vmlock:3:37"),
                v.trace().stream().map(s -> s.span().position()).toList());
    }

    /** A lock per page taken under a flag per page: the graph pass's walks fork per flag, 2^20 paths. */
    private static final String FLAG_LOCKS = """
            set page { P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, P11, P12, P13, P14, P15, P16, P17, P18, P19, P20 };
            bool flag[page];
            mutex lk[page];
            thread walker { foreach (p in page) { if (flag[p]) { mutex_lock(lk[p]); } } }
            thread setter { foreach (p in page) { flag[p] = true; } }
            """;

    @Test
    void theGraphPassStopsWhenTheFilesBudgetIsSpentAndNoSearchRunsAfterIt() {
        long start = System.nanoTime();
        CheckResult r = Pipeline.check(Scenarios.lower(FLAG_LOCKS), CheckOptions.defaults(),
                io.vmlock.budget.Budget.start(1, Long.MAX_VALUE));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(java.util.Optional.of("--max-seconds 1 reached in the lock-order graph pass"), r.incomplete());
        assertEquals(0, r.stats().states());
        assertTrue(millis < 20_000, millis + " ms"); // 2^20 paths would take minutes
    }

    /**
     * abba after 40 writes each to a variable four more threads write too: no reduction removes
     * them, so the full search stores more than 10^8 states before the cycle can close at depth
     * 82, while a search of t1 and t2 alone closes it in a few thousand.
     */
    static final String ABBA_IN_A_CROWD = """
            mutex a; mutex b;
            bool x = false; bool y = false;
            thread t1 { repeat (40) { x = !x; } mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
            thread t2 { repeat (40) { x = !x; } mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
            thread noise[4] { repeat (40) { x = !x; y = !y; } }
            """;

    /**
     * A clock that advances a millisecond each time the budget reads it: the deadline falls after
     * a fixed amount of work (a few hundred thousand states at most), the same on any machine.
     */
    private static io.vmlock.budget.Budget ticking(long seconds) {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        return io.vmlock.budget.Budget.onClock(seconds, Long.MAX_VALUE, () -> now.addAndGet(1_000_000));
    }

    @Test
    void theTargetedSearchGetsWhatIsLeftOfTheFilesBudgetNotABudgetOfItsOwn() {
        var program = Scenarios.lower(ABBA_IN_A_CROWD);
        CheckResult r = Pipeline.check(program, CheckOptions.defaults(), ticking(1));
        assertEquals(java.util.Optional.of("--max-seconds 1 reached in the search"), r.incomplete());
        assertTrue(of(r, Verdict.DEADLOCK).isEmpty(), r.findings()::toString);
        Finding potential = of(r, Verdict.POTENTIAL_DEADLOCK).get(0);
        assertTrue(potential.headline().endsWith("(unconfirmed: the search stopped (--max-seconds 1 reached in the "
                + "search) before reaching it, and so did a search of t1, t2 only (--max-seconds 1 reached in a "
                + "targeted search of a lock-order cycle's threads))"), potential.headline());
        // with a budget of its own the targeted search would have confirmed it
        var cycle = io.vmlock.lockorder.CycleParticipants.of(io.vmlock.lockorder.LockOrderAnalysis.run(program)
                .feasible().get(0));
        CheckResult alone = TargetedRun.run(program, cycle, CheckOptions.defaults().search(), ticking(1));
        assertTrue(alone.complete(), alone.incomplete()::toString);
        assertEquals(1, of(alone, Verdict.DEADLOCK).size(), alone.findings()::toString);
    }

    /**
     * The same on the wall clock, as a user meets it: the whole check, the targeted search
     * included, ends within its seconds plus a grace for the report (generous: the suite shares
     * its cores), and says where the budget ran out. Two seconds, not five: on an idle machine
     * the search without reductions stored the default 10,000,000 states in under five, and
     * the state limit, not the deadline, stopped it.
     */
    @Test
    void theWholeCheckEndsWithinItsSecondsAndSaysWhereTheyRanOut() {
        long seconds = 2;
        long start = System.nanoTime();
        CheckResult r = Pipeline.check(Scenarios.lower(ABBA_IN_A_CROWD), CheckOptions.defaults(),
                io.vmlock.budget.Budget.start(seconds, Long.MAX_VALUE));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < seconds * 1000 + 10_000, millis + " ms");
        String why = r.incomplete().orElseThrow();
        // on a machine loaded enough, the graph pass may spend it all: then no search runs
        assertTrue(why.equals("--max-seconds 2 reached in the search")
                || why.equals("--max-seconds 2 reached in the lock-order graph pass"), why);
        if (why.endsWith("in the search")) {
            assertTrue(of(r, Verdict.POTENTIAL_DEADLOCK).get(0).headline().contains(
                    "(--max-seconds 2 reached in a targeted search of a lock-order cycle's threads)"), r.findings()::toString);
        }
    }

    /**
     * A folio lock has no owner: the deadlock's wait-for cycle goes through the bit's clearing,
     * and that still closes the lock-order cycle through it (no "no interleaving closes it" note).
     */
    @Test
    void aDeadlockThroughABitLocksClearingClosesItsLockOrderCycle() {
        CheckResult r = Pipeline.check(Scenarios.lower("""
                bit_lock pl; mutex m;
                thread t1 { folio_lock(pl); mutex_lock(m); mutex_unlock(m); folio_unlock(pl); }
                thread t2 { mutex_lock(m); folio_lock(pl); folio_unlock(pl); mutex_unlock(m); }
                """), CheckOptions.defaults());
        assertEquals(List.of(Verdict.DEADLOCK), r.findings().stream().map(Finding::verdict).toList());
        assertTrue(r.notes().stream().noneMatch(n -> n.contains("no interleaving that closes it")), r.notes().toString());
    }

    /** Locking a bit again through a fault is a hang (nobody notices the sleeper set it), and closes the fault cycle. */
    @Test
    void aHangOnABitItsThreadSetClosesTheOneLockCycleThroughAFault() {
        CheckResult r = Pipeline.check(Scenarios.lower("""
                bit_lock pl;
                proc fault_in() { folio_lock(pl); folio_unlock(pl); }
                mapping buf { fault = fault_in(); }
                thread t { folio_lock(pl); copy_from_user(buf); folio_unlock(pl); }
                """), CheckOptions.defaults());
        assertEquals(List.of(Verdict.HANG), r.findings().stream().map(Finding::verdict).toList());
        assertTrue(r.notes().stream().noneMatch(n -> n.contains("no interleaving that closes it")), r.notes().toString());
    }
}
