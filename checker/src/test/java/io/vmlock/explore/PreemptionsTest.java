package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.Scenarios;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The preemption-bounded search ({@link Preemptions}): which runs it explores, and what it says. */
class PreemptionsTest {
    private static final String ABBA = """
            mutex a; mutex b;
            thread ab { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
            thread ba { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
            """;

    static CheckResult bounded(IrProgram program, Explorer.Reductions reductions, int k, Explorer.Order order) {
        return Explorer.check(program, new Explorer.Options(order, Limits.defaults(), Explorer.Engine.COMPILED, 1,
                false, reductions, false).withPreemptions(k));
    }

    private static CheckResult bounded(String source, int k) {
        return bounded(Scenarios.lower(source), Explorer.Reductions.NONE, k, Explorer.Order.BFS);
    }

    private static List<String> verdicts(CheckResult r) {
        return r.findings().stream().map(f -> f.verdict().id()).toList();
    }

    /**
     * A state is the two threads' places 0..4 (4: finished), the thread that moved last and the
     * preemptions used. K = 0: the start (none moved), then either thread runs to its end (4
     * states) and the other one after it, a free switch (4 more): 1 + 2 * 8 = 17 states, 16 moves,
     * no deadlock. K = 1 adds the runs with one preemption: from ab at 1 or 3 (ba can move; at 2
     * ab holds b, so ba is blocked) to ba, and the same the other way round. ab at 1, ba at 1 is
     * the deadlock, reached with ba or with ab last: 2 states. ab at 3, ba at 1: ba blocks on a,
     * so ab finishes (free), then ba runs to its end: 5 states; the same the other way round, 5.
     * 17 + 12 = 29 states, 16 + 4 + 8 = 28 moves. K = 2 adds none: in no state of one
     * preemption can the last thread move while the other can.
     */
    @Test
    void abbaDeadlocksOnlyWithAPreemption() {
        CheckResult none = bounded(ABBA, 0);
        assertEquals(List.of(), none.findings());
        assertEquals(17, none.stats().states());
        assertEquals(16, none.stats().transitions());
        assertEquals(8, none.stats().maxDepth());
        assertEquals(Optional.of("preemption bound 0: runs with more preemptions were not explored"), none.incomplete());

        CheckResult one = bounded(ABBA, 1);
        assertEquals(List.of("deadlock"), verdicts(one));
        assertEquals(29, one.stats().states());
        assertEquals(28, one.stats().transitions());
        assertEquals(Optional.of("preemption bound 1: runs with more preemptions were not explored"), one.incomplete());
        Finding deadlock = one.findings().get(0);
        assertEquals(2, deadlock.trace().size());
        new Replay(Scenarios.lower(ABBA)).check(deadlock, () -> ABBA);

        CheckResult two = bounded(ABBA, 2);
        assertEquals(29, two.stats().states());
        assertEquals(verdicts(one), verdicts(two));
    }

    /** Depth-first, the bound explores the same states (their order aside). */
    @Test
    void depthFirstBoundsTheSameRuns() {
        CheckResult dfs = bounded(Scenarios.lower(ABBA), Explorer.Reductions.NONE, 1, Explorer.Order.DFS);
        assertEquals(29, dfs.stats().states());
        assertEquals(List.of("deadlock"), verdicts(dfs));
    }

    /**
     * An interrupt arriving costs a preemption even on the running thread: with K = 0 the handler
     * never runs, so t's spinlock, which the handler takes too, never deadlocks. t: 0, 1 (holds l),
     * 2 (finished): 3 states. With K = 1 it arrives at t0 (runs to the end: its 3 places, then t
     * goes on, 3 more) or at t1, where it spins on the lock its own thread holds: a deadlock.
     */
    @Test
    void anInterruptArrivingCostsAPreemption() {
        String irq = """
                spinlock l;
                interrupt timer on t { spin_lock(l); spin_unlock(l); }
                thread t { spin_lock(l); spin_unlock(l); }
                """;
        CheckResult none = bounded(irq, 0);
        assertEquals(List.of(), none.findings());
        assertEquals(3, none.stats().states());
        assertFalse(none.complete());
        assertEquals(List.of("deadlock"), verdicts(bounded(irq, 1)));
    }

