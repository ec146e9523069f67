package io.vmlock.lockorder;

import io.vmlock.explore.Explorer;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.GraphPassStats;
import io.vmlock.findings.SearchStats;
import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockOrderGraph;
import io.vmlock.graph.OrderViolation;
import io.vmlock.ir.IrProgram;
import io.vmlock.solve.Feasibility;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code vmlock check}: the lock-order graph pass first, then the search. A feasible cycle the
 * search closes is that search's finding; one it cannot reach within its limits gets a targeted
 * search of its own threads; one still unconfirmed is a {@code potential-deadlock}, marked so.
 * Dismissed cycles, and feasible ones a complete search refutes, are listed in the notes.
 */
public final class GraphFirstCheck {
    private final IrProgram program;
    private final Explorer.Options options;
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private GraphFirstCheck(IrProgram program, Explorer.Options options) {
        this.program = program;
        this.options = options;
    }

    public static CheckResult run(IrProgram program, Explorer.Options options, boolean graphOnly) {
        return new GraphFirstCheck(program, options).check(graphOnly);
    }

    /**
     * One note per reason a cycle was dismissed: variants of one cycle through further read-held
     * locks are dismissed alike, and a note each buried the report (seven in scenario 1). The
     * shortest stands for them; the JSON report's lock-order graph lists every cycle.
     */
    private void dismissedNotes(List<Feasibility> dismissed) {
        Map<String, List<Feasibility>> byReason = new LinkedHashMap<>();
        for (Feasibility f : dismissed) byReason.computeIfAbsent(f.reason(), r -> new ArrayList<>()).add(f);
        byReason.forEach((reason, cycles) -> {
            Feasibility shortest = cycles.stream().min(Comparator.comparingInt(f -> f.cycle().length())).orElseThrow();
            notes.add(cycles.size() == 1 ? "lock-order cycle " + shortest.cycle() + " dismissed: " + reason
                    : cycles.size() + " lock-order cycles dismissed (" + reason + "), the shortest " + shortest.cycle()
                    + "; --format json lists every cycle");
        });
    }

    private CheckResult check(boolean graphOnly) {
        LockOrderReport report = LockOrderAnalysis.run(program);
        for (OrderViolation v : report.violations()) findings.add(GraphFindings.orderViolation(v));
        dismissedNotes(report.dismissed());
        // a complete search is exact, cycles the graph pass did not get to included: only --graph-only
        // is left incomplete by a bound of the graph pass
        Optional<String> incomplete = report.complete() ? Optional.empty()
                : Optional.of("the graph pass hit a bound (path walk states or cycle count)");
        if (!report.complete()) notes.add("graph pass: " + incomplete.get() + "; some lock-order cycles were not checked");
        SearchStats stats = new SearchStats(0, 0, 0, 0, 0, 0);
        if (graphOnly) {
            notes.add("--graph-only: no interleaving search ran");
            report.feasible().forEach(f -> findings.add(GraphFindings.potentialDeadlock(f, "--graph-only ran no search")));
        } else {
            CheckResult search = Explorer.check(program, options);
            findings.addAll(search.findings());
            notes.addAll(search.notes());
            stats = search.stats();
            incomplete = search.incomplete();
            for (Feasibility f : report.feasible()) confirm(f, search);
        }
        return new CheckResult(program.mainFile(), findings, stats, incomplete, notes, Optional.of(stats(report)));
    }

    /** Confirms a feasible cycle with the full search, else with a search of its own threads. */
    private void confirm(Feasibility f, CheckResult search) {
        if (CycleMatcher.match(f, search.findings()).isPresent()) return;
        if (search.complete()) {
            notes.add("lock-order cycle " + f.cycle() + " can close in the graph, but the complete search found "
                    + "no interleaving that closes it");
            return;
        }
        CheckResult targeted = TargetedRun.run(program, new TreeSet<>(CycleSegments.of(f).threads()), classes(f), options);
        Optional<Finding> closed = CycleMatcher.match(f, targeted.findings());
        if (closed.isPresent()) {
            if (!findings.contains(closed.get())) findings.add(closed.get());
            notes.add("lock-order cycle " + f.cycle() + " confirmed by a search of " + String.join(", ",
                    CycleSegments.of(f).threads()) + " only");
        } else if (targeted.complete()) {
            notes.add("lock-order cycle " + f.cycle() + " can close in the graph, but a complete search of its "
                    + "threads found no interleaving that closes it");
        } else {
            findings.add(GraphFindings.potentialDeadlock(f, "the search stopped (" + search.incomplete().get()
                    + ") before reaching it"));
        }
    }

    private static Set<String> classes(Feasibility f) {
        return f.cycle().classes().stream().filter(c -> !c.isPseudo()).map(LockClass::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static GraphPassStats stats(LockOrderReport r) {
        LockOrderGraph g = r.build().graph();
        return new GraphPassStats(g.classes().size(), g.edges().size(), g.dependencyCount(), r.verdicts().size(),
                r.feasible().size(), r.dismissed().size(), r.violations().size(), r.complete(), r.millis());
    }
}
