package io.vmlock.graph;

import static io.vmlock.graph.Deps.dep;
import static io.vmlock.graph.Deps.graph;
import static io.vmlock.graph.Deps.mutex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CycleFinderTest {
    private final LockClass a = mutex("a");
    private final LockClass b = mutex("b");
    private final LockClass c = mutex("c");
    private final LockClass d = mutex("d");

    @Test
    void acyclicGraphHasNoComponentsAndNoCycles() {
        CycleSearch s = CycleFinder.withDefaults().find(graph(dep("t1", a, b), dep("t1", b, c)).graph());
        assertTrue(s.acyclic());
        assertTrue(s.cycles().isEmpty());
        assertFalse(s.cut());
    }

    @Test
    void findsSelfLoopTwoAndThreeCyclesShortestFirst() {
        LockOrderGraph g = graph(dep("t1", a, a), dep("t1", a, b), dep("t2", b, a),
                dep("t2", b, c), dep("t3", c, a));
        CycleSearch s = CycleFinder.withDefaults().find(g.graph());
        assertFalse(s.acyclic());
        assertEquals(1, s.components().size());
        assertEquals("[a -> a, a -> b -> a, a -> b -> c -> a]", s.cycles().toString());
        assertFalse(s.cut());
    }

    @Test
    void countBoundCutsAndKeepsTheShortest() {
        // complete digraph on 4 classes: 6 two-cycles, 8 three-cycles, 6 four-cycles
        LockClass[] all = {a, b, c, d};
        LockGraphBuilder builder = new LockGraphBuilder();
        for (LockClass x : all) {
            for (LockClass y : all) {
                if (x != y) builder.add(dep("t", x, y));
            }
        }
        CycleSearch full = new CycleFinder(8, 100).find(builder.build().graph());
        assertEquals(20, full.cycles().size());
        assertFalse(full.cut());
        CycleSearch bounded = new CycleFinder(8, 7).find(builder.build().graph());
        assertTrue(bounded.cut());
        assertEquals(7, bounded.cycles().size());
        assertEquals(2, bounded.cycles().get(5).length());
        assertEquals(3, bounded.cycles().get(6).length());
    }

    @Test
    void lengthBoundCutsLongerCyclesOnceAShorterOneIsFound() {
        // a <-> b within the bound, a -> b -> c -> a beyond it
        CycleSearch s = new CycleFinder(2, 100).find(graph(dep("t1", a, b), dep("t2", b, a), dep("t2", b, c),
                dep("t3", c, a)).graph());
        assertEquals("[a -> b -> a]", s.cycles().toString());
        assertTrue(s.cut());
    }

    /** Corpus 100's eleven-class chain: with no cycle within the bound, the shortest longer one is found. */
    @Test
    void aGraphWhoseOnlyCycleIsLongerThanTheBoundHasItFound() {
        CycleSearch s = new CycleFinder(2, 100).find(graph(dep("t1", a, b), dep("t2", b, c), dep("t3", c, a)).graph());
        assertEquals("[a -> b -> c -> a]", s.cycles().toString());
        assertFalse(s.cut());
    }

    @Test
    void cyclesOfOneLengthAreOrderedByTheirClasses() {
        // complete digraph on a, b, c, edges added in reverse: 3 two-cycles, 2 three-cycles
        LockGraphBuilder builder = new LockGraphBuilder();
        LockClass[] all = {c, b, a};
        for (LockClass x : all) {
            for (LockClass y : all) {
                if (x != y) builder.add(dep("t", x, y));
            }
        }
        CycleSearch s = CycleFinder.withDefaults().find(builder.build().graph());
        assertEquals("[a -> b -> a, a -> c -> a, b -> c -> b, a -> b -> c -> a, a -> c -> b -> a]", s.cycles().toString());
    }

    @Test
    void aCycleAsLongAsTheLengthBoundIsFoundAndNothingIsCut() {
        CycleSearch s = new CycleFinder(3, 100).find(graph(dep("t1", a, b), dep("t2", b, c), dep("t3", c, a)).graph());
        assertEquals("[a -> b -> c -> a]", s.cycles().toString());
        assertFalse(s.cut());
    }

    @Test
    void aComponentLargerThanTheLengthBoundIsCutOnlyWhenItHasALongerCycle() {
        // a -> b -> c -> a and c <-> d: four classes in one component, no cycle longer than 3
        LockOrderGraph g = graph(dep("t", a, b), dep("t", b, c), dep("t", c, a), dep("t", c, d), dep("t", d, c));
        CycleSearch s = new CycleFinder(3, 100).find(g.graph());
        assertEquals("[c -> d -> c, a -> b -> c -> a]", s.cycles().toString());
        assertFalse(s.cut());
        // with d -> a as well, a -> b -> c -> d -> a is longer than the bound
        CycleSearch longer = new CycleFinder(3, 100).find(graph(dep("t", a, b), dep("t", b, c), dep("t", c, a),
                dep("t", c, d), dep("t", d, c), dep("t", d, a)).graph());
        assertTrue(longer.cut());
    }

    /**
     * A component with a cycle within the bound and one two classes past it, none in between:
     * a <-> b and a -> b -> c -> d -> e -> a (five classes) with the bound at 3. Probing only one
     * length past the bound called it complete.
     */
    @Test
    void aCycleTwoPastTheBoundCutsTheSearch() {
        LockClass e = mutex("e");
        CycleSearch s = new CycleFinder(3, 100).find(graph(dep("t", a, b), dep("t", b, a), dep("t", b, c),
                dep("t", c, d), dep("t", d, e), dep("t", e, a)).graph());
        assertEquals("[a -> b -> a]", s.cycles().toString());
        assertTrue(s.cut());
    }

    /**
     * Too many cycles to tell whether a longer one exists counts as cut: a hub h and classes x1..x4,
     * y1..y4 with h -> xi -> yj -> h have 16 cycles, all of three classes, in a component of nine.
     * Looking through at most 10 (or 15) of them cannot tell; through 16 or 100, all, it finds none longer.
     */
    @Test
    void tooManyCyclesToProbeCountAsCut() {
        LockGraphBuilder builder = new LockGraphBuilder();
        LockClass h = mutex("h");
        for (int i = 1; i <= 4; i++) {
            LockClass x = mutex("x" + i);
            builder.add(dep("t", h, x));
            for (int j = 1; j <= 4; j++) {
                LockClass y = mutex("y" + j);
                builder.add(dep("t", x, y));
                builder.add(dep("t", y, h));
            }
        }
        CycleSearch probedAll = new CycleFinder(3, 100, 100).find(builder.build().graph());
        assertEquals(16, probedAll.cycles().size());
        assertFalse(probedAll.cut());
        assertTrue(new CycleFinder(3, 100, 10).find(builder.build().graph()).cut());
        assertFalse(new CycleFinder(3, 100, 16).find(builder.build().graph()).cut(), "16 may be looked through: all");
        assertTrue(new CycleFinder(3, 100, 15).find(builder.build().graph()).cut(), "one short of all");
    }
}