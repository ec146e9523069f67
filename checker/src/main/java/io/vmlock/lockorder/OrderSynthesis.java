package io.vmlock.lockorder;

import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockEdge;
import io.vmlock.graph.LockOrderGraph;
import io.vmlock.solve.FeedbackArcSet;
import io.vmlock.solve.FixSet;
import io.vmlock.solve.Hierarchy;
import io.vmlock.solve.HierarchySynthesis;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code vmlock order} computes: when the graph is cyclic, the minimum fix set; then the
 * hierarchy every remaining edge respects.
 */
public final class OrderSynthesis {
    public static final long DEFAULT_MILLIS_PER_COMPONENT = 10_000;

    /** {@code fix} is present exactly when the graph has a cycle. */
    public record Result(LockOrderGraph graph, List<Set<LockClass>> components, Optional<FixSet> fix,
                         Hierarchy hierarchy) {
        public Result {
            components = List.copyOf(components);
        }

        public boolean cyclic() {
            return !components.isEmpty();
        }
    }

    private OrderSynthesis() {
    }

    public static Result run(LockOrderGraph graph, long millisPerComponent) {
        List<LockEdge> edges = graph.blockingEdges();
        List<Set<LockClass>> components = graph.cyclicComponents();
        Optional<FixSet> fix = components.isEmpty() ? Optional.empty()
                : Optional.of(new FeedbackArcSet(millisPerComponent).solve(edges, components));
        Set<List<LockClass>> removed = new HashSet<>();
        fix.ifPresent(f -> f.edges().forEach(e -> removed.add(List.of(e.source(), e.target()))));
        List<LockEdge> kept = edges.stream().filter(e -> !removed.contains(List.of(e.source(), e.target()))).toList();
        Hierarchy hierarchy = HierarchySynthesis.synthesize(graph.classes(), kept).orElseThrow(() ->
                new IllegalStateException("edges left after the fix set still form a cycle"));
        return new Result(graph, components, fix, hierarchy);
    }
}
