package io.vmlock.lockorder;

import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import io.vmlock.graph.CycleFinder;
import io.vmlock.graph.CycleSearch;
import io.vmlock.graph.DeclaredOrder;
import io.vmlock.graph.GraphBuild;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.graph.LockCycle;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.LockOrder;
import io.vmlock.ir.ObjectClass;
import io.vmlock.solve.CycleFeasibility;
import io.vmlock.solve.Feasibility;
import java.util.ArrayList;
import java.util.List;

/**
 * The lock-order pass: build the graph from every path (no interleaving), find its cycles,
 * decide each cycle's feasibility, and check the declared orders. Fast, and it scales to
 * models too big to explore, so {@code check} runs it first.
 */
public final class LockOrderAnalysis {
    private LockOrderAnalysis() {
    }

    public static LockOrderReport run(IrProgram program) {
        return run(program, CycleFinder.withDefaults());
    }

    public static LockOrderReport run(IrProgram program, CycleFinder finder) {
        return run(program, finder, Budget.heapOnly());
    }

    /** Throws {@link io.vmlock.budget.BudgetExhausted} when the file's budget runs out during the pass. */
    public static LockOrderReport run(IrProgram program, Budget budget) {
        return run(program, CycleFinder.withDefaults(), budget);
    }

    private static LockOrderReport run(IrProgram program, CycleFinder finder, Budget budget) {
        long start = System.nanoTime();
        GraphBuild build = IrGraphBuilder.build(program, budget);
        CycleSearch cycles = finder.find(build.graph().blockingGraph(), budget);
        CycleFeasibility feasibility = new CycleFeasibility(build.graph());
        List<Feasibility> verdicts = new ArrayList<>();
        for (LockCycle c : cycles.cycles()) {
            budget.check(Phase.GRAPH_PASS);
            verdicts.add(feasibility.check(c));
        }
        var violations = declaredOrder(program).check(build.graph());
        return new LockOrderReport(build, cycles, verdicts, violations, (System.nanoTime() - start) / 1_000_000);
    }

    public static DeclaredOrder declaredOrder(IrProgram program) {
        List<DeclaredOrder.Chain> chains = new ArrayList<>();
        for (LockOrder o : program.orders()) {
            chains.add(new DeclaredOrder.Chain(o.classes().stream().map(ObjectClass::name).toList(), o.span()));
        }
        return new DeclaredOrder(chains);
    }
}
