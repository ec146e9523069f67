package io.vmlock.bench;

import io.vmlock.explore.Explorer;
import io.vmlock.explore.Limits;
import io.vmlock.explore.system.SystemCompiler;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.findings.CheckResult;
import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.symbolic.SymbolicReach;
import io.vmlock.symbolic.VariableOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Symbolic reachability ({@link SymbolicReach}) on scenario files: one table row per file and
 * configuration (grouping, variable order, strategy), optionally beside the explicit search
 * without reductions. Not a test: run it by hand,
 * {@code java -cp checker/target/vmlock.jar io.vmlock.bench.SymbolicBench [options] FILE...}:
 * <pre>
 *   --config GROUPING,ORDER,STRATEGY   GROUPING command, position or thread; ORDER system, threads or force;
 *                                      STRATEGY bfs, chaining, local or saturation (repeatable; default
 *                                      thread,force,local, the fastest on the kitchen sink)
 *   --all                              every configuration
 *   --explicit                         also the explicit search without reductions, one thread
 *   --max-seconds N                    stop a symbolic run after N s (default 600)
 *   --log                              one line per iteration (set sizes) on stderr
 *   --learn-only                       learn every relation (no static relations built whole)
 *   --models DIR                       the model library (default: models/ in the working folder)
 * </pre>
 */
public final class SymbolicBench {
    private SymbolicBench() {
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    public static void main(String[] args) {
        List<String[]> configs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        boolean explicit = false;
        boolean log = false;
        boolean staticRelations = true;
        long maxSeconds = 600;
        Path models = Path.of("models");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> configs.add(args[++i].split(","));
                case "--all" -> {
                    for (SymbolicReach.Grouping g : SymbolicReach.Grouping.values()) {
                        for (VariableOrder.Kind o : VariableOrder.Kind.values()) {
                            for (SymbolicReach.Strategy s : SymbolicReach.Strategy.values()) {
                                configs.add(new String[] {lower(g), lower(o), lower(s)});
                            }
                        }
                    }
                }
                case "--explicit" -> explicit = true;
                case "--log" -> log = true;
                case "--learn-only" -> staticRelations = false;
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
                case "--models" -> models = Path.of(args[++i]);
                default -> files.add(Path.of(args[i]));
            }
        }
        if (configs.isEmpty()) configs.add(new String[] {"thread", "force", "local"});
        System.out.printf("%-28s %-28s %6s %6s %6s %14s %5s %11s %10s %9s %8s %10s%n", "file", "config", "fields", "groups", "static",
                "states", "iter", "nodes", "set nodes", "tuples", "seconds", "stuck");
        for (Path file : files) {
            Optional<Path> library = Files.isDirectory(models) ? Optional.of(models) : Optional.empty();
            Compilation c = Pipeline.compile(file, new Loader.Options(List.of(), library, Path.of("")));
            IrProgram ir = c.lower().orElseThrow(() -> new IllegalArgumentException(c.renderedDiagnostics()));
            TransitionSystem ts = SystemCompiler.compile(ir);
            String name = file.getFileName().toString();
            for (String[] config : configs) {
                SymbolicReach.Options o = new SymbolicReach.Options(
                        SymbolicReach.Grouping.valueOf(config[0].toUpperCase(Locale.ROOT)),
                        SymbolicReach.orderNamed(config[1]),
                        SymbolicReach.Strategy.valueOf(config[2].toUpperCase(Locale.ROOT)), maxSeconds,
                        log ? System.err::println : null, staticRelations);
                SymbolicReach.Result r = SymbolicReach.run(ts, o);
                System.out.printf(Locale.ROOT, "%-28s %-28s %6d %6d %6d %,14d%s %5d %,11d %,10d %,9d %8.2f %10s%n", name,
                        String.join(",", config), r.fields(), r.groups(), r.staticGroups(), r.states(), r.complete() ? " " : "+",
                        r.iterations(), r.nodes(), r.setNodes(), r.tuples(), r.millis() / 1000.0,
                        r.complete() ? String.format(Locale.ROOT, "%,d", r.stuck()) : "");
            }
            if (explicit) {
                long t0 = System.nanoTime();
                CheckResult e = Explorer.check(ir, new Explorer.Options(Explorer.Order.BFS, Limits.defaults(),
                        Explorer.Engine.COMPILED, 1, false, Explorer.Reductions.NONE));
                System.out.printf(Locale.ROOT, "%-28s %-28s %6s %6s %6s %,14d%s %5d %11s %10s %9s %8.2f%n", name,
                        "explicit --no-reductions", "", "", "", e.stats().states(), e.complete() ? " " : "+",
                        e.stats().maxDepth(), "", "", "", (System.nanoTime() - t0) / 1e9);
            }
        }
        System.out.println("iter: symbolic fixpoint rounds (explicit: max depth); nodes: the most alive at once; "
                + "static: groups whose relation was built whole, not learned (tuples: those the others learned); '+': stopped by a limit, states so far; stuck: reachable states no command leaves (symbolic, when complete)");
    }
}
