package io.vmlock.report;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * The lock-order graph as reports show it, over lock classes: each edge A -> B with how many
 * paths take B while holding A and one of them as a witness; the cycles found; and whether the
 * walk that built it finished ({@code complete} false: edges may be missing).
 */
public record GraphSummary(boolean complete, List<LockClassNode> classes, List<OrderEdge> edges,
                           List<List<String>> cycles) {
    public GraphSummary {
        classes = List.copyOf(classes);
        edges = List.copyOf(edges);
        cycles = cycles.stream().map(List::copyOf).toList();
    }

    /** A lock class: {@code page_lock} of kind {@code mutex} with 2 instances; pseudo-locks too. */
    public record LockClassNode(String name, String kind, int instances) {
        public LockClassNode {
            Objects.requireNonNull(name);
            Objects.requireNonNull(kind);
        }
    }

    /** A -> B: B acquired while A is held, on {@code paths} paths; {@code blocking} false when only trylocks. */
    public record OrderEdge(String from, String to, int paths, boolean blocking, SourceSpan acquiredAt,
                            String callPath) {
        public OrderEdge {
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
            Objects.requireNonNull(acquiredAt);
            Objects.requireNonNull(callPath);
        }

        public String key() {
            return from + " -> " + to;
        }
    }

    /** Whether the edge lies on one of the cycles: reports mark those. */
    public boolean inCycle(OrderEdge e) {
        for (List<String> c : cycles) {
            for (int i = 0; i < c.size(); i++) {
                if (c.get(i).equals(e.from()) && c.get((i + 1) % c.size()).equals(e.to())) return true;
            }
        }
        return false;
    }
}
