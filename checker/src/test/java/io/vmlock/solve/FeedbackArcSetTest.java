package io.vmlock.solve;

import static io.vmlock.graph.Deps.dep;
import static io.vmlock.graph.Deps.graph;
import static io.vmlock.graph.Deps.mutex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockEdge;
import io.vmlock.graph.LockOrderGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fix set: removing it leaves the graph acyclic, its weight is the number of paths its edges
 * carry, and no cheaper set exists (the cheapest is worked out by hand for each graph).
 */
class FeedbackArcSetTest {
    private final LockClass a = mutex("a");
    private final LockClass b = mutex("b");
    private final LockClass c = mutex("c");
    private final LockClass d = mutex("d");
    private final LockClass x = mutex("x");
    private final LockClass y = mutex("y");

    private static FixSet fix(LockOrderGraph g) {
        return new FeedbackArcSet(10_000).solve(g.blockingEdges(), g.cyclicComponents());
    }

    /** Edges by name: the blocking graph is rebuilt on each call, so its edges are new objects. */
    private static Set<String> names(List<LockEdge> edges) {
        return edges.stream().map(LockEdge::toString).collect(Collectors.toSet());
    }

    private static void assertBreaksEveryCycle(LockOrderGraph g, FixSet fix) {
        Set<String> removed = names(fix.edges());
        List<LockEdge> kept = new ArrayList<>(g.blockingEdges());
        kept.removeIf(e -> removed.contains(e.toString()));
        assertEquals(g.blockingEdges().size() - fix.edges().size(), kept.size());
        assertTrue(HierarchySynthesis.synthesize(g.classes(), kept).isPresent(), () -> "still cyclic without " + fix.edges());
        assertEquals(fix.edges().stream().mapToLong(LockEdge::paths).sum(), fix.weight());
    }

    /* a -> b on one path, b -> a on two: the cheapest fix reorders the one path. */
    @Test
    void theLighterEdgeOfAnInversionIsTheFix() {
        LockOrderGraph g = graph(dep("t1", a, b), dep("t2", b, a), dep("t3", b, a));
        FixSet fix = fix(g);
        assertEquals(Set.of("a -> b"), names(fix.edges()));
        assertEquals(1, fix.weight());
        assertTrue(fix.optimal());
        assertEquals("optimal", fix.status());
        assertBreaksEveryCycle(g, fix);
    }

    /*
     * Two disjoint inversions are two components; the fix is one edge of each, the weights add.
     * In a -> b -> c -> a plus a -> c (two paths each on a -> b and b -> c) the cheapest is c -> a.
     */
    @Test
    void componentsAreFixedSeparatelyAndTheirWeightsAdd() {
        LockOrderGraph g = graph(dep("t1", a, b), dep("t2", a, b), dep("t3", b, c), dep("t4", b, c),
                dep("t5", c, a), dep("t6", x, y), dep("t7", y, x), dep("t8", y, x), dep("t9", a, d));
        assertEquals(2, g.cyclicComponents().size());
        FixSet fix = fix(g);
        assertEquals(Set.of("c -> a", "x -> y"), names(fix.edges()));
        assertEquals(2, fix.weight());
        assertTrue(fix.optimal());
        assertBreaksEveryCycle(g, fix);
    }

    /*
     * a <-> b and b <-> c share b: each cycle needs one of its edges gone. b's in-edges carry one
     * path each, its out-edges three: 2 beats 4 (one of each) and 6 (both out-edges).
     */
    @Test
    void theCheapestSetTakesTheLightEdgeOfEachCycleThroughAClass() {
        LockOrderGraph g = graph(dep("t1", a, b), dep("t2", c, b),
                dep("t3", b, a), dep("t4", b, a), dep("t5", b, a),
                dep("t6", b, c), dep("t7", b, c), dep("t8", b, c));
        FixSet fix = fix(g);
        assertEquals(Set.of("a -> b", "c -> b"), names(fix.edges()));
        assertEquals(2, fix.weight());
        assertBreaksEveryCycle(g, fix);
    }

    @Test
    void aSelfLoopAloneNeedsNoFix() {
        LockOrderGraph g = graph(dep("t1", a, a), dep("t2", a, b));
        FixSet fix = new FeedbackArcSet(10_000).solve(g.blockingEdges(), List.of(Set.of(a)));
        assertEquals(List.of(), fix.edges());
        assertEquals(0, fix.weight());
        assertTrue(fix.optimal());
    }

    @Test
    void anAcyclicGraphNeedsNoFix() {
        LockOrderGraph g = graph(dep("t1", a, b), dep("t2", b, c));
        FixSet fix = fix(g);
        assertEquals(List.of(), fix.edges());
        assertTrue(fix.optimal());
    }

    @Test
    void aSetNotProvenOptimalSaysSo() {
        assertEquals("best found within the time limit, not proven optimal", new FixSet(List.of(), 0, false).status());
    }
}
