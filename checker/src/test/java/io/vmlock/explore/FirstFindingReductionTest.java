package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.RandomModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --first} with partial-order reduction, which stays on where a stuck state is the only
 * finding a scenario can have (its depth is the real one in the reduced graph): on random
 * scenarios, the first finding's trace is exactly as long as the unreduced search's, each
 * search finds something exactly when the other does, and where the reduction stayed on it
 * stored no more states. Seeded; {@code -Dvmlock.firstModels=N} runs N scenarios.
 */
class FirstFindingReductionTest {
    private static final int MODELS = Integer.getInteger("vmlock.firstModels", 400);
    private static final Limits SMALL = new Limits(3000, 60, Limits.defaultMemory());
    private static final String ON = "partial-order reduction on";
    private static final String STOPPED = "--first: the search stopped at its first finding; other findings may exist";

    @Test
    void theFirstTraceIsAsShortWithTheReductionAsWithout(@TempDir Path dir) throws IOException {
        int compared = 0;
        int reducedStops = 0;
        long unreducedStates = 0;
        long reducedStates = 0;
        for (int i = 0; i < MODELS; i++) {
            String source = i % 2 == 0 ? daemons(new SplittableRandom(i))
                    : RandomModels.generate(2_000_000 + i, RandomModels.Features.LOOPY);
            Optional<IrProgram> ir = DifferentialTest.compile(source, dir, i);
            assertTrue(ir.isPresent(), () -> "a generated model does not compile:\n" + source);
            CheckResult none = first(ir.get(), Explorer.Reductions.NONE);
            if (!none.complete()) continue;
            compared++;
            int seed = i;
            Supplier<String> what = () -> "model " + seed + ":\n" + source;
            for (Explorer.Reductions r : new Explorer.Reductions[] {new Explorer.Reductions(true, false),
                Explorer.Reductions.ALL_BUT_CHAINS}) {
                CheckResult reduced = first(ir.get(), r);
                assertTrue(reduced.complete(), what);
                assertEquals(shortest(none), shortest(reduced), what);
                assertEquals(none.notes().contains(STOPPED), reduced.notes().contains(STOPPED), what);
                boolean on = reduced.notes().stream().anyMatch(n -> n.startsWith(ON));
                if (seed % 2 == 0) assertTrue(on, () -> reduced.notes() + " in " + what.get());
                if (!on || r.symmetry()) continue;
                assertTrue(reduced.stats().states() <= none.stats().states(), what);
                if (reduced.notes().contains(STOPPED)) {
                    reducedStops++;
                    unreducedStates += none.stats().states();
                    reducedStates += reduced.stats().states();
                }
            }
        }
        System.out.printf("--first on %d scenarios: %d stopped at a stuck state with partial-order reduction on, "
                + "storing %d states against %d without%n", compared, reducedStops, reducedStates, unreducedStates);
        assertTrue(compared > MODELS * 8 / 10, "most generated models are small enough: " + compared);
        assertTrue(reducedStops > MODELS / 20, "the reduction stayed on and met a finding often enough: " + reducedStops);
        assertTrue(reducedStates < unreducedStates, reducedStates + " vs " + unreducedStates);
    }

    /** A finding a move raises may lie deeper in the reduced graph: there the reduction is off under --first. */
    @Test
    void aFindingAMoveRaisesKeepsTheReductionOff(@TempDir Path dir) throws IOException {
        String source = """
                mutex m;
                spinlock s;
                thread a { spin_lock(s); mutex_lock(m); mutex_unlock(m); spin_unlock(s); }
                thread b { mutex_lock(m); mutex_unlock(m); }
                """;
        IrProgram p = DifferentialTest.compile(source, dir, 0).orElseThrow();
        CheckResult r = first(p, Explorer.Reductions.ALL_BUT_CHAINS);
        assertFalse(r.notes().stream().anyMatch(n -> n.startsWith(ON)), r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("partial-order reduction off: with --first")),
                r.notes().toString());
        assertEquals(1, r.findings().size());
    }

    /**
     * Looping daemons that only take and release mutexes (nested in a random order, so some
     * deadlock) or complete and wait for a completion: no move of theirs
     * raises a finding, so their findings are stuck states only, as in dining philosophers.
     */
    static String daemons(SplittableRandom random) {
        StringBuilder out = new StringBuilder("mutex m0;\nmutex m1;\nmutex m2;\nmutex m3;\ncompletion c0;\n");
        int threads = 2 + random.nextInt(3);
        for (int t = 0; t < threads; t++) {
            out.append("daemon thread t").append(t).append(random.nextInt(4) == 0 ? "[2]" : "").append(" {\n")
                    .append("while (true) {\n");
            int sections = 1 + random.nextInt(2);
            for (int s = 0; s < sections; s++) section(random, out, List.of());
            out.append("}\n}\n");
        }
        return out.toString();
    }

    /** {@code held}: taken by the sections around this one (taking one again is an error a move raises). */
    private static void section(SplittableRandom random, StringBuilder out, List<String> held) {
        if (random.nextInt(6) == 0) {
            out.append(random.nextBoolean() ? "complete(c0);\n" : "wait_for_completion(c0);\n");
            return;
        }
        List<String> locks = new ArrayList<>(List.of("m0", "m1", "m2", "m3"));
        locks.removeAll(held);
        Collections.shuffle(locks, new Random(random.nextLong()));
        int depth = Math.min(locks.size(), 1 + random.nextInt(2));
        for (String l : locks.subList(0, depth)) out.append("mutex_lock(").append(l).append(");\n");
        if (random.nextInt(3) == 0 && depth < locks.size()) {
            out.append("either {\n");
            List<String> inner = new ArrayList<>(held);
            inner.addAll(locks.subList(0, depth));
            section(random, out, inner);
            out.append("} or {\n}\n");
        }
        for (int d = depth - 1; d >= 0; d--) out.append("mutex_unlock(").append(locks.get(d)).append(");\n");
    }

    private static CheckResult first(IrProgram ir, Explorer.Reductions reductions) {
        return Explorer.check(ir, new Explorer.Options(Explorer.Order.BFS, SMALL, Explorer.Engine.COMPILED, 1, false,
                reductions, true).withFirst(true));
    }

    /** The shortest trace among the findings, -1 for none. */
    private static int shortest(CheckResult r) {
        return r.findings().stream().mapToInt(f -> f.trace().size()).min().orElse(-1);
    }
}
