package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.Lowering;
import io.vmlock.pipeline.Compilation;
import io.vmlock.report.TextReport;
import io.vmlock.testing.Scenarios;
import io.vmlock.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiled search (any thread count, depth-first, hash-compacted) gives the reference
 * search's report to the byte, statistics included, on every example (on its first
 * REFERENCE_STATES states for the largest).
 */
class EnginesTest {
    static Stream<Path> examples() throws IOException {
        try (Stream<Path> walk = Files.walk(Scenarios.root().resolve("examples"))) {
            List<Path> all = walk.filter(p -> p.toString().endsWith(".vmlock")).sorted().toList();
            return all.stream();
        }
    }

    private static String report(IrProgram ir, Explorer.Options options) {
        return report(Explorer.check(ir, options));
    }

    private static String report(CheckResult r) {
        String stats = r.stats().states() + " states, " + r.stats().transitions() + " transitions, depth "
                + r.stats().maxDepth();
        return TextReport.render(r, false) + stats;
    }

    /**
     * The reference engine is the slow one (about 500 bytes a state, and an interpreter), so both
     * engines stop at this many states (--max-states), where a search that stops reports its
     * findings so far, states, transitions and depth: the same to the byte when the engines agree
     * on those first states. An example that reaches it (the library's all-paths examples and a
     * few real ones, about 15; mm-ext4-all-paths stores 4.3 million unreduced) is compared on its
     * first states in breadth-first order, its shallow interleavings, and in depth-first order,
     * which reaches the ends of its threads, on one search thread; at 2,000,000 breadth-first
     * states only, these took 700 of EnginesTest's 1,030 s (2026-12-07, a load of 5), for less
     * of each thread's code. Thread counts and hash compaction are compared on every smaller
     * example (about 270), where they exercise the same code.
     */
    private static final long REFERENCE_STATES = 300_000;

    @ParameterizedTest
    @MethodSource("examples")
    void compiledSearchReportsWhatTheReferenceReports(Path example) {
        Compilation c = Scenarios.compile(example);
        IrProgram ir = Lowering.lower(c.program().orElseThrow());
        Limits defaults = Limits.defaults();
        Limits limits = new Limits(Math.min(defaults.maxStates(), REFERENCE_STATES), defaults.maxSeconds(),
                defaults.maxMemoryBytes());
        for (Explorer.Order order : Explorer.Order.values()) {
            CheckResult referenceResult = Explorer.check(ir, new Explorer.Options(order, limits, Explorer.Engine.REFERENCE, 1, false));
            String reference = report(referenceResult);
            assertEquals(reference, report(ir, new Explorer.Options(order, limits, Explorer.Engine.COMPILED, 1, false)));
            if (!referenceResult.complete()) continue;
            assertEquals(reference, report(ir, new Explorer.Options(order, limits, Explorer.Engine.COMPILED, 3, false)));
            String compact = report(ir, new Explorer.Options(order, limits, Explorer.Engine.COMPILED, 2, true));
            assertEquals(reference, compact.replaceAll("\\nnote: hash compaction: [^\\n]*\\n(      [^\\n]*\\n)*", ""));
        }
    }

    /**
     * With partial-order and symmetry reduction the findings and their trace lengths are the same:
     * a deadlock's trace is the reduced search's, a shortest one that may interleave the threads
     * differently (PartialOrder#keepsDepth), so the steps themselves are left out. With dead-value
     * reduction too, the same findings, each trace as long, except that the livelock check (run
     * after a complete search) may meet a run that never ends sooner (see ReductionDifferentialTest).
     */
    @ParameterizedTest
    @MethodSource("examples")
    void reductionsChangeNoFindingNorTraceLength(Path example) {
        Compilation c = Scenarios.compile(example);
        IrProgram ir = Lowering.lower(c.program().orElseThrow());
        CheckResult exact = Explorer.check(ir, Explorer.Options.defaults());
        CheckResult r = Explorer.check(ir, reduced(new Explorer.Reductions(true, true)));
        assertEquals(withoutSteps(TextReport.render(exact, false)), withoutSteps(TextReport.render(r, false)));
        CheckResult all = Explorer.check(ir, reduced(Explorer.Reductions.ALL_BUT_CHAINS));
        assertEquals(exact.findings().size(), all.findings().size());
        for (int i = 0; i < exact.findings().size(); i++) {
            Finding e = exact.findings().get(i);
            Finding a = all.findings().get(i);
            assertEquals(e.headline(), a.headline());
            assertEquals(e.location(), a.location());
            boolean afterSearch = Transitions.needed(ir) && (e.verdict() == Verdict.HANG || e.verdict() == Verdict.DEADLOCK);
            if (afterSearch) {
                assertTrue(a.trace().size() <= e.trace().size(), e.headline());
            } else {
                assertEquals(e.trace().size(), a.trace().size(), e.headline());
            }
        }
    }

    private static Explorer.Options reduced(Explorer.Reductions reductions) {
        return new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.COMPILED, 2, false, reductions);
    }

    /** The report without its traces' numbered steps (indented deeper than the "shortest trace, N steps:" line). */
    private static String withoutSteps(String report) {
        StringBuilder kept = new StringBuilder();
        boolean inTrace = false;
        for (String line : report.split("\n", -1)) {
            int indent = line.length() - line.stripLeading().length();
            if (inTrace && indent > 4) continue;
            inTrace = line.stripLeading().startsWith("shortest trace, ");
            kept.append(line).append('\n');
        }
        return kept.toString();
    }
}
