package io.vmlock.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import io.vmlock.explore.Explorer;
import io.vmlock.explore.Limits;
import io.vmlock.explore.system.SystemCompiler;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.explore.system.Unsupported;
import io.vmlock.findings.CheckResult;
import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.testing.RandomModels;
import io.vmlock.testing.Scenarios;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The symbolic reachable set against the explicit compiled search without reductions: the same
 * number of states, exactly, on every example the explicit search finishes within a small bound
 * and on random scenarios (interrupts, invariants, daemons), under every grouping, variable order
 * and strategy in turn, with static relations ({@link StaticRelation}) or every relation learned.
 */
class SymbolicReachTest {
    private static final Limits SMALL = new Limits(200_000, 60, Limits.defaultMemory());
    private static final int RANDOM_MODELS = Integer.getInteger("vmlock.symbolicModels", 300);

    /**
     * A rotated configuration's time on one example; past it the example is counted under
     * {@link #FASTEST} (60 s), which must finish. Measured 2026-12-07 (SymbolicReachTest alone,
     * nothing else running, 342 examples): with 60 s here the symbolic runs took 388.6 s, 300 of
     * them in eight runs of the command grouping on examples of 11,111 to 27,012 states
     * (uprobes-binder-mmput-shrinker, udf-evict-invalidate-lock, dm-thin-close-shrinker,
     * alsa-pcm-oss-mmap-buffer-mutex), one of them the 60 s limit itself. Every configuration still
     * meets the examples it finishes in time (most of about 260) and the random scenarios.
     */
    private static final int ROTATION_SECONDS = 10;

    /** Every configuration, one per scenario in turn: each meets many scenarios. */
    private static final List<SymbolicReach.Options> CONFIGS = configs();
    /** SymbolicBench's default: the fastest configuration on the kitchen sink. */
    private static final SymbolicReach.Options FASTEST = new SymbolicReach.Options(SymbolicReach.Grouping.THREAD,
            VariableOrder.Kind.FORCE, SymbolicReach.Strategy.LOCAL, 60, null);

    private static List<SymbolicReach.Options> configs() {
        List<SymbolicReach.Options> all = new ArrayList<>();
        for (SymbolicReach.Grouping g : SymbolicReach.Grouping.values()) {
            for (VariableOrder.Kind o : VariableOrder.Kind.values()) {
                for (SymbolicReach.Strategy s : SymbolicReach.Strategy.values()) {
                    // relations built whole where cheap, or all learned
                    all.add(new SymbolicReach.Options(g, o, s, ROTATION_SECONDS, null, true));
                    all.add(new SymbolicReach.Options(g, o, s, ROTATION_SECONDS, null, false));
                }
            }
        }
        return List.copyOf(all);
    }

    /** The explicit search's stored states without reductions, or empty when it hit the bound. */
    private static Optional<Long> explicitStates(IrProgram ir) {
        CheckResult r = Explorer.check(ir, new Explorer.Options(Explorer.Order.BFS, SMALL, Explorer.Engine.COMPILED, 1,
                false, Explorer.Reductions.NONE));
        return r.complete() ? Optional.of(r.stats().states()) : Optional.empty();
    }

