package io.vmlock.lockorder;

import io.vmlock.graph.CycleSearch;
import io.vmlock.graph.GraphBuild;
import io.vmlock.graph.OrderViolation;
import io.vmlock.solve.Feasibility;
import java.util.List;
import java.util.Objects;

/**
 * What the lock-order pass found: the graph and how it was built, its cycles each with its
 * feasibility verdict (shortest first), and the acquisitions against declared orders.
 */
public record LockOrderReport(GraphBuild build, CycleSearch cycles, List<Feasibility> verdicts,
                              List<OrderViolation> violations, long millis) {
    public LockOrderReport {
        Objects.requireNonNull(build);
        Objects.requireNonNull(cycles);
        verdicts = List.copyOf(verdicts);
        violations = List.copyOf(violations);
    }

    public List<Feasibility> feasible() {
        return verdicts.stream().filter(Feasibility::feasible).toList();
    }

    public List<Feasibility> dismissed() {
        return verdicts.stream().filter(f -> !f.feasible()).toList();
    }

    /** False when a walk or the cycle enumeration was cut: some cycle may be missing. */
    public boolean complete() {
        return build.complete() && !cycles.cut();
    }
}
