package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.report.TextReport;
import io.vmlock.testing.RandomModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random scenarios searched every way vmlock can search them, against the reference search
 * (the reference successor function, breadth-first, no reduction): the compiled search gives
 * the same report and figures; depth-first and hash-compacted searches the same report; the
 * reduced, parallel search the same findings with traces of the same (shortest) length (but for
 * the livelock check's under partial-order reduction, which the report says may be longer); and
 * every trace replays in the reference semantics to its finding.
 */
class DifferentialTest {
    static final int MODELS = 3000;
    static final int SOFTIRQ_MODELS = 600;
    private static final Limits SMALL = new Limits(3000, 60, Limits.defaultMemory());

    static Optional<IrProgram> compile(String source, Path dir, int i) throws IOException {
        Path file = dir.resolve("m" + i + ".vmlock");
        Files.writeString(file, source);
        return Pipeline.compile(file, new Loader.Options(List.of(), Optional.empty(), dir)).lower();
    }

    private static Explorer.Options options(Explorer.Order order, Explorer.Engine engine, int threads, boolean compact,
                                            Explorer.Reductions reductions) {
        return new Explorer.Options(order, SMALL, engine, threads, compact, reductions);
    }

    @Test
    void everySearchAgreesWithTheReferenceSearch(@TempDir Path dir) throws IOException {
        int checked = 0;
        int withFindings = 0;
        int[] reducedBy = new int[2];
        for (int i = 0; i < MODELS; i++) {
            String source = RandomModels.generate(i, RandomModels.Features.ALL);
            Optional<Searched> m = searched(source, dir, i);
            if (m.isEmpty()) continue;
            checked++;
            if (!m.get().reference.findings().isEmpty()) withFindings++;
            int seed = i;
            List<String> notes = agree(m.get().ir, m.get().reference, i % 5 == 0, () -> "model " + seed + ":\n" + source);
            if (notes.contains("partial-order reduction on") || notes.contains("partial-order reduction on, with the cycle proviso")) {
                reducedBy[0]++;
            }
            if (notes.contains("symmetry reduction on: copies of replicated threads are interchangeable")) reducedBy[1]++;
        }
        assertTrue(reducedBy[0] > checked / 3, "partial-order reduction applied to " + reducedBy[0]);
        assertTrue(reducedBy[1] > checked / 10, "symmetry reduction applied to " + reducedBy[1]);
        assertTrue(checked > MODELS * 9 / 10, "most generated models are small enough: " + checked);
        assertTrue(withFindings > checked / 3 && withFindings < checked, "a mix of findings and clean: " + withFindings);
    }

    /**
     * Scenarios with softirqs (and hard interrupts arriving in them), _bh locks and sections: the
     * compiled search, unreduced and reduced, against the reference search, as above.
     */
    @Test
    void softirqScenariosAgreeWithTheReferenceSearch(@TempDir Path dir) throws IOException {
        int checked = 0;
        int withSoftirq = 0;
        int withFindings = 0;
        for (int i = 0; i < SOFTIRQ_MODELS; i++) {
            String source = RandomModels.generate(2_000_000 + i, RandomModels.Features.SOFTIRQS);
            Optional<Searched> m = searched(source, dir, i);
            if (m.isEmpty()) continue;
            checked++;
            if (m.get().ir.interrupts().stream().anyMatch(io.vmlock.ir.InterruptDef::softirq)) withSoftirq++;
            if (!m.get().reference.findings().isEmpty()) withFindings++;
            int seed = i;
            agree(m.get().ir, m.get().reference, i % 5 == 0, () -> "softirq model " + seed + ":\n" + source);
        }
        assertTrue(checked > SOFTIRQ_MODELS * 7 / 10, "most generated models are small enough: " + checked);
        assertTrue(withSoftirq > checked * 2 / 3, "most have a softirq: " + withSoftirq);
        assertTrue(withFindings > checked / 4 && withFindings < checked, "a mix of findings and clean: " + withFindings);
    }

    /** A generated scenario and its reference search. */
    private record Searched(IrProgram ir, CheckResult reference) {
    }

    /** The scenario compiled (it must) and searched by the reference semantics; empty when the search did not finish. */
    private static Optional<Searched> searched(String source, Path dir, int i) throws IOException {
        Optional<IrProgram> ir = compile(source, dir, i);
        assertTrue(ir.isPresent(), () -> "a generated model does not compile:\n" + source);
        CheckResult reference = Explorer.check(ir.get(), options(Explorer.Order.BFS, Explorer.Engine.REFERENCE, 1,
                false, Explorer.Reductions.NONE));
        return reference.complete() ? Optional.of(new Searched(ir.get(), reference)) : Optional.empty();
    }

    /** The notes of the reduced search, which say which reductions it applied. */
    private static List<String> agree(IrProgram ir, CheckResult reference, boolean everyWay,
                                      java.util.function.Supplier<String> what) {
        String expected = report(reference);
        assertEquals(expected, report(Explorer.check(ir, options(Explorer.Order.BFS, Explorer.Engine.COMPILED, 1, false,
                Explorer.Reductions.NONE))), what);
        CheckResult reduced = Explorer.check(ir, new Explorer.Options(Explorer.Order.BFS, SMALL, Explorer.Engine.COMPILED,
                2, false, Explorer.Reductions.ALL_BUT_CHAINS, true));
        assertEquals(verdicts(reference), verdicts(reduced), what);
        // dead-value reduction: the livelock check may meet a run that never ends sooner, never
        // later (ReductionDifferentialTest#assertSameFindings says why); those are matched last,
        // shortest first, each with the shortest reference trace at least as long
        boolean livelockCheck = Transitions.needed(ir);
        java.util.function.Predicate<Finding> sooner = f -> livelockCheck
                && (f.verdict() == io.vmlock.verdict.Verdict.HANG || f.verdict() == io.vmlock.verdict.Verdict.DEADLOCK);
        List<Finding> shortest = new java.util.ArrayList<>(reference.findings());
        shortest.sort(java.util.Comparator.comparingInt(f -> f.trace().size()));
        List<Finding> claimed = new java.util.ArrayList<>(shortestClaimed(reduced));
        claimed.sort(java.util.Comparator.comparing(sooner::test).thenComparingInt(f -> f.trace().size()));
        for (Finding f : claimed) {
            Finding match = shortest.stream().filter(e -> e.verdict() == f.verdict() && (sooner.test(f)
                    ? f.trace().size() <= e.trace().size() : f.trace().size() == e.trace().size())).findFirst().orElse(null);
            assertTrue(shortest.remove(match), () -> f.verdict().id() + " in " + f.trace().size() + " steps in " + what.get());
        }
        assertTrue(reduced.stats().states() <= reference.stats().states(), what);
        Replay replay = new Replay(ir);
        for (Finding f : reduced.findings()) replay.check(f, what);
        if (!everyWay) return reduced.notes();
        CheckResult dfs = Explorer.check(ir, options(Explorer.Order.DFS, Explorer.Engine.REFERENCE, 1, false,
                Explorer.Reductions.NONE));
        assertEquals(report(dfs), report(Explorer.check(ir, options(Explorer.Order.DFS, Explorer.Engine.COMPILED, 1,
                false, Explorer.Reductions.NONE))), what);
        String compact = report(Explorer.check(ir, options(Explorer.Order.BFS, Explorer.Engine.COMPILED, 3, true,
                Explorer.Reductions.NONE)));
        assertEquals(expected, compact.replaceAll("\\nnote: hash compaction: [^\\n]*\\n(      [^\\n]*\\n)*", ""), what);
        return reduced.notes();
    }

    private static String report(CheckResult r) {
        return TextReport.render(r, false) + r.stats().states() + " states, " + r.stats().transitions()
                + " transitions, depth " + r.stats().maxDepth();
    }

    private static List<String> verdicts(CheckResult r) {
        return r.findings().stream().map(f -> f.verdict().id()).sorted().toList();
    }

    /**
     * The findings whose traces the report does not say may be longer than shortest. What
     * reductions keep is each one's verdict and the length of its (shortest) trace: symmetric
     * copies of a thread may swap names, and with them where a cycle is said to start.
     */
    private static List<Finding> shortestClaimed(CheckResult r) {
        List<String> longer = r.notes().stream().filter(n -> n.startsWith(Explorer.LIVELOCK_TRACE))
                .map(n -> n.substring(Explorer.LIVELOCK_TRACE.length())).toList();
        return r.findings().stream().filter(f -> !longer.contains(f.headline())).toList();
    }
}