    /** Compiled, or empty when the scenario has no finite control (the explicit search then runs the reference semantics). */
    static Optional<TransitionSystem> compiled(IrProgram ir) {
        try {
            return Optional.of(SystemCompiler.compile(ir));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    /** A random scenario's source and program. */
    record Generated(String source, IrProgram ir) {
    }

    /** The {@code i}-th random scenario from {@code seed} (all features, or softirqs, in turn), written to {@code dir}. */
    static Generated generated(Path dir, long seed, int i) throws IOException {
        String source = RandomModels.generate(seed + i, i % 2 == 0 ? RandomModels.Features.ALL : RandomModels.Features.SOFTIRQS);
        Path file = dir.resolve("m" + i + ".vmlock");
        Files.writeString(file, source);
        Optional<IrProgram> ir = Pipeline.compile(file, new Loader.Options(List.of(), Optional.empty(), dir)).lower();
        assertTrue(ir.isPresent(), () -> "a generated model does not compile:\n" + source);
        return new Generated(source, ir.get());
    }

    /**
     * From this many states an example is counted under {@link #FASTEST} only: the rotation handed
     * conversion-joins-locked-transaction (111,528 states) and super-shrinker-all-paths (91,979)
     * configurations that ran into their 60 s limit before the fastest took 7 s and 1 s, 129 of
     * stuckStatesAreTheExplicitGraphsSinks' 226 s (2026-12-07). The rotation still meets every
     * configuration on the examples below (about 260) and on the random scenarios.
     */
    private static final long ROTATED_BELOW_STATES = 50_000;

    /** A compiled example the explicit search finishes, with its count of states. */
    private record Finished(Path file, TransitionSystem system, long states) {
        /** The {@code i}-th configuration of the rotation, or the fastest for a large example. */
        SymbolicReach.Options config(int i) {
            return states >= ROTATED_BELOW_STATES ? FASTEST : CONFIGS.get(i % CONFIGS.size());
        }
    }

    /**
     * The finished examples, found once for both tests that walk them (their explicit searches
     * took about 12 s each time).
     */
    private static final Supplier<List<Finished>> FINISHED = Suppliers.memoize(() -> {
        try {
            return finishedExamples();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    /** Every example that compiles to a transition system and that the explicit search finishes within the bound. */
    private static List<Finished> finishedExamples() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Scenarios.root().resolve("examples"))) {
            files = s.filter(p -> p.toString().endsWith(".vmlock")).sorted().toList();
        }
        List<Finished> all = new ArrayList<>();
        for (Path file : files) {
            Compilation c = Scenarios.compile(file);
            if (!c.ok()) continue; // examples of rejected input
            IrProgram ir = c.lower().orElseThrow();
            Optional<TransitionSystem> ts = compiled(ir);
            if (ts.isEmpty()) continue;
            explicitStates(ir).ifPresent(n -> all.add(new Finished(file, ts.get(), n)));
        }
        assertTrue(all.size() > files.size() / 2, "most examples compared: " + all.size() + " of " + files.size());
        return all;
    }

    @Test
    void everyFinishedExampleHasTheExplicitCount() {
        int compared = 0;
        for (Finished e : FINISHED.get()) {
            SymbolicReach.Options o = e.config(compared);
            // every other one collects unused nodes all the time: renumbering must lose no set
            SymbolicReach.Result r = SymbolicReach.run(e.system(), o, compared % 2 == 0 ? 1 << 22 : 64);
            // as in stuckStatesAreTheExplicitGraphsSinks: the rotation hands an example another
            // configuration whenever an example is added before it, and the limit is wall time on
            // a shared machine (udf-evict-invalidate-lock-false-positive passed it under a
            // fresh-clone CI with two other builds running): past it, the fastest, which must finish
            if (!r.complete()) {
                o = FASTEST;
                r = SymbolicReach.run(e.system(), o, compared % 2 == 0 ? 1 << 22 : 64);
            }
            assertTrue(r.complete(), e.file() + ": symbolic search finished under " + o);
            assertEquals(e.states(), r.states(), e.file() + " under " + o);
            compared++;
        }
    }

    @Test
    void randomScenariosHaveTheExplicitCount(@TempDir Path dir) throws IOException {
        int compared = 0;
        for (int i = 0; i < RANDOM_MODELS; i++) {
            Generated m = generated(dir, 7_000_000, i);
            String source = m.source();
            Optional<TransitionSystem> ts = compiled(m.ir());
            if (ts.isEmpty()) continue;
            Optional<Long> explicit = explicitStates(m.ir());
            if (explicit.isEmpty()) continue;
            SymbolicReach.Options o = CONFIGS.get(i % CONFIGS.size());
            SymbolicReach.Result r = SymbolicReach.run(ts.get(), o, i % 2 == 0 ? 1 << 22 : 64);
            if (!r.complete()) { // past ROTATION_SECONDS, the fastest, which must finish
                o = FASTEST;
                r = SymbolicReach.run(ts.get(), o, i % 2 == 0 ? 1 << 22 : 64);
            }
            assertTrue(r.complete(), "model " + i + ": symbolic search finished under " + o + ":\n" + source);
            assertEquals(explicit.get(), r.states(), "model " + i + " under " + o + ":\n" + source);
            compared++;
        }
        assertTrue(compared > RANDOM_MODELS * 7 / 10, "most generated models compared: " + compared);
    }

    /**
     * The states no command leaves, against an explicit enumeration of the transition system's
     * graph (every enabled command of every thread moves; a state breaking an invariant is not
     * left) that counts its sinks: on every example it finishes, some of which deadlock.
     */
    @Test
    void stuckStatesAreTheExplicitGraphsSinks() {
        int compared = 0;
        int withSinks = 0;
        for (Finished e : FINISHED.get()) {
            long[] graph = sinks(e.system());
            // the enumeration walks the explorer's graph: the same states
            assertEquals(e.states(), graph[0], e.file() + ": enumerated states");
            SymbolicReach.Options o = e.config(compared + 7);
            SymbolicReach.Result r = SymbolicReach.run(e.system(), o, compared % 2 == 0 ? 64 : 1 << 22);
            // the rotation hands an example another configuration whenever an example is added
            // before it, and the limit is wall time on a shared machine: past it, the fastest
            if (!r.complete()) {
                o = FASTEST;
                r = SymbolicReach.run(e.system(), o, compared % 2 == 0 ? 64 : 1 << 22);
            }
            assertEquals(graph[1], r.stuck(), e.file() + " under " + o);
            if (graph[1] > 0 && graph[1] < graph[0]) withSinks++;
            compared++;
        }
        assertTrue(withSinks > 10, "examples with some but not all states stuck: " + withSinks);
    }

    /** {states, sinks} of the system's graph, enumerated one state at a time. */
    private static long[] sinks(TransitionSystem ts) {
        int[] init = ts.initial().stream().mapToInt(Integer::intValue).toArray();
        java.util.Set<Fields> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<int[]> todo = new java.util.ArrayDeque<>();
        seen.add(new Fields(init));
        todo.add(init);
        long sinks = 0;
        while (!todo.isEmpty()) {
            int[] state = todo.poll();
            io.vmlock.explore.system.Expr.Values values = f -> state[f];
            boolean moves = false;
            if (ts.invariants().stream().allMatch(inv -> inv.eval(values) != 0)) {
                for (io.vmlock.explore.system.ThreadSystem t : ts.threads()) {
                    for (io.vmlock.explore.system.Command c : t.at(state[t.positionField()])) {
                        if (!c.enabled(values)) continue;
                        moves = true;
                        int[] next = state.clone();
                        for (io.vmlock.explore.system.Command.Effect e : c.effects()) next[e.field()] = e.value().eval(values);
                        next[t.positionField()] = c.to();
                        if (seen.add(new Fields(next))) todo.add(next);
                    }
                }
            }
            if (!moves) sinks++;
        }
        return new long[] {seen.size(), sinks};
    }

    /** A state's fields as a set element, compared by value, without a boxed list per state. */
    private record Fields(int[] values, int hash) {
        Fields(int[] values) {
            this(values, java.util.Arrays.hashCode(values));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fields f && f.hash == hash && java.util.Arrays.equals(f.values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Breadth-first rounds are levels: as many as the explicit search's depth plus one (the last finds nothing). */
    @Test
    void breadthFirstIterationsAreTheDepth() {
        IrProgram ir = Scenarios.lower(Scenarios.THREE_LOCK_CYCLE);
        CheckResult e = Explorer.check(ir, new Explorer.Options(Explorer.Order.BFS, SMALL, Explorer.Engine.COMPILED, 1,
                false, Explorer.Reductions.NONE));
        SymbolicReach.Result r = SymbolicReach.run(SystemCompiler.compile(ir), new SymbolicReach.Options(
                SymbolicReach.Grouping.POSITION, VariableOrder.Kind.SYSTEM, SymbolicReach.Strategy.BFS, 0, null));
        assertEquals(e.stats().states(), r.states());
        assertEquals(e.stats().maxDepth() + 1, r.iterations());
    }
}
