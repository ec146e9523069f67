package io.vmlock.report;

import io.vmlock.diag.SourceFiles;
import io.vmlock.findings.CheckResult;
import java.util.Objects;
import java.util.Optional;

/**
 * One scenario as the reports see it: the check result, the lock-order graph summary when the
 * graph was built, for {@code vmlock test} how the file's expect clauses fared, and the text of
 * the files it read (the text report quotes each step's line; none for a file not read).
 */
public record ScenarioReport(CheckResult result, Optional<GraphSummary> graph, Optional<TestOutcome> test,
                             SourceFiles sources) {
    public ScenarioReport {
        Objects.requireNonNull(result);
        Objects.requireNonNull(graph);
        Objects.requireNonNull(test);
        Objects.requireNonNull(sources);
    }

    /** Without the files' text: steps are shown without their line. */
    public ScenarioReport(CheckResult result, Optional<GraphSummary> graph, Optional<TestOutcome> test) {
        this(result, graph, test, new SourceFiles());
    }

    public static ScenarioReport of(CheckResult result) {
        return new ScenarioReport(result, Optional.empty(), Optional.empty());
    }

    public ScenarioReport withGraph(GraphSummary g) {
        return new ScenarioReport(result, Optional.of(g), test, sources);
    }

    public ScenarioReport withTest(TestOutcome t) {
        return new ScenarioReport(result, graph, Optional.of(t), sources);
    }

    public ScenarioReport withSources(SourceFiles s) {
        return new ScenarioReport(result, graph, test, s);
    }

    public String file() {
        return result.file();
    }

    /** {@code clean}, {@code findings} or {@code incomplete}: the verdict of the whole scenario. */
    public String verdict() {
        if (!result.complete()) return "incomplete";
        return result.findings().isEmpty() ? "clean" : "findings";
    }
}
