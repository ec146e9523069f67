package io.vmlock.solve;

import io.vmlock.graph.Dependency;
import io.vmlock.graph.Instance;
import io.vmlock.graph.LockClass;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chocosolver.solver.Model;
import org.chocosolver.solver.Solver;
import org.chocosolver.solver.constraints.extension.Tuples;
import org.chocosolver.solver.search.strategy.Search;
import org.chocosolver.solver.variables.IntVar;

/**
 * The choco-solver model of one cycle layout: which witness each position takes ({@code w}),
 * which thread runs it ({@code actor}), which instance it holds ({@code held}) and waits for
 * ({@code wanted}), under the constraint groups asked for.
 */
final class FeasibilityModel {
    private final CyclePositions p;
    private final Set<LockClass> writers;
    private final Model model = new Model("cycle feasibility");
    private final IntVar[] w;
    private final IntVar[] actor;

    /** A solution: the witness and thread index of each position. */
    record Choice(int[] witness, int[] actor) {
    }

    FeasibilityModel(CyclePositions positions, Set<LockClass> writers) {
        this.p = positions;
        this.writers = writers;
        int n = p.size();
        w = new IntVar[n];
        actor = new IntVar[n];
        for (int j = 0; j < n; j++) {
            w[j] = model.intVar("w" + j, 0, p.witnesses.get(j).size() - 1);
            actor[j] = model.intVar("actor" + j, 0, Math.max(0, p.actors.size() - 1));
        }
    }

    Optional<Choice> solve(EnumSet<Stage> stages) {
        if (stages.contains(Stage.STRONG)) strong();
        if (stages.contains(Stage.THREADS)) threads();
        if (stages.contains(Stage.INSTANCES)) instances();
        if (stages.contains(Stage.GATES)) gates();
        Solver solver = model.getSolver();
        List<IntVar> order = new ArrayList<>(List.of(w));
        order.addAll(List.of(actor));
        order.addAll(List.of(model.retrieveIntVars(true)));
        solver.setSearch(Search.inputOrderLBSearch(order.toArray(IntVar[]::new)));
        if (!solver.solve()) return Optional.empty();
        int[] ws = new int[w.length];
        int[] as = new int[w.length];
        for (int j = 0; j < w.length; j++) {
            ws[j] = w[j].getValue();
            as[j] = actor[j].getValue();
        }
        return Optional.of(new Choice(ws, as));
    }

    private void strong() {
        for (int j = 0; j < p.size(); j++) {
            int k = p.next(j);
            Tuples allowed = new Tuples(true);
            List<Dependency> here = p.witnesses.get(j);
            List<Dependency> there = p.witnesses.get(k);
            for (int a = 0; a < here.size(); a++) {
                for (int b = 0; b < there.size(); b++) {
                    if (!(here.get(a).recursiveRead(writers) && there.get(b).heldShared())) allowed.add(a, b);
                }
            }
            pair(j, k, allowed);
        }
    }

    private void pair(int j, int k, Tuples allowed) {
        if (j == k) {
            List<Integer> diagonal = new ArrayList<>();
            for (int[] t : allowed.toMatrix()) if (t[0] == t[1]) diagonal.add(t[0]);
            model.member(w[j], diagonal.stream().mapToInt(Integer::intValue).toArray()).post();
        } else {
            model.table(w[j], w[k], allowed).post();
        }
    }

    private void threads() {
        List<IntVar> firsts = new ArrayList<>();
        for (int j = 0; j < p.size(); j++) {
            Tuples allowed = new Tuples(true);
            List<Dependency> ws = p.witnesses.get(j);
            for (int a = 0; a < ws.size(); a++) {
                for (String t : ws.get(a).actors()) allowed.add(a, p.actors.indexOf(t));
            }
            model.table(w[j], actor[j], allowed).post();
            int previous = (j + p.size() - 1) % p.size();
            if (p.segmentOf[previous] == p.segmentOf[j] && previous != j) {
                model.arithm(actor[previous], "=", actor[j]).post();
            } else {
                firsts.add(actor[j]);
            }
        }
        if (firsts.size() > 1) model.allDifferent(firsts.toArray(IntVar[]::new)).post();
    }

    private void instances() {
        int n = p.size();
        IntVar[] held = new IntVar[n];
        IntVar[] wanted = new IntVar[n];
        for (int j = 0; j < n; j++) {
            held[j] = model.intVar("held" + j, 0, p.edge(j).source().instanceCount() - 1);
            wanted[j] = model.intVar("wanted" + j, 0, p.joint(j).instanceCount() - 1);
        }
        for (int j = 0; j < n; j++) {
            model.table(new IntVar[] {w[j], held[j], wanted[j]}, instanceTuples(j)).post();
            model.arithm(wanted[j], "=", held[p.next(j)]).post();
        }
    }

    private Tuples instanceTuples(int j) {
        Tuples t = new Tuples(true);
        List<Dependency> ws = p.witnesses.get(j);
        int heldCount = p.edge(j).source().instanceCount();
        int wantedCount = p.joint(j).instanceCount();
        for (int a = 0; a < ws.size(); a++) {
            Instance h = ws.get(a).held().instance();
            Instance x = ws.get(a).acquired().instance();
            boolean tied = h instanceof Instance.Unknown && h.equals(x);
            for (int hv : values(h, heldCount)) {
                for (int xv : values(x, wantedCount)) {
                    if (!tied || hv == xv) t.add(a, hv, xv);
                }
            }
        }
        return t;
    }

    private static int[] values(Instance i, int count) {
        if (i instanceof Instance.Known k) return new int[] {k.ordinal()};
        return java.util.stream.IntStream.range(0, count).toArray();
    }

    private void gates() {
        for (int j = 0; j < p.size(); j++) {
            for (int k = j + 1; k < p.size(); k++) {
                if (p.segmentOf[j] == p.segmentOf[k]) continue;
                Tuples allowed = new Tuples(true);
                for (int a = 0; a < p.witnesses.get(j).size(); a++) {
                    for (int b = 0; b < p.witnesses.get(k).size(); b++) {
                        if (CyclePositions.gates(p.witnesses.get(j).get(a), p.witnesses.get(k).get(b)).isEmpty()) {
                            allowed.add(a, b);
                        }
                    }
                }
                model.table(w[j], w[k], allowed).post();
            }
        }
    }
}
