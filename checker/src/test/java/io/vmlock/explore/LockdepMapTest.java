package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.bothEngines;
import static io.vmlock.explore.LockKindRulesTest.outcome;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.graph.LockEdge;
import io.vmlock.lockorder.LockOrderAnalysis;
import io.vmlock.pipeline.CheckOptions;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.solve.Feasibility;
import io.vmlock.testing.Scenarios;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * lockdep maps (include/linux/lockdep.h: lock_map_acquire is lock_acquire_exclusive, read 0;
 * lock_map_acquire_read is lock_acquire_shared_recursive, read 2): the search never waits on one
 * and keeps no hold of it, the lock-order graph orders it like a lock, as lockdep does. might_lock(l)
 * is the same on a real lock's map: lock_acquire(read 0) and lock_release, l itself untouched.
 */
class LockdepMapTest {
    private static Set<String> edges(String source) {
        return IrGraphBuilder.build(Scenarios.lower(source)).graph().edges().stream().map(LockEdge::toString)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Feasibility only(String source) {
        List<Feasibility> verdicts = LockOrderAnalysis.run(Scenarios.lower(source)).verdicts();
        assertEquals(1, verdicts.size(), verdicts::toString);
        return verdicts.get(0);
    }

    /* Acquiring the map twice never waits: pc 0..4, 5 states, no finding; lockdep's self-loop is the graph's. */
    @Test
    void takingAMapAgainNeverWaits() {
        String source = """
                lockdep_map m;
                thread t { lock_map_acquire(m); lock_map_acquire(m); lock_map_release(m); lock_map_release(m); }
                """;
        outcome(source, List.of(), 5);
        assertEquals(Set.of("m -> m"), edges(source));
    }

    /*
     * a takes the map, then x; b takes x, then the map: pcs 0..4 each, 25 pairs, less the 3 where
     * both hold x (a at 2, b at 1..3): 22 states and no deadlock, since nobody waits on m. The
     * graph has lockdep's cycle, and the check says why the search does not confirm it.
     */
    @Test
    void aCycleThroughAMapIsTheGraphsNotTheSearchs() {
        String source = """
                lockdep_map m; mutex x;
                thread a { lock_map_acquire(m); mutex_lock(x); mutex_unlock(x); lock_map_release(m); }
                thread b { mutex_lock(x); lock_map_acquire(m); lock_map_release(m); mutex_unlock(x); }
                """;
        outcome(source, List.of(), 22);
        assertEquals(Set.of("m -> x", "x -> m"), edges(source));
        assertTrue(only(source).feasible());
        CheckResult checked = Pipeline.check(Scenarios.lower(source), CheckOptions.defaults());
        assertEquals(List.of(), kinds(checked));
        assertTrue(checked.notes().contains("lock-order cycle x -> m -> x goes through lockdep map m, which no thread"
                + " waits on: lockdep reports it; the search judges only what the threads wait on")
                || checked.notes().contains("lock-order cycle m -> x -> m goes through lockdep map m, which no thread"
                + " waits on: lockdep reports it; the search judges only what the threads wait on"),
                checked.notes().toString());
    }

    /*
     * lock_map_acquire_read is a recursive read whoever else takes the map exclusively:
     * x -(E,R)-> m -(S,N)-> x is no strong path, so lockdep (and the graph pass) dismiss the cycle.
     * The same with an rwsem's down_read, a non-recursive read once a writer exists, keeps it.
     */
    @Test
    void aMapReadIsRecursiveEvenWithAnExclusiveTaker() {
        String map = """
                lockdep_map m; mutex x;
                thread a { lock_map_acquire_read(m); mutex_lock(x); mutex_unlock(x); lock_map_release(m); }
                thread b { mutex_lock(x); lock_map_acquire_read(m); lock_map_release(m); mutex_unlock(x); }
                thread c { lock_map_acquire(m); lock_map_release(m); }
                """;
        assertFalse(only(map).feasible(), only(map).reason());
        String rwsem = map.replace("lockdep_map m", "rwsem m").replace("lock_map_acquire_read(m); mutex_lock",
                "down_read(m); mutex_lock").replace("mutex_unlock(x); lock_map_release(m);", "mutex_unlock(x); up_read(m);")
                .replace("lock_map_acquire_read(m); lock_map_release(m);", "down_read(m); up_read(m);")
                .replace("lock_map_acquire(m); lock_map_release(m);", "down_write(m); up_write(m);");
        assertTrue(only(rwsem).feasible(), rwsem);
    }

    /*
     * Two workers of one workqueue both run inside its map and take x and y in opposite orders:
     * the map is no gate (nobody waits on it), so the cycle stays feasible and the search finds
     * the deadlock; a mutex in its place is a gate and dismisses the cycle.
     */
    @Test
    void aMapIsNoGateLock() {
        String map = """
                lockdep_map wq; mutex x; mutex y;
                thread w1 { lock_map_acquire(wq); mutex_lock(x); mutex_lock(y); mutex_unlock(y); mutex_unlock(x); lock_map_release(wq); }
                thread w2 { lock_map_acquire(wq); mutex_lock(y); mutex_lock(x); mutex_unlock(x); mutex_unlock(y); lock_map_release(wq); }
                """;
        assertTrue(only(map).feasible(), only(map).reason());
        assertEquals(List.of("deadlock"), kinds(bothEngines(map)));
        String gate = map.replace("lockdep_map wq", "mutex wq").replace("lock_map_acquire(wq)", "mutex_lock(wq)")
                .replace("lock_map_release(wq)", "mutex_unlock(wq)");
        assertFalse(only(gate).feasible(), gate);
    }

    /*
     * might_lock(y) takes nothing in the search: a: pcs 0..3, b: pcs 0..4, 20 pairs, less the 2
     * where both hold x (a at 1..2, b at 2): 18 states, no deadlock. The graph has lockdep's
     * x -> y from it (and nothing held after it: no y -> z), and y -> x from b.
     */
    @Test
    void mightLockOrdersWithoutTaking() {
        String source = """
                mutex x; mutex y; mutex z;
                thread a { mutex_lock(x); might_lock(y); mutex_unlock(x); }
                thread b { mutex_lock(y); mutex_lock(x); mutex_unlock(x); mutex_unlock(y); }
                thread c { might_lock(y); mutex_lock(z); mutex_unlock(z); }
                """;
        outcome(source.replace("thread c { might_lock(y); mutex_lock(z); mutex_unlock(z); }\n", ""), List.of(), 18);
        assertEquals(Set.of("x -> y", "y -> x"), edges(source));
    }

    /* might_lock of an rwsem is its write (read 0): against a reader's cycle it is no recursive read. */
    @Test
    void mightLockOfAnRwsemIsAWrite() {
        String source = """
                rwsem r; mutex x;
                thread a { mutex_lock(x); might_lock(r); mutex_unlock(x); }
                thread b { down_read(r); mutex_lock(x); mutex_unlock(x); up_read(r); }
                """;
        assertTrue(only(source).feasible(), only(source).reason());
    }

    /*
     * might_lock_read(r) is lockdep's read 1 (rwsem_acquire_read's): the same 18 states as
     * might_lock, since the search takes nothing, and the same two edges; against a reader the
     * cycle is read/read, which lockdep's recursive-read rule dismisses, and a writer of r makes
     * the read wait for it behind the queue: no longer dismissed.
     */
    @Test
    void mightLockReadOrdersAReadWithoutTaking() {
        String source = """
                rwsem r; mutex x;
                thread a { mutex_lock(x); might_lock_read(r); mutex_unlock(x); }
                thread b { down_read(r); mutex_lock(x); mutex_unlock(x); up_read(r); }
                """;
        outcome(source, List.of(), 18);
        assertEquals(Set.of("r -> x", "x -> r"), edges(source));
        assertFalse(only(source).feasible(), "a read against a read, with no writer to queue behind");
        assertTrue(only(source).reason().startsWith("read/read"), only(source).reason());
        String writer = source + "thread w { down_write(r); up_write(r); }\n";
        assertTrue(only(writer).feasible(), only(writer).reason());
        assertTrue(only(source.replace("might_lock_read", "might_lock")).feasible());
    }
}
