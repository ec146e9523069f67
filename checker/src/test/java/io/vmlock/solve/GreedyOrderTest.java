package io.vmlock.solve;

import static io.vmlock.graph.Deps.dep;
import static io.vmlock.graph.Deps.graph;
import static io.vmlock.graph.Deps.mutex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.graph.Dependency;
import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockEdge;
import io.vmlock.graph.LockOrderGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The greedy start of the fix-set search: on small graphs its backward edges are already a cheapest fix. */
class GreedyOrderTest {
    private final LockClass a = mutex("a");
    private final LockClass b = mutex("b");
    private final LockClass c = mutex("c");
    private final LockClass d = mutex("d");

    private static long backwardWeight(List<LockClass> order, List<LockEdge> edges) {
        return edges.stream().filter(e -> order.indexOf(e.source()) > order.indexOf(e.target()))
                .mapToLong(LockEdge::paths).sum();
    }

    @Test
    void anAcyclicGraphIsPutInTopologicalOrder() {
        LockOrderGraph g = graph(dep("t", c, b), dep("t", b, a), dep("u", d, a), dep("u", c, d));
        List<LockClass> order = GreedyOrder.order(List.of(a, b, c, d), g.edges());
        assertEquals(4, order.size());
        assertEquals(0, backwardWeight(order, g.edges()), order::toString);
        assertEquals(c, order.get(0));
        assertEquals(a, order.get(3));
    }

    /* a -> b twice, b -> c twice, c -> a once: only c -> a should point backwards. */
    @Test
    void aWeightedCycleLeavesOnlyItsLightestEdgeBackwards() {
        LockOrderGraph g = graph(dep("t1", a, b), dep("t2", a, b), dep("t3", b, c), dep("t4", b, c), dep("t5", c, a));
        for (List<LockClass> declared : List.of(List.of(a, b, c), List.of(c, b, a), List.of(b, a, c))) {
            List<LockClass> order = GreedyOrder.order(declared, g.edges());
            assertEquals(1, backwardWeight(order, g.edges()), order::toString);
            assertEquals(List.of(a, b, c), order);
        }
    }

    /*
     * b sits between a and c in both directions, heavier towards a: a <- b twice, b -> c twice,
     * a -> b once, c -> b once, so b goes first and only the two single edges point backwards.
     */
    @Test
    void aClassWithMoreWeightOutThanInGoesFirst() {
        LockOrderGraph g = graph(dep("t1", b, a), dep("t2", b, a), dep("t3", b, c), dep("t4", b, c),
                dep("t5", a, b), dep("t6", c, b));
        List<LockClass> order = GreedyOrder.order(List.of(a, c, b), g.edges());
        assertEquals(b, order.get(0));
        assertEquals(2, backwardWeight(order, g.edges()), order::toString);
    }

    /**
     * On any graph the order is a local optimum: moving one class anywhere else points no less
     * weight backwards. Checked by brute force over seeded random weighted graphs of six classes.
     */
    @Test
    void noSingleMoveImprovesTheOrder() {
        Random random = new Random(19);
        List<LockClass> classes = List.of(a, b, c, d, mutex("e"), mutex("f"));
        for (int round = 0; round < 30; round++) {
            List<Dependency> deps = new ArrayList<>();
            for (LockClass from : classes) {
                for (LockClass to : classes) {
                    int paths = from.equals(to) || random.nextInt(3) > 0 ? 0 : 1 + random.nextInt(3);
                    for (int i = 0; i < paths; i++) deps.add(dep("t" + deps.size(), from, to));
                }
            }
            List<LockEdge> edges = graph(deps.toArray(Dependency[]::new)).edges();
            List<LockClass> order = GreedyOrder.order(classes, edges);
            assertEquals(Set.copyOf(classes), Set.copyOf(order));
            long weight = backwardWeight(order, edges);
            for (LockClass moved : order) {
                for (int at = 0; at < order.size(); at++) {
                    List<LockClass> other = new ArrayList<>(order);
                    other.remove(moved);
                    other.add(at, moved);
                    assertTrue(backwardWeight(other, edges) >= weight, () -> "moving " + moved + " improves " + order);
                }
            }
        }
    }
}
