package io.vmlock.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The graph walk through procedures that return values: a trylock wrapper is still a trylock. */
class ResultEdgesTest {
    private static LockOrderGraph graph(String source) {
        GraphBuild b = IrGraphBuilder.build(Scenarios.lower(source));
        assertTrue(b.complete());
        return b.graph();
    }

    private static List<String> witnesses(LockOrderGraph g) {
        return g.edges().stream().flatMap(e -> e.dependencies().stream())
                .map(d -> d.held().label() + " -> " + d.acquired().label()
                        + (d.acquired().mode().isEmpty() ? "" : " (" + d.acquired().mode() + ")"))
                .toList();
    }

    /*
     * Through one and two wrappers the trylock of r is witnessed as a trylock (no blocking edge
     * m -> r), other is taken only on the branch where the wrapper returned true, so under r;
     * the wrapped trylock of m, which t holds, always fails, so 'after' is never taken.
     */
    @Test
    void theBranchWhereTheWrapperReturnedTrueHoldsTheLock() {
        String wrapped = """
                rwsem r; mutex m; mutex other; mutex after;
                bool r_trylock() { return down_write_trylock(r); }
                bool r_trylock_twice_wrapped() { if (r_trylock()) { return true; } return false; }
                bool m_trylock() { bool got = mutex_trylock(m); return got; }
                thread t {
                    mutex_lock(m);
                    if (r_trylock_twice_wrapped()) { mutex_lock(other); mutex_unlock(other); up_write(r); }
                    if (m_trylock()) { mutex_lock(after); mutex_unlock(after); }
                    mutex_unlock(m);
                }
                """;
        String inline = """
                rwsem r; mutex m; mutex other; mutex after;
                thread t {
                    mutex_lock(m);
                    if (down_write_trylock(r)) { mutex_lock(other); mutex_unlock(other); up_write(r); }
                    if (mutex_trylock(m)) { mutex_lock(after); mutex_unlock(after); }
                    mutex_unlock(m);
                }
                """;
        LockOrderGraph g = graph(wrapped);
        assertEquals(List.of("m -> other", "m -> r (write, trylock)", "r -> other"), witnesses(g).stream().sorted().toList());
        assertFalse(g.edge(g.lockClass("m").orElseThrow(), g.lockClass("r").orElseThrow()).orElseThrow().isBlocking());
        assertEquals(witnesses(graph(inline)).stream().sorted().toList(), witnesses(g).stream().sorted().toList());
    }

    /* A wrapper that blocks instead is a blocking edge, and closes the cycle with u's order. */
    @Test
    void aWrapperThatBlocksGivesABlockingEdge() {
        LockOrderGraph g = graph("""
                mutex a; mutex b;
                bool lock_b() { mutex_lock(b); return true; }
                thread t { mutex_lock(a); if (lock_b()) { mutex_unlock(b); } mutex_unlock(a); }
                thread u { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
                """);
        assertTrue(g.edge(g.lockClass("a").orElseThrow(), g.lockClass("b").orElseThrow()).orElseThrow().isBlocking());
        assertEquals(List.of("a -> b", "b -> a"), witnesses(g).stream().sorted().toList());
    }
}
