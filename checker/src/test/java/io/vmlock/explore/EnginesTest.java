package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.findings.CheckResult;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.Lowering;
import io.vmlock.pipeline.Compilation;
import io.vmlock.report.TextReport;
import io.vmlock.testing.Scenarios;
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
     * Past this many states (the library's all-paths examples: mm-ext4-all-paths stored 1.8
     * million) an example is compared breadth-first on one thread only: the reference semantics
     * is the slow engine, and these five took 850 of EnginesTest's 924 s in a full run at a load
     * of 11. Depth-first order, thread counts and hash compaction are compared on every smaller
     * example (about 200), where they exercise the same code.
     */
    private static final long ONE_ORDER_ABOVE_STATES = 300_000;

    /**
     * The reference engine keeps about 500 bytes a state, so past this many states (the library's
     * mm-ext4-all-paths stores 4.3 million unreduced, 4.5 GiB there, the default --max-memory of a
     * 6 GiB heap) both engines are stopped by --max-states at the same count: a search that
     * stops there reports its findings so far, states, transitions and depth, the same to the
     * byte when the engines agree on those first states.
     */
    private static final long REFERENCE_STATES = 2_000_000;

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
            if (referenceResult.stats().states() > ONE_ORDER_ABOVE_STATES) return;
            assertEquals(reference, report(ir, new Explorer.Options(order, limits, Explorer.Engine.COMPILED, 3, false)));
            String compact = report(ir, new Explorer.Options(order, limits, Explorer.Engine.COMPILED, 2, true));
            assertEquals(reference, compact.replaceAll("\\nnote: hash compaction: [^\\n]*\\n(      [^\\n]*\\n)*", ""));
        }
    }

    /**
     * With partial-order and symmetry reduction the findings and their trace lengths are the same:
     * a deadlock's trace is the reduced search's, a shortest one that may interleave the threads
     * differently (PartialOrder#keepsDepth), so the steps themselves are left out.
     */
    @ParameterizedTest
    @MethodSource("examples")
    void reductionsChangeNoFindingNorTraceLength(Path example) {
        Compilation c = Scenarios.compile(example);
        IrProgram ir = Lowering.lower(c.program().orElseThrow());
        Explorer.Options exact = Explorer.Options.defaults();
        Explorer.Options reduced = new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.COMPILED, 2,
                false, Explorer.Reductions.ALL);
        CheckResult r = Explorer.check(ir, reduced);
        assertEquals(withoutSteps(TextReport.render(Explorer.check(ir, exact), false)),
                withoutSteps(TextReport.render(r, false)));
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
