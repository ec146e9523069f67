package io.vmlock.bench;

import io.vmlock.frontend.Loader;
import io.vmlock.graph.CycleFinder;
import io.vmlock.graph.CycleSearch;
import io.vmlock.graph.DeclaredOrder;
import io.vmlock.graph.GraphBuild;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.graph.LockCycle;
import io.vmlock.ir.IrProgram;
import io.vmlock.lockorder.LockOrderAnalysis;
import io.vmlock.lockorder.LockOrderReport;
import io.vmlock.lockorder.OrderSynthesis;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.solve.CycleFeasibility;
import io.vmlock.solve.Feasibility;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Times the lock-order graph pass on generated models and prints a table, one row per size
 * (the median of the measured runs, after a warm-up run). Not a test: run it by hand,
 * {@code bench/graph-bench} or {@code java -cp checker/target/vmlock.jar io.vmlock.bench.GraphBench}.
 */
public final class GraphBench {
    private static final int RUNS = 3;

    private record Row(int classes, int paths, int edges, int cycles, int feasible, boolean cut, long lower,
                       long walk, long cycleMillis, long feasibility, long order, long total, String fix) {
    }

    private GraphBench() {
    }

    public static void main(String[] args) throws IOException {
        int[][] sizes = args.length == 2 ? new int[][] {{Integer.parseInt(args[0]), Integer.parseInt(args[1])}}
                : new int[][] {{50, 500}, {100, 1000}, {200, 2000}};
        System.out.printf("%7s %6s %6s %7s %9s %8s %8s %8s %11s %8s %8s %9s%n", "classes", "paths", "edges", "cycles",
                "feasible", "lower", "walk", "cycles", "feasibility", "graph", "order", "fix set");
        System.out.printf("%7s %6s %6s %7s %9s %8s %8s %8s %11s %8s %8s %9s%n", "", "", "", "", "", "ms", "ms", "ms", "ms",
                "pass ms", "ms", "paths");
        for (int[] size : sizes) {
            Row r = measure(size[0], size[1]);
            System.out.printf("%7d %6d %6d %6d%s %9d %8d %8d %8d %11d %8d %8d %9s%n", r.classes(), r.paths(), r.edges(),
                    r.cycles(), r.cut() ? "+" : " ", r.feasible(), r.lower(), r.walk(), r.cycleMillis(),
                    r.feasibility(), r.total(), r.order(), r.fix());
        }
        System.out.println("graph pass = walk + cycles + feasibility + declared order; order = fix set + hierarchy "
                + "(vmlock order), fix set weight with '*' when proven optimal; '+': the cycle bound cut the "
                + "enumeration (" + CycleFinder.DEFAULT_MAX_CYCLES + ")");
    }

    private static Row measure(int classes, int paths) throws IOException {
        Path dir = Files.createTempDirectory("vmlock-bench");
        Path file = dir.resolve("bench.vmlock");
        Files.writeString(file, new BenchModel(classes, paths, 42).generate());
        List<Row> runs = new ArrayList<>();
        for (int i = 0; i <= RUNS; i++) runs.add(once(file, classes, paths));
        List<Row> measured = new ArrayList<>(runs.subList(1, runs.size()));
        measured.sort((a, b) -> Long.compare(a.total(), b.total()));
        return measured.get(measured.size() / 2);
    }

    private static Row once(Path file, int classes, int paths) {
        long t0 = System.nanoTime();
        Compilation c = Pipeline.compile(file, new Loader.Options(List.of(), Optional.empty(), file.getParent()));
        IrProgram ir = c.lower().orElseThrow(
                () -> new IllegalStateException("generated model does not compile:\n" + c.renderedDiagnostics()));
        long t1 = System.nanoTime();
        GraphBuild build = IrGraphBuilder.build(ir);
        long t2 = System.nanoTime();
        CycleSearch cycles = CycleFinder.withDefaults().find(build.graph().blockingGraph());
        long t3 = System.nanoTime();
        CycleFeasibility feasibility = new CycleFeasibility(build.graph());
        int feasible = 0;
        List<Feasibility> verdicts = new ArrayList<>();
        for (LockCycle cycle : cycles.cycles()) {
            Feasibility f = feasibility.check(cycle);
            verdicts.add(f);
            if (f.feasible()) feasible++;
        }
        long t4 = System.nanoTime();
        DeclaredOrder declared = LockOrderAnalysis.declaredOrder(ir);
        var violations = declared.check(build.graph());
        long t5 = System.nanoTime();
        // the fix set over the feasible cycles, as if no search refuted any
        var pass = new LockOrderReport(build, cycles, verdicts, violations, ms(t1, t5));
        var order = OrderSynthesis.run(pass, Map.of(), declared, ir.mainFile(), OrderSynthesis.DEFAULT_MILLIS);
        long t6 = System.nanoTime();
        String fix = order.fix().map(f -> f.weight() + (f.optimal() ? "*" : "")).orElse("-");
        return new Row(classes, paths, build.graph().edges().size(), cycles.cycles().size(), feasible, cycles.cut(),
                ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t5, t6), ms(t1, t5), fix);
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
