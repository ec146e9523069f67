package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.RandomModels;
import io.vmlock.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preemption-bounded search against the unbounded one, on random scenarios with daemons,
 * interrupts and invariants: every finding a bound finds is one the unbounded search finds, its
 * trace no shorter; a larger bound finds what a smaller one does; and a bound no run needs
 * finds everything but what only the livelock check (left out under a bound) finds, with traces
 * of the same lengths. Each bounded result is incomplete, and each trace replays; with replicated
 * threads, symmetry reduction keeps a bound's findings and their trace lengths. Seeded; {@code -Dvmlock.boundModels=N}
 * runs N scenarios instead of the default.
 */
class PreemptionsDifferentialTest {
    private static final int MODELS = Integer.getInteger("vmlock.boundModels", 300);
    private static final Limits SMALL = new Limits(3000, 60, Limits.defaultMemory());
    /** The bounded searches' limit: a state is there once per last thread and preemptions used. */
    private static final Limits LARGER = new Limits(100_000, 60, Limits.defaultMemory());
    /** More preemptions than any run of a scenario of at most 3,000 states has (each one is a move). */
    private static final int NO_BOUND = 3000;
    private static final int[] BOUNDS = {0, 1, 2, NO_BOUND};

    @Test
    void boundedFindingsAreFindingsOfTheUnboundedSearch(@TempDir Path dir) throws IOException {
        compare(dir, false);
    }

    /**
     * The same for the bound on the partial-order reduced graph's runs ({@code withReducedBound}):
     * its graph is a subgraph of a reduced graph, itself keeping every finding, so what it finds
     * is real, and with no bound it is the whole reduced graph (with the bound's word). Its traces
     * are no shorter than the shortest (they are runs), not always as short.
     */
    @Test
    void reducedBoundedFindingsAreFindingsOfTheUnboundedSearch(@TempDir Path dir) throws IOException {
        compare(dir, true);
    }

    private static void compare(Path dir, boolean reduced) throws IOException {
        int complete = 0;
        int checked = 0;
        int missedAtZero = 0;
        int withFindings = 0;
        for (int i = 0; i < MODELS; i++) {
            long seed = 5_000_000L + i;
            String source = RandomModels.generate(seed, RandomModels.Features.LOOPY);
            Optional<IrProgram> ir = DifferentialTest.compile(source, dir, i);
            assertTrue(ir.isPresent(), () -> "a generated model does not compile:\n" + source);
            Supplier<String> what = () -> "model " + seed + ":\n" + source;
            CheckResult full = search(ir.get(), SMALL, Explorer.Options.UNBOUNDED);
            if (!full.complete()) continue;
            complete++;
            Map<String, Integer> all = byKey(full);
            Map<String, Integer> smaller = Map.of();
            Map<String, Integer> last = null;
            boolean fits = true;
            for (int k : BOUNDS) {
                CheckResult r = search(ir.get(), LARGER, k, reduced);
                // the bound's word multiplies the states: a scenario may not fit even so
                if (r.incomplete().filter(why -> why.startsWith("--max-states")).isPresent()) {
                    fits = false;
                    break;
                }
                assertFalse(r.complete(), what);
                assertEquals(Optional.of(CompiledSearch.boundReason(k)), r.incomplete(), what);
                Map<String, Integer> found = byKey(r);
                Replay replay = new Replay(ir.get());
                for (Finding f : r.findings()) replay.check(f, () -> f.headline() + " at K = " + k + " in " + what.get());
                for (var f : found.entrySet()) {
                    Supplier<String> where = () -> f.getKey() + " at K = " + k + " in " + what.get();
                    assertTrue(all.containsKey(f.getKey()), where);
                    assertTrue(f.getValue() >= all.get(f.getKey()), where);
                }
                assertTrue(found.keySet().containsAll(smaller.keySet()), () -> "K = " + k + " in " + what.get());
                // symmetry renames the last thread with its copy: the same findings at the same depths without it
                if (hasCopies(ir.get()) && !reduced) {
                    CheckResult plain = search(ir.get(), LARGER, k, new Explorer.Reductions(false, false, true));
                    if (plain.incomplete().filter(why -> why.startsWith("--max-states")).isEmpty()) {
                        assertEquals(found, byKey(plain), () -> "symmetry at K = " + k + " in " + what.get());
                    }
                }
                smaller = found;
                last = found;
                if (k == 0 && found.size() < all.size()) missedAtZero++;
            }
            if (!fits) continue;
            checked++;
            if (!all.isEmpty()) withFindings++;
            boolean livelockCheck = Transitions.needed(ir.get());
            for (var f : all.entrySet()) {
                Supplier<String> where = () -> f.getKey() + " without a bound in " + what.get();
                if (last.containsKey(f.getKey())) {
                    if (!reduced) assertEquals(f.getValue(), last.get(f.getKey()), where);
                } else {
                    // only the livelock check's: a run that never ends, or a deadlock or hang among interrupts
                    assertTrue(livelockCheck && afterSearch(full, f.getKey()), where);
                }
            }
        }
        System.out.printf((reduced ? "reduced " : "") + "preemption bounds on %d scenarios of %d searched in full (%d with findings, %d where K = 0 "
                + "missed some)%n", checked, complete, withFindings, missedAtZero);
        assertTrue(complete > MODELS * 7 / 10, "most generated models are small enough: " + complete);
        assertTrue(checked > complete * 2 / 3, "most fit under every bound: " + checked + " of " + complete);
        assertTrue(missedAtZero > 0, "a bound of 0 misses findings on some scenario");
    }

    private static boolean afterSearch(CheckResult full, String key) {
        return full.findings().stream().filter(f -> key(f).equals(key))
                .anyMatch(f -> f.verdict() == Verdict.HANG || f.verdict() == Verdict.DEADLOCK);
    }

    private static CheckResult search(IrProgram ir, Limits limits, int k) {
        return search(ir, limits, k, false);
    }

    /** Symmetry and dead values stay under a bound; partial-order reduction only under the reduced one. */
    private static CheckResult search(IrProgram ir, Limits limits, int k, boolean reduced) {
        return Explorer.check(ir, new Explorer.Options(Explorer.Order.BFS, limits, Explorer.Engine.COMPILED, 1, false,
                new Explorer.Reductions(reduced, true, true), false).withPreemptions(k).withReducedBound(reduced));
    }

    private static CheckResult search(IrProgram ir, Limits limits, int k, Explorer.Reductions reductions) {
        return Explorer.check(ir, new Explorer.Options(Explorer.Order.BFS, limits, Explorer.Engine.COMPILED, 1, false,
                reductions, false).withPreemptions(k));
    }

    private static boolean hasCopies(IrProgram ir) {
        return ir.threads().stream().anyMatch(io.vmlock.ir.ThreadDef::replicated);
    }

    /** Findings by key, copies named alike (a bounded search renames every copy, the unbounded one only daemons'). */
    private static Map<String, Integer> byKey(CheckResult r) {
        Map<String, Integer> keys = new TreeMap<>();
        for (Finding f : r.findings()) keys.merge(key(f), f.trace().size(), Math::min);
        return keys;
    }

    private static String key(Finding f) {
        return ReductionDifferentialTest.key(f, true);
    }
}
