package io.vmlock.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SimpleCyclesTest {
    @Test
    void findsEveryCycleOnceSelfLoopsIncluded() {
        SimpleCycles<String> g = new SimpleCycles<>();
        g.addVertex("T0");
        g.addEdge("T0", "r1");
        g.addEdge("r1", "T1");
        g.addEdge("T1", "r0");
        g.addEdge("r0", "T0");
        g.addEdge("T1", "r0"); // again: no second edge, no second cycle
        g.addEdge("T2", "T2");
        g.addEdge("T3", "r1");
        assertEquals(Set.of("[T0, r1, T1, r0]", "[T2]"), rotated(g.find()));
    }

    @Test
    void aGraphWithoutCyclesHasNone() {
        SimpleCycles<Integer> g = new SimpleCycles<>();
        g.addEdge(1, 2);
        g.addEdge(2, 3);
        g.addEdge(1, 3);
        g.addVertex(4);
        assertEquals(List.of(), g.find());
    }

    /** Each cycle started at its least vertex, so the test does not depend on where Tarjan starts. */
    private static Set<String> rotated(List<List<String>> cycles) {
        Set<String> out = new TreeSet<>();
        for (List<String> c : cycles) {
            int start = c.indexOf(new TreeSet<>(c).first());
            List<String> r = new ArrayList<>(c.subList(start, c.size()));
            r.addAll(c.subList(0, start));
            out.add(r.toString());
        }
        return out;
    }
}
