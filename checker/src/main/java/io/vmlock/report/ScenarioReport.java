package io.vmlock.report;

import io.vmlock.findings.CheckResult;
import java.util.Objects;
import java.util.Optional;

/**
 * One scenario as the reports see it: the check result, the lock-order graph summary when the
 * graph was built, and for {@code vmlock test} how the file's expect clauses fared.
 */
public record ScenarioReport(CheckResult result, Optional<GraphSummary> graph, Optional<TestOutcome> test) {
    public ScenarioReport {
        Objects.requireNonNull(result);
        Objects.requireNonNull(graph);
        Objects.requireNonNull(test);
    }

    public static ScenarioReport of(CheckResult result) {
        return new ScenarioReport(result, Optional.empty(), Optional.empty());
    }

    public ScenarioReport withGraph(GraphSummary g) {
        return new ScenarioReport(result, Optional.of(g), test);
    }

    public ScenarioReport withTest(TestOutcome t) {
        return new ScenarioReport(result, graph, Optional.of(t));
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
