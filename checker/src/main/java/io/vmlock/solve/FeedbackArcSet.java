package io.vmlock.solve;

import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockEdge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.chocosolver.solver.Model;
import org.chocosolver.solver.Solver;
import org.chocosolver.solver.search.strategy.Search;
import org.chocosolver.solver.search.strategy.selectors.variables.InputOrder;
import org.chocosolver.solver.variables.BoolVar;
import org.chocosolver.solver.variables.IntVar;

/**
 * The minimum-weight set of edges to remove for a lock-order graph to become acyclic, with
 * choco-solver: a 0/1 "remove" per edge, a position per class, every kept edge going forward,
 * minimising the paths-per-edge weight of the removed ones. Solved one strongly connected
 * component at a time (the problem splits exactly along them); self-loops are left out.
 */
public final class FeedbackArcSet {
    private final long millisPerComponent;

    public FeedbackArcSet(long millisPerComponent) {
        this.millisPerComponent = millisPerComponent;
    }

    /** {@code graph}: the blocking edges; {@code components}: the class sets of its cyclic strongly connected components. */
    public FixSet solve(Collection<LockEdge> graph, List<Set<LockClass>> components) {
        List<LockEdge> removed = new ArrayList<>();
        long weight = 0;
        boolean optimal = true;
        for (Set<LockClass> component : components) {
            FixSet part = solveComponent(graph, new ArrayList<>(new TreeSet<>(component)));
            removed.addAll(part.edges());
            weight += part.weight();
            optimal &= part.optimal();
        }
        return new FixSet(removed, weight, optimal);
    }

    private FixSet solveComponent(Collection<LockEdge> graph, List<LockClass> classes) {
        List<LockEdge> edges = graph.stream()
                .filter(e -> !e.source().equals(e.target()))
                .filter(e -> classes.contains(e.source()) && classes.contains(e.target())).toList();
        if (edges.isEmpty()) return new FixSet(List.of(), 0, true);
        Model model = new Model("feedback arc set");
        int n = classes.size();
        IntVar[] position = model.intVarArray("position", n, 0, n - 1);
        BoolVar[] remove = model.boolVarArray("remove", edges.size());
        int[] weights = new int[edges.size()];
        for (int i = 0; i < edges.size(); i++) {
            LockEdge e = edges.get(i);
            weights[i] = e.paths();
            model.or(remove[i], model.arithm(position[classes.indexOf(e.source())], "<",
                    position[classes.indexOf(e.target())]).reify()).post();
        }
        IntVar cost = model.intVar("cost", 0, Arrays.stream(weights).sum());
        model.scalar(remove, weights, "=", cost).post();
        model.setObjective(Model.MINIMIZE, cost);
        Solver solver = model.getSolver();
        List<LockClass> greedy = GreedyOrder.order(classes, edges);
        IntVar[] byGreedy = greedy.stream().map(c -> position[classes.indexOf(c)]).toArray(IntVar[]::new);
        // positions first, each at its place in the greedy order when it can be: the first solution is the
        // greedy one, and branch and bound improves on it
        solver.setSearch(Search.intVarSearch(new InputOrder<>(model), v -> {
            int wanted = Arrays.asList(byGreedy).indexOf(v);
            return v.contains(wanted) ? wanted : v.getLB();
        }, byGreedy), Search.inputOrderLBSearch(remove));
        solver.limitTime(millisPerComponent);
        List<LockEdge> best = edges;
        long bestCost = cost.getUB();
        while (solver.solve()) {
            bestCost = cost.getValue();
            List<LockEdge> chosen = new ArrayList<>();
            for (int i = 0; i < edges.size(); i++) if (remove[i].getValue() == 1) chosen.add(edges.get(i));
            best = chosen;
        }
        return new FixSet(best, bestCost, !solver.isStopCriterionMet());
    }
}
