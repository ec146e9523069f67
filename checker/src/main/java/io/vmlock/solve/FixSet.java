package io.vmlock.solve;

import io.vmlock.graph.LockEdge;
import java.util.List;

/**
 * A minimum feedback arc set: the edges whose acquisitions must change order for the graph to
 * be acyclic, weighted by how many paths use each. {@code optimal} is the solver's proof that no
 * cheaper set exists; without it, the set is the best found within the time limit.
 */
public record FixSet(List<LockEdge> edges, long weight, boolean optimal) {
    public FixSet {
        edges = List.copyOf(edges);
    }

    public String status() {
        return optimal ? "optimal" : "best found within the time limit, not proven optimal";
    }
}