    /**
     * A whole reduced search stopped at a limit points to the bounded one, which may finish; a
     * search that finished, a bounded one, and one without partial-order reduction (which
     * --reduced-bound needs) do not.
     */
    @Test
    void aSearchStoppedAtALimitPointsToTheBoundedSearch() {
        String two = """
                int(0..3) x;
                thread a { x = 1; x = 2; x = 3; }
                thread b { x = 0; x = 1; x = 2; }
                """;
        Limits five = new Limits(5, 60, Limits.defaultMemory());
        CheckResult stopped = Explorer.check(Scenarios.lower(two), new Explorer.Options(Explorer.Order.BFS, five,
                Explorer.Engine.COMPILED, 1, false, Explorer.Reductions.ALL));
        assertFalse(stopped.complete());
        assertTrue(stopped.notes().contains(Explorer.BOUNDED_HINT), stopped.notes()::toString);
        CheckResult unreduced = Explorer.check(Scenarios.lower(two), new Explorer.Options(Explorer.Order.BFS, five));
        assertFalse(unreduced.complete());
        assertFalse(unreduced.notes().contains(Explorer.BOUNDED_HINT), unreduced.notes()::toString);
        CheckResult whole = Explorer.check(Scenarios.lower(two), Explorer.Options.defaults());
        assertTrue(whole.complete());
        assertFalse(whole.notes().contains(Explorer.BOUNDED_HINT), whole.notes()::toString);
        CheckResult bounded = bounded(two, 0);
        assertFalse(bounded.complete());
        assertFalse(bounded.notes().contains(Explorer.BOUNDED_HINT), bounded.notes()::toString);
    }

    /**
     * A daemon going round needs the livelock check, which a bounded search leaves out (a bound
     * cuts runs off), saying so: b never finishes, which the unbounded search reports as a hang.
     */
    @Test
    void theLivelockCheckIsSkippedWithANote() {
        String loop = """
                int(0..1) x;
                thread b { while (x == 0) { } }
                daemon thread d { while (true) { x = 0; } }
                """;
        CheckResult full = Explorer.check(Scenarios.lower(loop), Explorer.Options.defaults());
        assertEquals(List.of("hang"), verdicts(full));
        CheckResult bounded = bounded(loop, 5);
        assertEquals(List.of(), bounded.findings());
        assertFalse(bounded.complete());
        assertTrue(bounded.notes().contains("livelock check skipped: it needs a complete search"), bounded.notes()::toString);
    }

    /**
     * Replicated threads stay symmetric under the bound: the last thread is renamed with its copy.
     * Two copies taking a and b in opposite orders depending on their number cannot be written, so
     * two copies of one ABBA half and a thread taking the other order: the deadlock is found at K = 1
     * with symmetry as without, in no more states.
     */
    @Test
    void symmetryKeepsTheBoundsFindings() {
        String copies = """
                mutex a; mutex b;
                thread ab[2] { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
                thread ba { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
                """;
        IrProgram ir = Scenarios.lower(copies);
        CheckResult plain = bounded(ir, Explorer.Reductions.NONE, 1, Explorer.Order.BFS);
        CheckResult symmetric = bounded(ir, new Explorer.Reductions(false, true), 1, Explorer.Order.BFS);
        assertEquals(List.of("deadlock"), verdicts(plain));
        assertEquals(verdicts(plain), verdicts(symmetric));
        assertEquals(plain.findings().get(0).trace().size(), symmetric.findings().get(0).trace().size());
        assertTrue(symmetric.stats().states() < plain.stats().states(),
                symmetric.stats().states() + " with symmetry, " + plain.stats().states() + " without");
    }

