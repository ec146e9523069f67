package io.vmlock.pipeline;

import io.vmlock.findings.DismissedCycle;
import io.vmlock.graph.CycleFinder;
import io.vmlock.graph.CycleSearch;
import io.vmlock.graph.Dependency;
import io.vmlock.graph.GraphBuild;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockCycle;
import io.vmlock.graph.LockEdge;
import io.vmlock.ir.IrProgram;
import io.vmlock.report.GraphSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * The lock-order graph of a scenario, reduced to what reports show, with the cycles the check
 * dismissed: reports never see graph types.
 */
final class GraphSummaries {
    private GraphSummaries() {
    }

    static GraphSummary of(IrProgram program, List<DismissedCycle> dismissed) {
        GraphBuild build = IrGraphBuilder.build(program);
        CycleSearch search = CycleFinder.withDefaults().find(build.graph().graph());
        List<GraphSummary.LockClassNode> classes = new ArrayList<>();
        for (LockClass c : build.graph().classes()) {
            classes.add(new GraphSummary.LockClassNode(c.name(), c.kind().description(), c.instanceCount()));
        }
        List<GraphSummary.OrderEdge> edges = new ArrayList<>();
        for (LockEdge e : build.graph().edges()) {
            Dependency witness = e.blocking().isEmpty() ? e.dependencies().get(0) : e.blocking().get(0);
            edges.add(new GraphSummary.OrderEdge(e.source().name(), e.target().name(), e.paths(), e.isBlocking(),
                    witness.acquired().site().span(), witness.acquired().site().callPath()));
        }
        List<List<String>> cycles = new ArrayList<>();
        for (LockCycle c : search.cycles()) cycles.add(c.classes().stream().map(LockClass::name).toList());
        return new GraphSummary(build.complete() && !search.cut(), classes, edges, cycles, dismissed);
    }
}
