package io.vmlock.solve;

import static io.vmlock.graph.Deps.dep;
import static io.vmlock.graph.Deps.graph;
import static io.vmlock.graph.Deps.mutex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.ast.ObjectKind;
import io.vmlock.graph.Access;
import io.vmlock.graph.Acquisition;
import io.vmlock.graph.Dependency;
import io.vmlock.graph.Deps;
import io.vmlock.graph.Held;
import io.vmlock.graph.Instance;
import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockKind;
import io.vmlock.graph.LockCycle;
import io.vmlock.graph.LockEdge;
import io.vmlock.graph.LockOrderGraph;
import io.vmlock.lockorder.LockOrderAnalysis;
import io.vmlock.testing.Scenarios;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cycle feasibility on hand-built graphs and tiny scenarios: a feasible closing is a real one
 * (each step a witness of its edge, taken by one of its threads, distinct threads), and each
 * dismissal names the first constraint group that rules the cycle out.
 */
class CycleFeasibilityTest {
    private final LockClass a = mutex("a");
    private final LockClass b = mutex("b");

    private static LockCycle cycle(LockOrderGraph g, LockClass... classes) {
        List<LockEdge> edges = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            edges.add(g.edge(classes[i], classes[(i + 1) % classes.length]).orElseThrow());
        }
        return new LockCycle(edges);
    }

    private static Feasibility only(String source) {
        List<Feasibility> verdicts = LockOrderAnalysis.run(Scenarios.lower(source)).verdicts();
        assertEquals(1, verdicts.size(), verdicts::toString);
        return verdicts.get(0);
    }

    private static void assertRealClosing(Feasibility f) {
        assertTrue(f.feasible(), f.reason());
        assertFalse(f.steps().isEmpty());
        assertEquals(0, f.steps().size() % f.cycle().length(), "whole laps round the cycle");
        for (int j = 0; j < f.steps().size(); j++) {
            Feasibility.Step s = f.steps().get(j);
            assertTrue(f.cycle().edges().get(j % f.cycle().length()).dependencies().contains(s.dependency()), s::toString);
            assertTrue(s.dependency().actors().contains(s.thread()), s::toString);
        }
    }

    /** {@code n} philosophers round one class of forks: the cycle fork -> fork closes only after n laps. */
    private static String philosophers(int n) {
        StringBuilder s = new StringBuilder("set fork_id { ");
        for (int i = 0; i < n; i++) s.append(i == 0 ? "" : ", ").append("F").append(i);
        s.append(" };\nmutex fork[fork_id];\n");
        for (int i = 0; i < n; i++) {
            s.append("thread phil").append(i).append(" { mutex_lock(fork[F").append(i).append("]); mutex_lock(fork[F")
                    .append((i + 1) % n).append("]); mutex_unlock(fork[F").append((i + 1) % n)
                    .append("]); mutex_unlock(fork[F").append(i).append("]); }\n");
        }
        return s.toString();
    }

    /*
     * Closing the cycle takes one lap per philosopher: 16 laps are still tried and close it; 17
     * would go past MAX_LAPS, so the cycle is kept as undecided for the search rather than dismissed.
     */
    @Test
    void aCycleNeedingMoreLapsThanTriedIsKeptUndecidedNotDismissed() {
        Feasibility sixteen = only(philosophers(16));
        assertRealClosing(sixteen);
        assertEquals(16 * sixteen.cycle().length(), sixteen.steps().size());
        Feasibility seventeen = only(philosophers(17));
        assertTrue(seventeen.feasible(), seventeen.reason());
        assertTrue(seventeen.reason().startsWith("undecided: closing it may take more than 16 laps"), seventeen.reason());
        assertTrue(seventeen.steps().isEmpty());
    }

    @Test
    void anInversionByTwoThreadsClosesWithOneStepEach() {
        LockOrderGraph g = graph(dep("t1", a, b), dep("t2", b, a));
        Feasibility f = new CycleFeasibility(g).check(cycle(g, a, b));
        assertRealClosing(f);
        assertEquals(List.of("t1", "t2"), f.threads());
        assertTrue(f.reason().startsWith("feasible: 2 edges taken by t1, t2; "), f.reason());
    }

    @Test
    void aCycleOfContextsAloneIsNoDeadlock() {
        LockOrderGraph g = graph(dep("t1", LockClass.HARDIRQ, LockClass.FS_RECLAIM), dep("t2", LockClass.FS_RECLAIM, LockClass.HARDIRQ));
        Feasibility f = new CycleFeasibility(g).check(cycle(g, LockClass.HARDIRQ, LockClass.FS_RECLAIM));
        assertFalse(f.feasible());
        assertEquals(List.of(), f.steps());
        assertEquals("no real lock on the cycle, only contexts", f.reason());
    }

    /* Both threads hold g, but t3 takes a -> b without it: t3 and t2 close the cycle. */
    @Test
    void aGateHeldOnOnlySomePathsDoesNotDismissTheCycle() {
        String s = """
                mutex g; mutex a; mutex b;
                thread t1 { mutex_lock(g); mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); mutex_unlock(g); }
                thread t2 { mutex_lock(g); mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); mutex_unlock(g); }
                %s
                """;
        Feasibility gated = only(s.formatted(""));
        assertFalse(gated.feasible());
        assertTrue(gated.reason().startsWith("both paths hold g: "), gated.reason());
        Feasibility open = only(s.formatted(
                "thread t3 { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }"));
        assertRealClosing(open);
        assertEquals(List.of("t3", "t2"), open.threads().stream().sorted(Comparator.reverseOrder()).toList());
    }

    /*
     * Two readers of an rwsem do not exclude each other: a gate held for read on both paths is
     * no gate. One writer and one reader do: then g still dismisses the cycle.
     */
    @Test
    void aGateExcludesOnlyWhenOneSideHoldsItForWrite() {
        String s = """
                rwsem g; mutex a; mutex b;
                thread t1 { %s(g); mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); %s(g); }
                thread t2 { down_read(g); mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); up_read(g); }
                """;
        Feasibility readers = only(s.formatted("down_read", "up_read"));
        assertRealClosing(readers);
        assertEquals(2, readers.threads().size());
        Feasibility writer = only(s.formatted("down_write", "up_write"));
        assertFalse(writer.feasible());
        assertTrue(writer.reason().startsWith("both paths hold g: "), writer.reason());
    }

    /* Branches a stable variable takes (it is 1 for both tests) are walked, and their cycle kept. */
    @Test
    void branchesAStableVariableTakesKeepTheCycle() {
        Feasibility f = only("""
                bool enabled = true;
                mutex a; mutex b;
                thread t1 { if (enabled) { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); } }
                thread t2 { if (enabled) { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); } }
                """);
        assertRealClosing(f);
    }

    /* Two distinct pages, each taken before sb_lock and waited for under it: instances never meet. */
    @Test
    void aDismissalForDifferentInstancesNamesTheWaitedAndTheHeldInstance() {
        Feasibility f = only("""
                set page { P0, P1 };
                mutex page_lock[page]; mutex sb_lock;
                thread t1 { mutex_lock(page_lock[P0]); mutex_lock(sb_lock); mutex_unlock(sb_lock); mutex_unlock(page_lock[P0]); }
                thread t2 { mutex_lock(sb_lock); mutex_lock(page_lock[P1]); mutex_unlock(page_lock[P1]); mutex_unlock(sb_lock); }
                """);
        assertFalse(f.feasible());
        assertTrue(f.reason().startsWith("lockdep would report this; instances differ: page_lock[P1] is waited for at "), f.reason());
        assertTrue(f.reason().contains(" but page_lock[P0] is the one held, taken at "), f.reason());
    }

    /* A GFP_KERNEL allocation under sb_lock enters reclaim, which takes sb_lock: one thread closes it. */
    @Test
    void oneThreadThroughAContextClosesTheCycleAlone() {
        Feasibility f = only("""
                mutex sb_lock;
                proc pageout() { mutex_lock(sb_lock); mutex_unlock(sb_lock); }
                reclaim __GFP_FS pageout();
                thread ext2 { mutex_lock(sb_lock); alloc(GFP_KERNEL); mutex_unlock(sb_lock); }
                """);
        assertRealClosing(f);
        assertEquals(List.of("ext2"), f.threads());
        assertTrue(f.reason().startsWith("feasible: 2 edges taken by ext2 alone; "), f.reason());
    }

    /*
     * page_lock[p?] held while page_lock[q?] is taken, p and q unknown: they may be the same page,
     * so one thread on one edge closes the self-loop (it waits for the page it holds).
     */
    @Test
    void unknownInstancesThatMayAliasCloseASelfLoopInOneStep() {
        LockClass page = new LockClass("page_lock", LockKind.of(ObjectKind.MUTEX), List.of("P0", "P1"));
        Held held = new Held(page, new Instance.Unknown("p"), Access.EXCLUSIVE, Deps.site("t"));
        Acquisition wanted = new Acquisition(page, new Instance.Unknown("q"), Access.EXCLUSIVE, false, true, Deps.site("t"));
        LockOrderGraph g = graph(new Dependency(held, wanted, List.of(held), List.of("t")));
        Feasibility f = new CycleFeasibility(g).check(cycle(g, page));
        assertRealClosing(f);
        assertEquals(1, f.steps().size());
        assertTrue(f.reason().startsWith("feasible: 1 edge taken by t alone; "), f.reason());
    }
}
