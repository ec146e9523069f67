package io.vmlock.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
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

    @Test
    void shortestAreTheLeastLengthCyclesOfAllOnRandomGraphs() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            SimpleCycles<String> g = new SimpleCycles<>();
            int n = 1 + random.nextInt(7);
            for (int v = 0; v < n; v++) g.addVertex("v" + v);
            int edges = random.nextInt(n * n + 1);
            for (int e = 0; e < edges; e++) g.addEdge("v" + random.nextInt(n), "v" + random.nextInt(n));
            List<List<String>> all = g.find();
            int least = all.stream().mapToInt(List::size).min().orElse(0);
            List<List<String>> expected = all.stream().filter(c -> c.size() == least).collect(Collectors.toList());
            List<List<String>> shortest = g.shortest();
            assertEquals(rotated(expected), rotated(shortest), "round " + round);
            assertEquals(expected.size(), shortest.size(), "each once, round " + round);
        }
    }

    /**
     * Fifteen threads each waiting for an event any other can bring about: the complete wait-for
     * graph has more simple cycles than can be listed, but only C(15, 2) shortest ones, T_i e_i T_j e_j.
     */
    @Test
    void shortestCyclesOfACompleteWaitForGraphAreThePairs() {
        SimpleCycles<String> g = new SimpleCycles<>();
        int n = 15;
        for (int i = 0; i < n; i++) {
            g.addEdge("T" + i, "e" + i);
            for (int j = 0; j < n; j++) {
                if (j != i) g.addEdge("e" + i, "T" + j);
            }
        }
        List<List<String>> shortest = g.shortest();
        assertEquals(n * (n - 1) / 2, shortest.size());
        shortest.forEach(c -> assertEquals(4, c.size(), c.toString()));
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
