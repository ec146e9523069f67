package io.vmlock.solve;

import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockEdge;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chocosolver.solver.Model;
import org.chocosolver.solver.Solver;
import org.chocosolver.solver.search.strategy.Search;
import org.chocosolver.solver.variables.IntVar;
import java.util.Collection;

/**
 * Synthesizes a lock hierarchy with choco-solver: one position per class, all different, every
 * edge A -> B placing A before B. Classes are decided in declaration order, each at the earliest
 * place it can go, so classes no edge orders keep the order they were declared in.
 * Self-loops (one class nested in itself, e.g. two pages) constrain instances, not classes, and
 * are left out.
 */
public final class HierarchySynthesis {
    private HierarchySynthesis() {
    }

    /** The hierarchy, or empty when the edges form a cycle. */
    public static Optional<Hierarchy> synthesize(List<LockClass> classes, Collection<LockEdge> edges) {
        int n = classes.size();
        if (n == 0) return Optional.of(new Hierarchy(List.of()));
        Model model = new Model("lock hierarchy");
        IntVar[] position = new IntVar[n];
        for (int i = 0; i < n; i++) position[i] = model.intVar(classes.get(i).name(), 0, n - 1);
        model.allDifferent(position).post();
        for (LockEdge e : edges) {
            if (e.source().equals(e.target())) continue;
            model.arithm(position[classes.indexOf(e.source())], "<", position[classes.indexOf(e.target())]).post();
        }
        Solver solver = model.getSolver();
        solver.setSearch(Search.inputOrderLBSearch(position));
        if (!solver.solve()) return Optional.empty();
        LockClass[] order = new LockClass[n];
        for (int i = 0; i < n; i++) order[position[i].getValue()] = classes.get(i);
        return Optional.of(new Hierarchy(new ArrayList<>(List.of(order))));
    }
}
