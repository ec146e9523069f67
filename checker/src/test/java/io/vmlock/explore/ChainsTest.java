package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import io.vmlock.explore.system.SystemCompiler;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.TraceStep;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chains of one-move stubborn sets passed through without storing their states ({@link Chains}). */
class ChainsTest {
    private static final Explorer.Reductions POR = new Explorer.Reductions(true, false);
    private static final Explorer.Reductions CHAINS = new Explorer.Reductions(true, false, false, true);

    /**
     * A daemon going round four states alone, beside b, which sets y and ends. The start s0: {a}
     * and {b} are one move each, a's taken (the first seed); its chain passes x = 1, 2, 3 and comes
     * back to s0, stored: that move leads back, so {b} is taken instead, to s1 (y = 1). In s1 a
     * alone moves: its chain passes x = 1, 2, 3 and comes back to s1. 2 states stored, 6 passed;
     * the search ends, clean (the daemon need not finish), with fewer states than without chains.
     */
    @Test
    void aDaemonGoingRoundAloneEndsItsChain() {
        String loop = """
                int(0..3) x; int(0..1) y;
                daemon thread a { while (true) { x = 1; x = 2; x = 3; x = 0; } }
                thread b { y = 1; }
                """;
        CheckResult chained = LockKindRulesTest.reduced(loop, CHAINS);
        CheckResult stored = LockKindRulesTest.reduced(loop, POR);
        assertTrue(chained.complete());
        assertEquals(List.of(), chained.findings());
        assertEquals(List.of(), stored.findings());
        assertTrue(chained.stats().states() < stored.stats().states(),
                chained.stats().states() + " states with chains, " + stored.stats().states() + " without");
        CompiledSearch search = search(Scenarios.lower(loop));
        assertEquals(2, search.stateCount());
        assertEquals(6, search.transientStates);
    }

    /**
     * A chain that comes back to one of its own states stops there: a daemon alone sets x, then y,
     * then goes round setting z to 1 and 0. Unreduced and without chains, 4 states: the start s0,
     * s1 (x set), s2 (y set, at the loop's head), s3 (z = 1); s3 leads back to s2. With chains the
     * start's move passes s1 and s2 and would come back to s2 after s3: it stops at s3, stored
     * (transient s1, s2). Expanding s3, its move leads to s2, not stored, whose move leads to s3,
     * stored before the level: the chain ends there (transient s2). 2 states stored, 3 passed.
     * Without the test of the chain's own states the first chain would run on to its cap.
     */
    @Test
    void aChainComingBackToItsOwnStateStopsThere() {
        String loop = """
                int(0..1) x; int(0..1) y; int(0..1) z;
                daemon thread a { x = 1; y = 1; while (true) { z = 1; z = 0; } }
                """;
        CompiledSearch search = search(Scenarios.lower(loop));
        assertEquals(2, search.stateCount());
        assertEquals(3, search.transientStates);
        assertEquals(4, LockKindRulesTest.reduced(loop, POR).stats().states());
        // back to the chain's first state: the start s0, s1 (x set, at the loop's head), s2 (z = 1);
        // the start's chain passes s1 and stops at s2; s2's passes s1 again and ends at s2
        String shorter = """
                int(0..1) x; int(0..1) z;
                daemon thread a { x = 1; while (true) { z = 1; z = 0; } }
                """;
        CompiledSearch again = search(Scenarios.lower(shorter));
        assertEquals(2, again.stateCount());
        assertEquals(2, again.transientStates);
        assertEquals(3, LockKindRulesTest.reduced(shorter, POR).stats().states());
    }

    /**
     * A thread (not a daemon) going round alone never finishes: the livelock check finds the
     * bottom component the chain closed (its stored state), as without chains, with the same
     * trace and loop (the search again without partial-order reduction gives both).
     */
    @Test
    void aThreadGoingRoundAloneIsStillFoundToRunForever() {
        String loop = """
                int(0..3) x;
                thread a { while (true) { x = 1; x = 2; x = 3; x = 0; } }
                """;
        CheckResult chained = LockKindRulesTest.reduced(loop, CHAINS);
        CheckResult unreduced = LockKindRulesTest.reduced(loop, Explorer.Reductions.NONE);
        assertEquals(1, chained.findings().size());
        assertTrue(chained.findings().get(0).headline().endsWith("the scenario can only run in circles from here"),
                chained.findings().get(0).headline());
        assertEquals(unreduced.findings(), chained.findings());
    }