    /** Workers expand a level in parallel under the bound too: the same states, moves and findings for any number. */
    @Test
    void theBoundedSearchDoesNotDependOnTheWorkers() throws java.io.IOException {
        IrProgram ir = Scenarios.lower(java.nio.file.Files.readString(
                Scenarios.root().resolve("examples/philosophers/philosophers5.vmlock")));
        List<CheckResult> byWorkers = new java.util.ArrayList<>();
        for (int workers : new int[] {1, 2}) {
            byWorkers.add(Explorer.check(ir, new Explorer.Options(Explorer.Order.BFS, Limits.defaults(),
                    Explorer.Engine.COMPILED, workers, false, Explorer.Reductions.ALL, false).withPreemptions(1)));
        }
        assertEquals(byWorkers.get(0).stats().states(), byWorkers.get(1).stats().states());
        assertEquals(byWorkers.get(0).stats().transitions(), byWorkers.get(1).stats().transitions());
        assertEquals(byWorkers.get(0).findings(), byWorkers.get(1).findings());
        assertFalse(byWorkers.get(0).findings().isEmpty());
    }

    /** Partial-order reduction is off under the bound, whatever the options ask. */
    @Test
    void partialOrderReductionIsOffUnderTheBound() {
        IrProgram ir = Scenarios.lower(ABBA);
        CheckResult all = bounded(ir, Explorer.Reductions.ALL, 0, Explorer.Order.BFS);
        assertEquals(17, all.stats().states());
    }

    /**
     * Two threads on locks of their own: every set is one thread's. The exact bound, K = 0: the
     * start, then either thread runs to its end (2 states) and the other after it (2): 1 + 2 * 4 =
     * 9 states; K = 1 adds, from p at 1, q run in (q at 1 and 2, then p ends: 3 states), and the
     * same the other way round: 15. The reduced bound: at the start no thread moved, and the
     * smallest set is p's (the first on a tie); p goes on, its set holding it, to its end; then
     * only q can move, for free, to its end: 5 states, 4 moves, with any K: no reduced run
     * preempts, and none of the exact bound's runs with a preemption is left to find.
     */
    @Test
    void theReducedBoundTakesTheLastThreadsSet() {
        String apart = """
                mutex a; mutex b;
                thread p { mutex_lock(a); mutex_unlock(a); }
                thread q { mutex_lock(b); mutex_unlock(b); }
                """;
        IrProgram ir = Scenarios.lower(apart);
        assertEquals(9, bounded(ir, Explorer.Reductions.NONE, 0, Explorer.Order.BFS).stats().states());
        assertEquals(15, bounded(ir, Explorer.Reductions.NONE, 1, Explorer.Order.BFS).stats().states());
        for (int k : new int[] {0, 1, 5}) {
            CheckResult reduced = reducedBound(ir, k);
            assertEquals(5, reduced.stats().states(), "K = " + k);
            assertEquals(4, reduced.stats().transitions(), "K = " + k);
            assertEquals(4, reduced.stats().maxDepth(), "K = " + k);
            assertEquals(Optional.of(CompiledSearch.boundReason(k)), reduced.incomplete());
        }
    }

    /**
     * The set grows from the thread that moved last, not the smallest: at the start x's set is
     * x alone (no other thread takes a) and x runs; where x waits to take l, its set holds y too
     * (2 moves) and w's alone is smaller (1), but w's move would be a preemption. With K = 0: x
     * runs to its end (4 states after the start), then y's set and w's are as small, y's first,
     * and y runs to its end (2), then w (2): 9 states, 8 moves, depth 8. Taking the smallest set
     * instead, the run would stop where x waits for l, 3 states in.
     */
    @Test
    void theReducedBoundGrowsTheSetFromTheLastThread() {
        IrProgram ir = Scenarios.lower("""
                mutex a; mutex l; mutex z;
                thread x { mutex_lock(a); mutex_unlock(a); mutex_lock(l); mutex_unlock(l); }
                thread y { mutex_lock(l); mutex_unlock(l); }
                thread w { mutex_lock(z); mutex_unlock(z); }
                """);
        CheckResult none = reducedBound(ir, 0);
        assertEquals(9, none.stats().states());
        assertEquals(8, none.stats().transitions());
        assertEquals(8, none.stats().maxDepth());
    }

