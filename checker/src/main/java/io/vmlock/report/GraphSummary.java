package io.vmlock.report;

import io.vmlock.ast.SourceSpan;
import io.vmlock.findings.DismissedCycle;
import java.util.List;
import java.util.Objects;

/**
 * The lock-order graph as reports show it, over lock classes: each edge A -> B with how many
 * paths take B while holding A and one of them as a witness; the cycles found; and whether the
 * walk that built it finished ({@code complete} false: edges may be missing). {@code dismissed}:
 * the cycles the check found to be no finding, with why.
 */
public record GraphSummary(boolean complete, List<LockClassNode> classes, List<OrderEdge> edges,
                           List<List<String>> cycles, List<DismissedCycle> dismissed) {
    public GraphSummary {
        classes = List.copyOf(classes);
        edges = List.copyOf(edges);
        cycles = cycles.stream().map(List::copyOf).toList();
        dismissed = List.copyOf(dismissed);
    }

    /** A graph none of whose cycles was dismissed. */
    public GraphSummary(boolean complete, List<LockClassNode> classes, List<OrderEdge> edges, List<List<String>> cycles) {
        this(complete, classes, edges, cycles, List.of());
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
        return cycles.stream().anyMatch(c -> passes(c, e));
    }

    /** Whether the edge lies on a cycle the check did not dismiss: one that is (or may be) a finding. */
    public boolean inFindingCycle(OrderEdge e) {
        return cycles.stream().anyMatch(c -> passes(c, e) && dismissed.stream().noneMatch(d -> d.classes().equals(c)));
    }

    /** The dismissed cycles the edge lies on. */
    public List<DismissedCycle> dismissedThrough(OrderEdge e) {
        return dismissed.stream().filter(d -> passes(d.classes(), e)).toList();
    }

    private static boolean passes(List<String> cycle, OrderEdge e) {
        for (int i = 0; i < cycle.size(); i++) {
            if (cycle.get(i).equals(e.from()) && cycle.get((i + 1) % cycle.size()).equals(e.to())) return true;
        }
        return false;
    }
}
