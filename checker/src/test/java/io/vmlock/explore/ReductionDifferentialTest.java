package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.RandomModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reductions against the unreduced compiled search, on random scenarios most of which have a
 * looping daemon or an interrupt (so the livelock check runs on the reduced graph): the same
 * findings by kind and key (where, which cycle, which threads blocked where), the same trace
 * lengths where the report does not say a trace may be longer, never a shorter one. Seeded;
 * {@code -Dvmlock.reductionModels=N} runs N scenarios instead of the default.
 */
class ReductionDifferentialTest {
    private static final int MODELS = Integer.getInteger("vmlock.reductionModels", 2000);
    private static final int SOFTIRQ_MODELS = Integer.getInteger("vmlock.reductionModels", 2000) / 4;
    private static final Limits SMALL = new Limits(3000, 60, Limits.defaultMemory());

    @Test
    void reducedSearchesFindWhatTheUnreducedSearchFinds(@TempDir Path dir) throws IOException {
        Totals t = compare(dir, RandomModels.Features.LOOPY, 1_000_000, MODELS, false);
        assertTrue(t.checked > MODELS * 8 / 10, "most generated models are small enough: " + t.checked);
        assertTrue(t.livelockChecked > t.checked / 2, "most need the livelock check: " + t.livelockChecked);
        assertTrue(t.states[1] < t.states[0] * 9 / 10, "partial-order reduction reduces: " + t.states[1] + " of " + t.states[0]);
        assertTrue(t.states[4] < t.states[0], "dead-value reduction reduces: " + t.states[4] + " of " + t.states[0]);
        assertTrue(t.states[5] < t.states[1], "chains store fewer states: " + t.states[5] + " of " + t.states[1]);
    }

    /**
     * The same on scenarios with softirqs, _bh locks and sections (a softirq's holds are its
     * thread's), copies named alike under every reduction: with a softirq and a hard interrupt
     * nesting in it on each copy, either copy can deadlock itself at the same depth, one finding
     * (its key names copies alike), and partial-order reduction may meet the other copy's first
     * (model 3000350: t0[1] where the unreduced search reports t0[0]).
     */
    @Test
    void reducedSearchesFindWhatTheUnreducedSearchFindsWithSoftirqs(@TempDir Path dir) throws IOException {
        Totals t = compare(dir, RandomModels.Features.SOFTIRQS, 3_000_000, SOFTIRQ_MODELS, true);
        assertTrue(t.checked > SOFTIRQ_MODELS * 7 / 10, "most generated models are small enough: " + t.checked);
        assertTrue(t.states[1] < t.states[0] * 9 / 10, "partial-order reduction reduces: " + t.states[1] + " of " + t.states[0]);
        assertTrue(t.states[2] < t.states[0], "symmetry reduces: " + t.states[2] + " of " + t.states[0]);
    }

    /** What a run over generated scenarios saw: how many, and states unreduced, por, symmetry, all, dead values, por with chains, all with chains. */
    private static final class Totals {
        int checked;
        int livelockChecked;
        int withFindings;
        final long[] states = new long[7];
    }

    private static Totals compare(Path dir, RandomModels.Features features, long seeds, int models, boolean copiesAlike)
            throws IOException {
        Totals t = new Totals();
        for (int i = 0; i < models; i++) {
            String source = RandomModels.generate(seeds + i, features);
            Optional<IrProgram> ir = DifferentialTest.compile(source, dir, i);
            assertTrue(ir.isPresent(), () -> "a generated model does not compile:\n" + source);
            CheckResult full = search(ir.get(), Explorer.Reductions.NONE);
            if (!full.complete()) continue;
            t.checked++;
            if (Transitions.needed(ir.get())) t.livelockChecked++;
            if (!full.findings().isEmpty()) t.withFindings++;
            t.states[0] += full.stats().states();
            long seed = seeds + i;
            java.util.function.Supplier<String> what = () -> "model " + seed + ":\n" + source;
            // the last: chains ({@link Chains}), against the unreduced search and partial-order reduction without them
            Explorer.Reductions[] ways = {new Explorer.Reductions(true, false), new Explorer.Reductions(false, true),
                Explorer.Reductions.ALL_BUT_CHAINS, new Explorer.Reductions(false, false, true), new Explorer.Reductions(true, false, false, true),
                new Explorer.Reductions(true, true, true, true)};
            CheckResult[] results = new CheckResult[ways.length];
            for (int w = 0; w < ways.length; w++) {
                CheckResult reduced = search(ir.get(), ways[w]);
                results[w] = reduced;
                int without = java.util.Arrays.asList(ways).indexOf(ways[w].withoutChains());
                if (ways[w].chains()) {
                    assertSameFindings(results[without], reduced, copiesAlike || ways[w].symmetry(), false, what);
                }
                assertTrue(reduced.complete(), what);
                assertTrue(reduced.stats().states() <= full.stats().states(), what);
                boolean livelockCheck = Transitions.needed(ir.get());
                assertSameFindings(full, reduced, copiesAlike || ways[w].symmetry(), ways[w].deadValues() && livelockCheck,
                        what);
                if (!ways[w].partialOrder() && !ways[w].symmetry()) assertQuotient(full, reduced, livelockCheck, what);
                t.states[w + 1] += reduced.stats().states();
            }
        }
        System.out.printf("reductions on %d scenarios (%d with the livelock check, %d with findings): states "
                + "none %d, por %d, symmetry %d, all %d, dead values %d, por with chains %d, all with chains %d%n", t.checked,
                t.livelockChecked, t.withFindings, t.states[0], t.states[1], t.states[2], t.states[3], t.states[4], t.states[5],
                t.states[6]);
        return t;
    }

