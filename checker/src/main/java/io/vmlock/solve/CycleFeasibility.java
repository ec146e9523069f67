package io.vmlock.solve;

import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockCycle;
import io.vmlock.graph.LockOrderGraph;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Decides with choco-solver whether a lock-order cycle can close: distinct threads each holding
 * one lock of the cycle and waiting for the next, at the same time. Over per-instance classes the
 * cycle may need to go round more than once (page_lock[P0] -> page_lock[P1] -> page_lock[P0]
 * is one class edge taken twice), so a few laps are tried.
 */
public final class CycleFeasibility {
    /** Beyond this many laps a cycle is kept as feasible undecided rather than dismissed unsoundly. */
    static final int MAX_LAPS = 16;
    private final LockOrderGraph graph;

    public CycleFeasibility(LockOrderGraph graph) {
        this.graph = graph;
    }

    public Feasibility check(LockCycle cycle) {
        if (cycle.classes().stream().allMatch(LockClass::isPseudo)) {
            return Feasibility.dismissed(cycle, "no real lock on the cycle, only contexts");
        }
        CyclePositions once = new CyclePositions(cycle, 1);
        Feasibility first = checkLayout(once);
        int laps = lapsThatCanMatter(cycle, once);
        for (int lap = 2; lap <= Math.min(laps, MAX_LAPS) && !first.feasible(); lap++) {
            Feasibility f = checkLayout(new CyclePositions(cycle, lap));
            if (f.feasible()) return f;
        }
        if (!first.feasible() && laps > MAX_LAPS) {
            return new Feasibility(cycle, true, "undecided: closing it may take more than " + MAX_LAPS
                    + " laps round the cycle over different instances; kept for the search to decide", List.of());
        }
        return first;
    }

    /**
     * Going round again only helps over classes with several instances (page_lock[P0] ->
     * page_lock[P1] -> page_lock[P0] is one class edge taken twice), and only while there are
     * threads left to take the extra laps.
     */
    private static int lapsThatCanMatter(LockCycle cycle, CyclePositions once) {
        int instances = cycle.classes().stream().mapToInt(LockClass::instanceCount).max().orElse(1);
        int threads = once.segments == 0 ? 0 : once.actors.size() / once.segments;
        return Math.max(1, Math.min(instances, threads));
    }

    private Feasibility checkLayout(CyclePositions p) {
        Optional<FeasibilityModel.Choice> all = model(p).solve(EnumSet.allOf(Stage.class));
        if (all.isPresent()) return feasible(p, all.get());
        EnumSet<Stage> stages = EnumSet.noneOf(Stage.class);
        for (Stage s : Stage.values()) {
            stages.add(s);
            if (model(p).solve(stages).isEmpty()) {
                return Feasibility.dismissed(p.cycle, new DismissalReasons(p).explain(s));
            }
        }
        throw new IllegalStateException("the whole model is unsatisfiable but every prefix is not: " + p.cycle);
    }

    private FeasibilityModel model(CyclePositions p) {
        return new FeasibilityModel(p, graph.classesWithWriters());
    }

    private static Feasibility feasible(CyclePositions p, FeasibilityModel.Choice choice) {
        List<Feasibility.Step> steps = new ArrayList<>();
        for (int j = 0; j < p.size(); j++) {
            steps.add(new Feasibility.Step(p.actors.get(choice.actor()[j]),
                    p.witnesses.get(j).get(choice.witness()[j])));
        }
        String reason = "feasible: " + steps.size() + " edge" + (steps.size() == 1 ? "" : "s") + " taken by "
                + describeThreads(steps) + "; no common lock and the instances alias";
        return new Feasibility(p.cycle, true, reason, steps);
    }

    private static String describeThreads(List<Feasibility.Step> steps) {
        List<String> threads = steps.stream().map(Feasibility.Step::thread).distinct().toList();
        return threads.size() == 1 ? threads.get(0) + " alone" : String.join(", ", threads);
    }
}
