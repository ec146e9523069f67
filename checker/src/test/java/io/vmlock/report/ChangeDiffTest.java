package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.SearchStats;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a change does, file by file, and the counts line under it, in the words `vmlock diff` prints. */
class ChangeDiffTest {
    private static final Finding DEADLOCK = SyntheticReports.deadlock();

    private static ScenarioReport scenario(List<Finding> findings, Optional<String> incomplete) {
        return ScenarioReport.of(new CheckResult("f", findings, new SearchStats(1, 1, 1, 1, 1, 1), incomplete, List.of()));
    }

    private static GraphSummary.OrderEdge edge(String from, String to, String path) {
        return new GraphSummary.OrderEdge(from, to, 1, true, SyntheticReports.at(7, 2), path);
    }

    private static GraphSummary graph(List<GraphSummary.OrderEdge> edges, List<List<String>> cycles) {
        return new GraphSummary(true, List.of(), edges, cycles);
    }

    @Test
    void aNewScenarioIntroducesItsFindingsAndEdges() {
        ChangeDiff diff = new ChangeDiff();
        diff.compare("new.vmlock", Optional.empty(), Optional.of(scenario(List.of(DEADLOCK), Optional.empty())
                .withGraph(graph(List.of(edge("a", "b", "t > f"), edge("b", "a", "u")), List.of(List.of("a", "b"))))));
        String at = SyntheticReports.at(7, 2).position();
        assertEquals("new.vmlock:\n"
                + "  new scenario\n"
                + "  + lock order a -> b (t > f at " + at + "), on a cycle\n"
                + "  + lock order b -> a (u at " + at + "), on a cycle\n"
                + "  introduced deadlock: " + DEADLOCK.headline() + " [" + Fingerprint.of(DEADLOCK) + "]\n"
                + "1 finding introduced, 0 fixed; 2 lock-order edges added, 0 removed\n", diff.render());
        assertEquals(1, diff.introducedCount());
    }

    @Test
    void aRemovedScenarioFixesItsFindingsAndRemovesItsEdges() {
        ChangeDiff diff = new ChangeDiff();
        diff.compare("old.vmlock", Optional.of(scenario(List.of(DEADLOCK), Optional.empty())
                .withGraph(graph(List.of(edge("a", "b", "t > f")), List.of()))), Optional.empty());
        assertEquals("old.vmlock:\n"
                + "  scenario removed\n"
                + "  - lock order a -> b (was t > f)\n"
                + "  fixed deadlock: " + DEADLOCK.headline() + " [" + Fingerprint.of(DEADLOCK) + "]\n"
                + "0 findings introduced, 1 fixed; 0 lock-order edges added, 1 removed\n", diff.render());
        assertEquals(0, diff.introducedCount());
    }

    @Test
    void anUnchangedFileIsNotListedAnIncompleteOneSaysSoAndCountsAddUp() {
        ChangeDiff diff = new ChangeDiff();
        ScenarioReport same = scenario(List.of(DEADLOCK), Optional.empty()).withGraph(graph(List.of(edge("a", "b", "p")), List.of()));
        diff.compare("same.vmlock", Optional.of(same), Optional.of(same));
        diff.compare("cut.vmlock", Optional.of(scenario(List.of(), Optional.empty())),
                Optional.of(scenario(List.of(), Optional.of("depth limit 9 reached")))
                        .map(s -> s.withGraph(graph(List.of(edge("c", "d", "q")), List.of()))));
        diff.compare("more.vmlock", Optional.empty(), Optional.of(scenario(List.of(DEADLOCK), Optional.empty())));
        String at = SyntheticReports.at(7, 2).position();
        assertEquals("cut.vmlock:\n"
                + "  + lock order c -> d (q at " + at + ")\n"
                + "  incomplete: depth limit 9 reached (not known to be clean)\n"
                + "more.vmlock:\n"
                + "  new scenario\n"
                + "  introduced deadlock: " + DEADLOCK.headline() + " [" + Fingerprint.of(DEADLOCK) + "]\n"
                + "1 finding introduced, 0 fixed; 1 lock-order edge added, 0 removed\n", diff.render());
    }
}
