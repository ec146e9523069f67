package io.vmlock.pipeline;

import io.vmlock.budget.Budget;
import io.vmlock.budget.BudgetExhausted;
import io.vmlock.budget.Phase;
import io.vmlock.explore.Explorer;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.DismissedCycle;
import io.vmlock.findings.Finding;
import io.vmlock.findings.GraphPassStats;
import io.vmlock.findings.SearchStats;
import io.vmlock.ir.IrProgram;
import io.vmlock.lockorder.CycleMatcher;
import io.vmlock.lockorder.CycleParticipants;
import io.vmlock.lockorder.GraphFindings;
import io.vmlock.lockorder.LockOrderAnalysis;
import io.vmlock.lockorder.LockOrderReport;
import io.vmlock.solve.Feasibility;
import io.vmlock.verdict.Verdict;
import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockCycle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code vmlock check}: the lock-order graph pass first, then the search. A feasible cycle the
 * search closes is that search's finding; one it cannot reach within its limits gets a targeted
 * search of its own threads; one still unconfirmed is a {@code potential-deadlock}, marked so.
 * Dismissed cycles, and feasible ones a complete search refutes, are listed in the notes. All of
 * it shares the file's budget: a phase that runs out (or out of heap) ends the check incomplete,
 * with what the phases before it found. Under {@code --first} the search runs first, and a finding
 * it meets ends the check without the graph pass (unless a report draws the graph).
 */
final class GraphFirstCheck {
    private static final SearchStats NO_SEARCH = new SearchStats(0, 0, 0, 0, 0, 0);
    static final String FIRST_WITHOUT_GRAPH_PASS = "--first: the lock-order graph pass did not run (the search met a "
            + "finding first): declared-order violations and lock-order cycles were not checked";

    private final IrProgram program;
    private final Explorer.Options options;
    private final Budget budget;
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Feasible cycles a complete search found no interleaving to close, with why: dismissed as the graph's are. */
    private final Map<LockCycle, String> refuted = new LinkedHashMap<>();
    private LockOrderReport graphPass;

    /** A check as {@code vmlock order} needs it: the findings, the graph pass, and the cycles the search refuted. */
    record Outcome(CheckResult result, LockOrderReport graphPass, Map<LockCycle, String> refuted) {
        Outcome {
            refuted = Collections.unmodifiableMap(new LinkedHashMap<>(refuted));
        }
    }

    private GraphFirstCheck(IrProgram program, Explorer.Options options, Budget budget) {
        this.program = program;
        this.options = options;
        this.budget = budget;
    }

    /** {@code graphNeeded}: a report shows the lock-order graph, so the graph pass runs even where --first could leave it out. */
    static CheckResult run(IrProgram program, Explorer.Options options, boolean graphOnly, boolean graphNeeded,
                           Budget budget) {
        GraphFirstCheck c = new GraphFirstCheck(program, options, budget);
        if (!options.first() || graphOnly) return c.check(graphOnly, Optional.empty());
        // --first: the search first, and a finding it meets is the answer: the graph pass (its
        // feasibility check grows with the cycles' length) would only add findings --first gives up
        CheckResult search = search(program, options, budget, Phase.SEARCH);
        if (search.findings().isEmpty() || graphNeeded) return c.check(false, Optional.of(search));
        return withoutGraphPass(search);
    }

    /** The search's result, saying what the graph pass it left out would have checked. */
    private static CheckResult withoutGraphPass(CheckResult search) {
        List<String> notes = new ArrayList<>(search.notes());
        notes.add(FIRST_WITHOUT_GRAPH_PASS);
        return new CheckResult(search.file(), search.findings(), search.stats(), search.incomplete(), notes,
                Optional.empty());
    }

    /** A search within the budget; one that runs out of heap is incomplete (the store it filled is garbage by then). */
    static CheckResult search(IrProgram program, Explorer.Options options, Budget budget, Phase phase) {
        try {
            return Explorer.check(program, options, budget, phase);
        } catch (OutOfMemoryError e) {
            return new CheckResult(program.mainFile(), List.of(), NO_SEARCH, Optional.of(Budget.outOfMemory(phase)),
                    List.of());
        }
    }

    static Outcome outcome(IrProgram program, Explorer.Options options, Budget budget) {
        GraphFirstCheck c = new GraphFirstCheck(program, options, budget);
        CheckResult result = c.check(false, Optional.empty());
        // the graph pass out of budget: order still lists the graph, walked without the budget
        LockOrderReport graph = c.graphPass != null ? c.graphPass : LockOrderAnalysis.run(program);
        return new Outcome(result, graph, c.refuted);
    }

