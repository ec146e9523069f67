package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.pipeline.CheckOptions;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.report.LockdepReport;
import io.vmlock.report.ScenarioReport;
import io.vmlock.report.TextReport;
import io.vmlock.testing.Scenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example is a golden test: {@code examples/.../foo.vmlock} beside {@code foo.expected.txt},
 * its text report. Run with {@code -Dvmlock.updateGoldens=true} to rewrite the goldens on purpose.
 * Each example must also pass {@code vmlock test}: its findings meet its expect clauses.
 */
class ExamplesTest {
    private static final String GOLDEN = ".expected.txt";
    /** A lockdep-format golden, beside the examples picked to show each kernel report. */
    private static final String LOCKDEP_GOLDEN = ".expected.lockdep.txt";
    /** The kernel reports --format lockdep writes: each must have a golden. */
    private static final List<String> LOCKDEP_REPORTS = List.of(
            "WARNING: possible circular locking dependency detected",
            "Chain exists of:",
            "Possible unsafe locking scenario by crosslock:",
            "WARNING: possible recursive locking detected",
            "-> #1 (fs_reclaim){",
            "inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage.",
            "inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.",
            "WARNING: possible irq lock inversion dependency detected",
            "but this lock took another, SOFTIRQ-unsafe lock in the past:",
            "BUG: sleeping function called from invalid context",
            "Showing all locks held in the system:");

    static Path examples() {
        return Scenarios.root().resolve("examples");
    }

    static List<Path> files(String suffix) throws IOException {
        if (!Files.isDirectory(examples())) return List.of();
        try (Stream<Path> walk = Files.walk(examples())) {
            return walk.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        }
    }

    static List<Path> scenarios() throws IOException {
        return files(".vmlock");
    }

    private static boolean updating() {
        return "true".equals(System.getProperty("vmlock.updateGoldens"));
    }

    /**
     * What `vmlock check FILE` runs with no options, so that a golden is the report a user gets: the
     * lock-order graph pass, then the search with the command line's default reductions and threads
     * (the report does not depend on the thread count). An unreduced search finds other shortest
     * traces where independent steps commute.
     */
    private static CheckResult checkAsTheCommandLine(Compilation c) {
        return Pipeline.check(c.lower().orElseThrow(), commandLineOptions());
    }

    private static CheckOptions commandLineOptions() {
        return CheckOptions.of(new SearchOptions().explorerOptions());
    }

    /** The text golden beside {@code scenario}. */
    static Path golden(Path scenario) {
        String name = scenario.getFileName().toString();
        return scenario.resolveSibling(name.substring(0, name.length() - ".vmlock".length()) + GOLDEN);
    }

    /**
     * The report matches the golden, and the findings meet the example's expect clauses: what
     * {@code vmlock test} decides for it (Pipeline.test, the command's own call), from the same
     * search, so that every example is searched once here rather than again through the command.
     */
    @ParameterizedTest
    @MethodSource("scenarios")
    void reportMatchesGoldenAndExpectations(Path scenario) throws IOException {
        Compilation c = Scenarios.compile(scenario);
        assertTrue(c.ok(), c::renderedDiagnostics);
        ScenarioReport tested = Pipeline.test(c.lower().orElseThrow(), commandLineOptions());
        String report = TextReport.render(tested.result(), false, c.sources());
        Path golden = golden(scenario);
        if (updating()) {
            Files.writeString(golden, report);
        } else {
            assertTrue(Files.exists(golden), "no golden " + golden + ": run with -Dvmlock.updateGoldens=true");
            assertEquals(Files.readString(golden), report, "report of " + scenario);
        }
        assertEquals(Optional.empty(), tested.test().orElseThrow().unmet(), "vmlock test " + scenario);
    }

    static List<Path> lockdepGoldens() throws IOException {
        return files(LOCKDEP_GOLDEN);
    }

    @ParameterizedTest
    @MethodSource("lockdepGoldens")
    void lockdepReportMatchesGolden(Path golden) throws IOException {
        String name = golden.getFileName().toString();
        Path scenario = golden.resolveSibling(name.substring(0, name.length() - LOCKDEP_GOLDEN.length()) + ".vmlock");
        assertTrue(Files.exists(scenario), "lockdep golden without example: " + golden);
        Compilation c = Scenarios.compile(scenario);
        assertTrue(c.ok(), c::renderedDiagnostics);
        String report = LockdepReport.render(checkAsTheCommandLine(c));
        if (updating()) {
            Files.writeString(golden, report);
            return;
        }
        assertEquals(Files.readString(golden), report, "lockdep report of " + scenario);
    }

    @Test
    void everyKernelReportHasALockdepGolden() throws IOException {
        List<String> goldens = new java.util.ArrayList<>();
        for (Path g : lockdepGoldens()) goldens.add(Files.readString(g));
        for (String report : LOCKDEP_REPORTS) {
            assertTrue(goldens.stream().anyMatch(g -> g.contains(report)), "no lockdep golden shows: " + report);
        }
    }

    @Test
    void everyGoldenHasItsExample() throws IOException {
        for (Path golden : files(GOLDEN)) {
            String name = golden.getFileName().toString();
            Path scenario = golden.resolveSibling(name.substring(0, name.length() - GOLDEN.length()) + ".vmlock");
            assertTrue(Files.exists(scenario), "golden without example: " + golden);
        }
    }

    /**
     * The command itself, end to end on one folder (the seed scenarios): every file PASSes and the
     * exit code is clean. Every other example's expectations are checked above, from its golden's
     * search.
     */
    @Test
    void vmlockTestPassesTheSeedExamples() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path seeds = examples().resolve("seeds");
        int code = Main.run(new String[] {"test", seeds.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(ExitCodes.CLEAN, code, out + "\n" + err);
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.size() > 1 && lines.stream().filter(l -> !l.startsWith("PASS ")).count() == 1, out.toString());
        assertEquals((lines.size() - 1) + " passed, 0 failed", lines.get(lines.size() - 1));
    }
}