    /**
     * The chained search's own trace of a deadlock lists every move, those of the chains it passed
     * too: a sets x three times, then a and b take m and n in opposite orders. The shortest
     * deadlock is a's three writes, a takes m, b takes n: 5 moves, met at a breadth-first level of
     * chains less deep than that. The trace has the 5 steps, numbered 1 to 5, a's writes among
     * them, and the run it shows is the one the search without chains reports.
     */
    @Test
    void aTraceThroughChainsListsEveryStep() {
        String abba = """
                int(0..3) x; mutex m; mutex n;
                thread a { x = 1; x = 2; x = 3; mutex_lock(m); mutex_lock(n); mutex_unlock(n); mutex_unlock(m); }
                thread b { mutex_lock(n); mutex_lock(m); mutex_unlock(m); mutex_unlock(n); }
                """;
        CompiledSearch search = search(Scenarios.lower(abba));
        assertTrue(search.transientStates > 0);
        assertEquals(1, search.found.size());
        Exploration.Found deadlock = search.found.values().iterator().next();
        assertTrue(search.depthOf(deadlock.state()) < 5, "level " + search.depthOf(deadlock.state()));
        Finding f = new Traces(search).finding(deadlock);
        List<TraceStep> trace = f.trace();
        assertEquals(5, trace.size(), trace.toString());
        for (int i = 0; i < trace.size(); i++) assertEquals(i + 1, trace.get(i).number());
        assertEquals(3, trace.stream().filter(s -> s.operation().startsWith("x =")).count(), trace.toString());
        CheckResult stored = LockKindRulesTest.reduced(abba, POR);
        assertEquals(stored.findings().get(0).trace(), trace);
        // the whole check with chains reports that trace too (found again without chains)
        assertEquals(stored.findings(), LockKindRulesTest.reduced(abba, CHAINS).findings());
    }

    /**
     * A deadline that passes while a level is expanded stops the expansion at the next state:
     * a frozen batch (chains freeze the visited set) is merged only once every state of it is
     * expanded, and the merge asks the limits only every 256 states, so a soak mutant's 1-second
     * check ran for 7. Here the clock stands still while the reduction's tables are built and
     * jumps past the deadline once the search starts: only the initial state is stored, and the
     * search is incomplete, stopped by the deadline. (Asked at the merge alone, the deadline was
     * seen once 256 states had been expanded: 1,549 stored.)
     */
    @Test
    void aDeadlinePassedDuringALevelStopsItsExpansion() {
        StringBuilder many = new StringBuilder("mutex a; int(0..3) x;\n");
        for (int t = 0; t < 12; t++) {
            many.append("thread t").append(t).append(" {\n");
            for (int i = 0; i < 6; i++) many.append("    mutex_lock(a); x = ").append(i % 4).append("; mutex_unlock(a);\n");
            many.append("}\n");
        }
        IrProgram program = Scenarios.lower(many.toString());
        TransitionSystem system = SystemCompiler.compile(program);
        CompiledModel model = new CompiledModel(system, new Packing(system, new int[system.fields().size()]));
        java.util.concurrent.atomic.AtomicBoolean searching = new java.util.concurrent.atomic.AtomicBoolean();
        Budget budget = Budget.onClock(1, Long.MAX_VALUE, () -> searching.get() ? 2_000_000_000L : 0);
        Explorer.Options options = new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.COMPILED, 1,
                false, CHAINS);
        try (Workers workers = new Workers(1)) {
            CompiledSearch search = new CompiledSearch(new Semantics(program), model, options, workers, null, budget,
                    Phase.SEARCH);
            searching.set(true);
            search.run();
            assertEquals(java.util.Optional.of("--max-seconds 1 reached in the search"), search.stoppedBy);
            assertTrue(search.chains);
            assertEquals(1, search.stateCount());
        }
    }

    private static CompiledSearch search(IrProgram program) {
        TransitionSystem system = SystemCompiler.compile(program);
        CompiledModel model = new CompiledModel(system, new Packing(system, new int[system.fields().size()]));
        Explorer.Options options = new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.COMPILED, 1,
                false, CHAINS);
        try (Workers workers = new Workers(1)) {
            CompiledSearch search = new CompiledSearch(new Semantics(program), model, options, workers, null,
                    Budget.heapOnly(), Phase.SEARCH);
            search.run();
            assertTrue(search.stoppedBy.isEmpty());
            assertTrue(search.chains);
            return search;
        }
    }
}
