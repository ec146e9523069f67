package io.vmlock.lockorder;

import io.vmlock.findings.DismissedCycle;
import io.vmlock.findings.Finding;
import io.vmlock.findings.GraphPassStats;
import io.vmlock.graph.CycleSearch;
import io.vmlock.graph.GraphBuild;
import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockCycle;
import io.vmlock.graph.LockOrderGraph;
import io.vmlock.graph.OrderViolation;
import io.vmlock.solve.Feasibility;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The declared-order violations as findings of their own; variants of one nesting that differ
     * only in what else is held (a fault's first try and its retry) read alike, and are one
     * finding.
     */
    public List<Finding> violationFindings() {
        return violations.stream().map(GraphFindings::orderViolation).distinct().toList();
    }

    /**
     * One note per reason a cycle was dismissed: variants of one cycle through further read-held
     * locks are dismissed alike, and a note each buried the report (seven in scenario 1). The
     * shortest stands for them; the JSON report's lock-order graph lists every cycle.
     */
    public List<String> dismissedNotes() {
        Map<String, List<Feasibility>> byReason = new LinkedHashMap<>();
        for (Feasibility f : dismissed()) byReason.computeIfAbsent(f.reason(), r -> new ArrayList<>()).add(f);
        List<String> notes = new ArrayList<>();
        byReason.forEach((reason, cycles) -> {
            Feasibility shortest = cycles.stream().min(Comparator.comparingInt(f -> f.cycle().length())).orElseThrow();
            notes.add(cycles.size() == 1 ? "lock-order cycle " + shortest.cycle() + " dismissed: " + reason
                    : cycles.size() + " lock-order cycles dismissed (" + reason + "), the shortest " + shortest.cycle()
                    + "; --format json lists every cycle");
        });
        return notes;
    }

    /** What the pass did, as the reports' statistics show it. */
    public GraphPassStats stats() {
        LockOrderGraph g = build.graph();
        return new GraphPassStats(g.classes().size(), g.edges().size(), g.dependencyCount(), verdicts.size(),
                feasible().size(), dismissed().size(), violations.size(), complete(), millis,
                dismissed().stream().map(f -> dismissal(f.cycle(), f.reason())).toList(), false);
    }

    /** A cycle that is no finding, as the reports name it. */
    public static DismissedCycle dismissal(LockCycle cycle, String reason) {
        return new DismissedCycle(cycle.classes().stream().map(LockClass::name).toList(), reason);
    }
}
