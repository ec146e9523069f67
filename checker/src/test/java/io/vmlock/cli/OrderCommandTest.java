package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.graph.GraphScenarios;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.graph.LockEdge;
import io.vmlock.graph.LockOrderGraph;
import io.vmlock.lockorder.OrderSynthesis;
import io.vmlock.solve.FixSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code vmlock order}: the hierarchy respects every edge; the fix set makes the graph acyclic. */
class OrderCommandTest {
    private record Run(int exit, String out) {
    }

    private static Run order(String name) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"order", GraphScenarios.path(name).toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals("", err.toString());
        return new Run(exit, out.toString());
    }

    private static LockOrderGraph graph(String name) {
        return IrGraphBuilder.build(GraphScenarios.lower(name)).graph();
    }

    /** The classes of the printed "Total order" line, outermost first. */
    private static List<String> totalOrder(String out) {
        String[] lines = out.split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].startsWith("Total order")) return Arrays.asList(lines[i + 1].trim().split(" < "));
        }
        throw new AssertionError("no total order in:\n" + out);
    }

    @Test
    void acyclicModelPrintsAHierarchyEveryEdgeRespects() {
        Run r = order("acyclic_mm.vmlock");
        assertEquals(0, r.exit(), r.out());
        List<String> order = totalOrder(r.out());
        LockOrderGraph g = graph("acyclic_mm.vmlock");
        assertEquals(g.classes().size(), order.size());
        assertTrue(g.blockingEdges().size() >= 8, "the model has edges to respect");
        for (LockEdge e : g.blockingEdges()) {
            if (e.source().equals(e.target())) continue;
            assertTrue(order.indexOf(e.source().name()) < order.indexOf(e.target().name()), e + " in " + order);
        }
        assertTrue(r.out().contains(" *  ->i_rwsem\n *    ->mmap_lock"), r.out());
        assertTrue(r.out().contains(" *          ->ptl                    (rmap_walk)\n"), r.out());
        assertTrue(r.out().contains(" *            ->i_pages              (thread zap)\n"), r.out());
        assertTrue(r.out().contains("Never nested with another lock: unrelated"), r.out());
        assertFalse(r.out().contains("fix set"), r.out());
    }

    @Test
    void cyclicModelPrintsAMinimumFixSetWhoseRemovalMakesItAcyclic() {
        Run r = order("cyclic_weighted.vmlock");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("Minimum fix set: 2 edges, 2 acquisition paths to change (choco-solver: optimal)"),
                r.out());
        FixSet fix = OrderSynthesis.run(graph("cyclic_weighted.vmlock"), 10_000).fix().orElseThrow();
        assertTrue(fix.optimal());
        assertEquals(2, fix.weight());
        Set<List<String>> removed = new HashSet<>();
        fix.edges().forEach(e -> removed.add(List.of(e.source().name(), e.target().name())));
        assertFalse(removed.contains(List.of("a", "b")), "a -> b carries three paths");
        List<LockEdge> kept = graph("cyclic_weighted.vmlock").blockingEdges().stream()
                .filter(e -> !removed.contains(List.of(e.source().name(), e.target().name()))).toList();
        assertTrue(acyclic(kept), "after the fix: " + kept);
        for (LockEdge e : fix.edges()) {
            assertTrue(r.out().contains(e.target().name() + " is taken while " + e.source().name() + " is held"), r.out());
        }
        List<String> order = totalOrder(r.out());
        for (LockEdge e : kept) assertTrue(order.indexOf(e.source().name()) < order.indexOf(e.target().name()));
    }

    /** Kahn's algorithm, independent of the code under test. */
    private static boolean acyclic(List<LockEdge> edges) {
        Map<String, Integer> in = new HashMap<>();
        Map<String, List<String>> out = new HashMap<>();
        for (LockEdge e : edges) {
            in.merge(e.target().name(), 1, Integer::sum);
            in.putIfAbsent(e.source().name(), 0);
            out.computeIfAbsent(e.source().name(), k -> new ArrayList<>()).add(e.target().name());
        }
        ArrayDeque<String> ready = new ArrayDeque<>();
        in.forEach((v, d) -> {
            if (d == 0) ready.add(v);
        });
        int seen = 0;
        while (!ready.isEmpty()) {
            String v = ready.poll();
            seen++;
            for (String w : out.getOrDefault(v, List.of())) {
                if (in.merge(w, -1, Integer::sum) == 0) ready.add(w);
            }
        }
        return seen == in.size();
    }
}