    /**
     * ABBA under the reduced bound: each thread's set holds the other while both may still take
     * the lock the other takes, so the reduced graph keeps the preemption the deadlock needs:
     * none with K = 0, the deadlock with K = 1, its trace replaying.
     */
    @Test
    void theReducedBoundFindsWhatNeedsAPreemption() {
        IrProgram abba = Scenarios.lower(ABBA);
        assertEquals(List.of(), reducedBound(abba, 0).findings());
        CheckResult one = reducedBound(abba, 1);
        assertEquals(List.of("deadlock"), verdicts(one));
        new Replay(abba).check(one.findings().get(0), () -> ABBA);
    }

    /**
     * Two daemons each going round alone, and t, whose one step fails an assertion. Reduced: at
     * the start the smallest set is d0's (the first on a tie); d0's step leads back to its state,
     * so the proviso wants a set with a move leading forward within the bound. K = 0: none (every
     * other move is a preemption): 2 states. K = 1: d1's set, one preemption; d1 then goes round
     * alone and nothing else is within the bound: 3 states, no finding. K = 2: from there d0's
     * move leads to d0's state of the start's successor with 2 preemptions where it had 0: it
     * leads back, so the set taken is t's, and the assertion fails. Without that, d0 and d1 would
     * take turns to ever new counts, and t never run with any K.
     */
    @Test
    void theReducedBoundsProvisoTakesAStateReachedWithFewerPreemptionsAsBehind() {
        IrProgram ir = Scenarios.lower("""
                mutex m;
                daemon thread d0 { while (true) { might_sleep(); } }
                daemon thread d1 { while (true) { might_sleep(); } }
                thread t { lockdep_assert_held(m); }
                """);
        assertEquals(2, reducedBound(ir, 0).stats().states());
        CheckResult one = reducedBound(ir, 1);
        assertEquals(3, one.stats().states());
        assertEquals(List.of(), one.findings());
        assertEquals(List.of("assertion"), verdicts(reducedBound(ir, 2)));
        assertEquals(List.of("assertion"), verdicts(reducedBound(ir, 100)));
    }

    private static CheckResult reducedBound(IrProgram ir, int k) {
        return Explorer.check(ir, new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.COMPILED, 1,
                false, new Explorer.Reductions(true, false, false), false).withPreemptions(k).withReducedBound(true));
    }

    @Test
    void theExtraWordHoldsTheLastThreadAndThePreemptionsUsed() {
        long w = Preemptions.word(5, 3);
        assertEquals(5, Preemptions.last(w));
        assertEquals(3, Preemptions.used(w));
        assertEquals(0L, Preemptions.word(Preemptions.NONE, 0), "the initial state's word is 0, as encoded");
        assertEquals(Preemptions.NONE, Preemptions.last(0L));
        assertEquals(0, Preemptions.used(0L));
        long big = Preemptions.word(0, 1_000_000);
        assertEquals(0, Preemptions.last(big));
        assertEquals(1_000_000, Preemptions.used(big));
    }

    @Test
    void onlyASwitchAwayFromAThreadThatCanMoveCosts() {
        assertEquals(0, Preemptions.cost(Preemptions.NONE, false, 2, false), "the first move");
        assertEquals(0, Preemptions.cost(1, true, 1, false), "the same thread");
        assertEquals(0, Preemptions.cost(1, false, 2, false), "the last thread blocked or finished");
        assertEquals(1, Preemptions.cost(1, true, 2, false), "a preemption");
        assertEquals(1, Preemptions.cost(1, true, 1, true), "an interrupt on the running thread");
        assertEquals(1, Preemptions.cost(Preemptions.NONE, false, 0, true), "an interrupt first");
        Preemptions two = new Preemptions(2);
        assertTrue(two.allows(1, 1));
        assertTrue(two.allows(2, 0));
        assertFalse(two.allows(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Preemptions(-1));
        assertEquals(0, new Preemptions(0).bound);
    }

    @Test
    void hashCompactionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Explorer.Options(Explorer.Order.BFS, Limits.defaults(),
                Explorer.Engine.COMPILED, 1, true, Explorer.Reductions.NONE, false).withPreemptions(1));
        assertThrows(IllegalArgumentException.class, () -> Explorer.Options.defaults().withPreemptions(-2));
        assertThrows(IllegalArgumentException.class, () -> Explorer.Options.defaults().withReducedBound(true));
    }
}
