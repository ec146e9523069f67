package io.vmlock.solve;

import io.vmlock.graph.LockCycle;
import io.vmlock.graph.LockEdge;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.chocosolver.solver.Model;
import org.chocosolver.solver.Solver;
import org.chocosolver.solver.variables.BoolVar;
import org.chocosolver.solver.variables.IntVar;

/**
 * The least-cost set of edges that breaks every given cycle, with choco-solver: a 0/1 "change"
 * per edge, at least one per cycle. Only the cycles that can close need breaking (a dismissed
 * one may stay), and edges a declared order fixes are never candidates: the kernel documents
 * them as correct.
 */
public final class CycleHittingSet {
    private final long millis;

    public CycleHittingSet(long millis) {
        this.millis = millis;
    }

    /** Empty when some cycle has only fixed edges: no change the declarations allow breaks it. */
    public Optional<FixSet> solve(List<LockCycle> cycles, Set<LockEdge> fixed, ToLongFunction<LockEdge> cost) {
        List<LockEdge> candidates = new ArrayList<>();
        for (LockCycle c : cycles) {
            List<LockEdge> open = c.edges().stream().filter(e -> !fixed.contains(e)).toList();
            if (open.isEmpty()) return Optional.empty();
            open.stream().filter(e -> !candidates.contains(e)).forEach(candidates::add);
        }
        if (candidates.isEmpty()) return Optional.of(new FixSet(List.of(), 0, true));
        Model model = new Model("cycle hitting set");
        BoolVar[] change = model.boolVarArray("change", candidates.size());
        int[] costs = candidates.stream().mapToInt(e -> Math.toIntExact(cost.applyAsLong(e))).toArray();
        for (LockCycle c : cycles) {
            BoolVar[] on = c.edges().stream().filter(candidates::contains)
                    .map(e -> change[candidates.indexOf(e)]).toArray(BoolVar[]::new);
            model.sum(on, ">=", 1).post();
        }
        IntVar total = model.intVar("cost", 0, java.util.Arrays.stream(costs).sum());
        model.scalar(change, costs, "=", total).post();
        model.setObjective(Model.MINIMIZE, total);
        Solver solver = model.getSolver();
        solver.limitTime(millis);
        List<LockEdge> best = candidates;
        long bestCost = total.getUB();
        while (solver.solve()) {
            bestCost = total.getValue();
            List<LockEdge> chosen = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) if (change[i].getValue() == 1) chosen.add(candidates.get(i));
            best = chosen;
        }
        return Optional.of(new FixSet(best, bestCost, !solver.isStopCriterionMet()));
    }
}