    /** {@code searched}: the search, when --first ran it before the graph pass. */
    private CheckResult check(boolean graphOnly, Optional<CheckResult> searched) {
        LockOrderReport report;
        try {
            report = LockOrderAnalysis.run(program, budget);
        } catch (BudgetExhausted e) {
            return graphPassStopped(e.reason(), searched);
        } catch (OutOfMemoryError e) {
            return graphPassStopped(Budget.outOfMemory(Phase.GRAPH_PASS), searched);
        }
        graphPass = report;
        findings.addAll(report.violationFindings());
        notes.addAll(report.dismissedNotes());
        // a complete search is exact, cycles the graph pass did not get to included: only --graph-only
        // is left incomplete by a bound of the graph pass
        Optional<String> incomplete = report.complete() ? Optional.empty()
                : Optional.of("the graph pass hit a bound (path walk states or cycle count)");
        if (!report.complete()) notes.add("graph pass: " + incomplete.get() + "; some lock-order cycles were not checked");
        SearchStats stats = NO_SEARCH;
        if (graphOnly) {
            notes.add("--graph-only: no interleaving search ran");
            report.feasible().forEach(f -> findings.add(GraphFindings.potentialDeadlock(f, "--graph-only ran no search")));
        } else {
            CheckResult search = searched.orElseGet(() -> search(program, options, budget, Phase.SEARCH));
            findings.addAll(search.findings());
            notes.addAll(search.notes());
            stats = search.stats();
            incomplete = search.incomplete();
            for (Feasibility f : report.feasible()) confirm(f, search);
        }
        List<DismissedCycle> refutations = new ArrayList<>();
        refuted.forEach((cycle, why) -> refutations.add(LockOrderReport.dismissal(cycle, why)));
        GraphPassStats passStats = report.stats().withRefuted(refutations);
        return new CheckResult(program.mainFile(), findings, stats, incomplete, notes,
                Optional.of(searched.isPresent() ? passStats.ranAfterSearch() : passStats));
    }

    /**
     * The graph pass ran out of budget: nothing is known, and no search ran; or, under --first,
     * after the search, which is kept.
     */
    private CheckResult graphPassStopped(String why, Optional<CheckResult> searched) {
        if (searched.isEmpty()) {
            notes.add("no interleaving search ran: the budget was spent in the lock-order graph pass");
            return new CheckResult(program.mainFile(), findings, NO_SEARCH, Optional.of(why), notes, Optional.empty());
        }
        CheckResult search = searched.get();
        notes.addAll(search.notes());
        notes.add("the lock-order graph pass, after the search (--first), ran out of budget: declared-order violations "
                + "and lock-order cycles were not checked");
        return new CheckResult(program.mainFile(), search.findings(), search.stats(), Optional.of(why), notes,
                Optional.empty());
    }

    /** Under --first, a search that met a finding stopped there: it refutes no cycle. */
    private boolean stoppedAtFirst(CheckResult search) {
        return options.first() && !search.findings().isEmpty();
    }

    /**
     * A search does not go past a finding that stops its thread, so "no interleaving closes it"
     * only holds up to those: {@code  before the findings that stop a thread (assertion); with those
     * fixed it may close}.
     */
    private static String beforeStops(CheckResult search) {
        List<String> stops = search.findings().stream().map(Finding::verdict).filter(Verdict::stopsItsThread)
                .map(Verdict::id).distinct().sorted().toList();
        return stops.isEmpty() ? "" : " before the findings that stop a thread (" + String.join(", ", stops)
                + "); with those fixed it may close";
    }

    /** A cycle the search stopped short of (a thread stopped by an assertion) may still close: not refuted. */
    private void refute(Feasibility f, String why, String beforeStops) {
        if (beforeStops.isEmpty()) refuted.put(f.cycle(), why);
        notes.add("lock-order cycle " + f.cycle() + " can close in the graph, but " + why + beforeStops);
    }

    /** A class of the cycle that orders like a lock but that no thread ever waits on (a lockdep map). */
    private static Optional<LockClass> neverWaitedOn(LockCycle cycle) {
        return cycle.classes().stream().filter(c -> !c.isPseudo() && !c.kind().excludesHolders()).findFirst();
    }

    /** Confirms a feasible cycle with the full search, else with a search of its own threads. */
    private void confirm(Feasibility f, CheckResult search) {
        if (CycleMatcher.match(f, search.findings()).isPresent()) return;
        Optional<LockClass> map = neverWaitedOn(f.cycle());
        if (map.isPresent()) {
            // no interleaving can close it, by construction: lockdep's report, neither confirmed nor refuted
            notes.add("lock-order cycle " + f.cycle() + " goes through lockdep map " + map.get().name()
                    + ", which no thread waits on: lockdep reports it; the search judges only what the threads"
                    + " wait on");
            return;
        }
        if (stoppedAtFirst(search)) {
            notes.add("lock-order cycle " + f.cycle() + " was neither confirmed nor refuted: under --first the search "
                    + "looked for one finding only");
            return;
        }
        if (search.complete()) {
            refute(f, "the complete search found no interleaving that closes it", beforeStops(search));
            return;
        }
        CycleParticipants cycle = CycleParticipants.of(f);
        CheckResult targeted = TargetedRun.run(program, cycle, options, budget);
        Optional<Finding> closed = CycleMatcher.match(f, targeted.findings());
        if (closed.isPresent()) {
            if (!findings.contains(closed.get())) findings.add(closed.get());
            notes.add("lock-order cycle " + f.cycle() + " confirmed by a search of " + String.join(", ",
                    cycle.threads()) + " only");
        } else if (stoppedAtFirst(targeted)) {
            notes.add("lock-order cycle " + f.cycle() + " was neither confirmed nor refuted: under --first the search of "
                    + String.join(", ", cycle.threads()) + " looked for one finding only");
        } else if (targeted.complete()) {
            refute(f, "a complete search of its threads found no interleaving that closes it", beforeStops(targeted));
        } else {
            // the targeted search's own stop named too: it may be the file's budget running out in it
            findings.add(GraphFindings.potentialDeadlock(f, "the search stopped (" + search.incomplete().get()
                    + ") before reaching it, and so did a search of " + String.join(", ", cycle.threads())
                    + " only (" + targeted.incomplete().orElseThrow() + ")"));
        }
    }
}
