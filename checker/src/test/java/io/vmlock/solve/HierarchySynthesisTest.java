package io.vmlock.solve;

import static io.vmlock.graph.Deps.dep;
import static io.vmlock.graph.Deps.graph;
import static io.vmlock.graph.Deps.mutex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockEdge;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A synthesized hierarchy places every edge's source before its target, or there is none. */
class HierarchySynthesisTest {
    private final LockClass a = mutex("a");
    private final LockClass b = mutex("b");
    private final LockClass c = mutex("c");
    private final LockClass d = mutex("d");

    private static void assertRespects(Hierarchy h, List<LockEdge> edges) {
        for (LockEdge e : edges) {
            if (e.source().equals(e.target())) continue;
            assertTrue(h.position(e.source()) < h.position(e.target()), () -> e + " against " + h.order());
        }
    }

    @Test
    void noClassesGiveTheEmptyHierarchy() {
        assertEquals(List.of(), HierarchySynthesis.synthesize(List.of(), List.of()).orElseThrow().order());
    }

    @Test
    void aChainDeclaredBackwardsIsOrderedByItsEdges() {
        List<LockEdge> edges = graph(dep("t", a, b), dep("t", b, c), dep("u", a, c)).edges();
        Hierarchy h = HierarchySynthesis.synthesize(List.of(c, b, a), edges).orElseThrow();
        assertEquals(List.of(a, b, c), h.order());
        assertRespects(h, edges);
    }

    @Test
    void classesNoEdgeOrdersKeepTheirDeclarationOrder() {
        Hierarchy free = HierarchySynthesis.synthesize(List.of(d, b, c, a), List.of()).orElseThrow();
        assertEquals(List.of(d, b, c, a), free.order());
        // c -> b: d takes place 0; b cannot take 1 (c would have nowhere before it), so c is 1, b 2
        List<LockEdge> edges = graph(dep("t", c, b)).edges();
        Hierarchy h = HierarchySynthesis.synthesize(List.of(d, b, c, a), edges).orElseThrow();
        assertEquals(List.of(d, c, b, a), h.order());
        assertRespects(h, edges);
    }

    @Test
    void selfLoopsOrderInstancesNotClasses() {
        List<LockEdge> edges = graph(dep("t", a, a), dep("t", b, a)).edges();
        Hierarchy h = HierarchySynthesis.synthesize(List.of(a, b), edges).orElseThrow();
        assertEquals(List.of(b, a), h.order());
    }

    @Test
    void aCycleHasNoHierarchy() {
        List<LockEdge> edges = graph(dep("t1", a, b), dep("t2", b, c), dep("t3", c, a)).edges();
        assertTrue(HierarchySynthesis.synthesize(List.of(a, b, c), edges).isEmpty());
    }

    @Test
    void aClassOutsideTheHierarchyHasNoPosition() {
        Hierarchy h = new Hierarchy(List.of(a, b));
        assertEquals(1, h.position(b));
        assertEquals(-1, h.position(c));
    }
}