    private static CheckResult search(IrProgram ir, Explorer.Reductions reductions) {
        return Explorer.check(ir, new Explorer.Options(Explorer.Order.BFS, SMALL, Explorer.Engine.COMPILED, 2, false,
                reductions, true));
    }

    /**
     * Findings by key, with trace lengths; a trace the report calls not necessarily shortest may
     * only be longer. Under dead-value reduction the livelock check's findings may come sooner,
     * never later ({@code sooner}: that check ran): a state the quotient merges with one in a
     * bottom component joins that component, though the unreduced graph leaves it (its stale value
     * never comes back), and with the same future it already shows the run that never ends.
     */
    private static void assertSameFindings(CheckResult full, CheckResult reduced, boolean renamed, boolean sooner,
                                           java.util.function.Supplier<String> what) {
        Map<String, Integer> expected = byKey(full, renamed);
        Map<String, Integer> actual = byKey(reduced, renamed);
        assertEquals(expected.keySet(), actual.keySet(), what);
        List<String> longer = reduced.notes().stream().filter(n -> n.startsWith(Explorer.LIVELOCK_TRACE))
                .map(n -> n.substring(Explorer.LIVELOCK_TRACE.length())).toList();
        java.util.Set<String> mayBeLonger = new java.util.HashSet<>();
        java.util.Set<String> mayBeShorter = new java.util.HashSet<>();
        for (Finding f : reduced.findings()) {
            if (longer.contains(f.headline())) mayBeLonger.add(key(f, renamed));
            if (sooner && afterSearch(f)) mayBeShorter.add(key(f, renamed));
        }
        for (String key : expected.keySet()) {
            java.util.function.Supplier<String> where = () -> key + " in " + what.get();
            if (mayBeLonger.contains(key) && mayBeShorter.contains(key)) continue;
            if (mayBeLonger.contains(key)) {
                assertTrue(actual.get(key) >= expected.get(key), where);
            } else if (mayBeShorter.contains(key)) {
                assertTrue(actual.get(key) <= expected.get(key), where);
            } else {
                assertEquals(expected.get(key), actual.get(key), where);
            }
        }
    }

    /** A finding the livelock check may have made: a deadlock or hang (it runs after the search). */
    private static boolean afterSearch(Finding f) {
        return f.verdict() == io.vmlock.verdict.Verdict.HANG || f.verdict() == io.vmlock.verdict.Verdict.DEADLOCK;
    }

    /**
     * Dead-value reduction alone, a bisimulation quotient: the deepest state may be less deep (a
     * class's depth is its shallowest state's), and every finding met during the search is the
     * same finding, its trace included (a shallower state of its class would show it too).
     */
    private static void assertQuotient(CheckResult full, CheckResult reduced, boolean livelockCheck,
                                       java.util.function.Supplier<String> what) {
        assertTrue(reduced.stats().maxDepth() <= full.stats().maxDepth(), what);
        for (Finding f : full.findings()) {
            if (livelockCheck && afterSearch(f)) continue;
            assertTrue(reduced.findings().contains(f), () -> f.headline() + " in " + what.get());
        }
    }

    private static Map<String, Integer> byKey(CheckResult r, boolean renamed) {
        Map<String, Integer> keys = new TreeMap<>();
        // renamed, two copies' runs that never end are one key: the shorter trace stands for both
        for (Finding f : r.findings()) keys.merge(key(f, renamed), f.trace().size(), Math::min);
        return keys;
    }

    /**
     * What the finding's key holds ({@link ProblemKey}), as the report shows it: its kind, place
     * and locks; a deadlock's cycle; a hang's blocked threads and where; the threads of a run that
     * never ends. Not what else the finding's last state shows, which depends on the path. With
     * symmetry, copies of a replicated thread are one.
     */
    static String key(Finding f, boolean renamed) {
        StringBuilder s = new StringBuilder(f.verdict().id()).append(" at ").append(f.location().position())
                .append(' ').append(f.locks());
        f.cycle().stream().map(l -> l.thread() + ":" + l.holds() + "->" + l.waitsFor()).sorted()
                .forEach(l -> s.append(' ').append(l));
        if (f.headline().endsWith(RUNS_IN_CIRCLES)) {
            s.append(": ").append(f.headline());
        } else if (f.verdict() == io.vmlock.verdict.Verdict.HANG) {
            f.blocked().stream().map(b -> b.thread() + "@" + b.span().position() + " " + b.operation()).sorted()
                    .forEach(b -> s.append(" | ").append(b));
        }
        return renamed ? s.toString().replaceAll("\\[\\d+\\]", "[*]") : s.toString();
    }

    private static final String RUNS_IN_CIRCLES = "the scenario can only run in circles from here";
}
