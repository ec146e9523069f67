package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.GraphPassStats;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.SearchStats;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import io.vmlock.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The JSON report's less common fields, each with the value it was given: an incomplete run's
 * reason and notes, the graph pass's figures, a test's outcome, a queued writer's link, a loop's
 * steps, the search figures. Checked against the schema too.
 */
class JsonReportTest {
    private static JsonNode render(ScenarioReport s) {
        String json = JsonReport.render(new Report("check", "9.9", List.of(s), false, Path.of("")));
        return Schemas.assertValid(Schemas.report(), json, "json").at("/scenarios/0");
    }

    @Test
    void anIncompleteRunSaysWhyWithItsNotesAndTheGraphPassFigures() {
        GraphPassStats pass = new GraphPassStats(3, 4, 5, 6, 7, 8, 9, false, 11);
        CheckResult r = new CheckResult("f.vmlock", List.of(), new SearchStats(21, 22, 23, 24, 25, 26),
                Optional.of("state limit 1000 reached"), List.of("livelock check skipped", "second note"),
                Optional.of(pass));
        JsonNode s = render(ScenarioReport.of(r));
        assertEquals("incomplete", s.path("verdict").asText());
        assertEquals("state limit 1000 reached", s.path("incomplete").asText());
        assertEquals("incomplete: state limit 1000 reached; no findings so far", s.path("summary").asText());
        assertEquals(List.of("livelock check skipped", "second note"), strings(s.path("notes")));
        JsonNode g = s.path("graphPass");
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9), List.of(g.path("classes").asInt(), g.path("edges").asInt(),
                g.path("paths").asInt(), g.path("cycles").asInt(), g.path("feasible").asInt(), g.path("dismissed").asInt(),
                g.path("orderViolations").asInt()));
        assertTrue(g.path("complete").isBoolean() && !g.path("complete").asBoolean());
        assertEquals(11, g.path("millis").asLong());
        assertFalse(g.has("afterSearch"), "a pass run first, as always but under --first, says nothing of its order");
        JsonNode stats = s.path("stats");
        assertEquals(List.of(21L, 22L, 23L, 24L, 25L, 26L), List.of(stats.path("states").asLong(),
                stats.path("transitions").asLong(), stats.path("maxDepth").asLong(), stats.path("millis").asLong(),
                stats.path("peakMemoryBytes").asLong(), stats.path("stateBytes").asLong()));
        assertFalse(s.has("lockOrderGraph") || s.has("test"));
    }

    @Test
    void aGraphPassRunAfterTheSearchSaysSo() {
        GraphPassStats pass = new GraphPassStats(3, 4, 5, 6, 7, 8, 9, true, 11).ranAfterSearch();
        JsonNode s = render(ScenarioReport.of(new CheckResult("f.vmlock", List.of(), new SearchStats(1, 1, 1, 1, 1, 1),
                Optional.empty(), List.of(), Optional.of(pass))));
        assertTrue(s.path("graphPass").path("afterSearch").asBoolean(), s::toString);
    }

    @Test
    void aCompleteRunHasNoIncompleteFieldNorGraphPass() {
        JsonNode s = render(ScenarioReport.of(new CheckResult("f.vmlock", List.of(), new SearchStats(1, 1, 1, 1, 1, 1),
                Optional.empty(), List.of())));
        assertEquals("clean", s.path("verdict").asText());
        assertFalse(s.has("incomplete") || s.has("graphPass"));
        assertTrue(s.path("notes").isArray() && s.path("notes").isEmpty());
    }

    @Test
    void aTestsOutcomeSaysWhatWasExpectedAndWhyItFailed() {
        CheckResult r = new CheckResult("f.vmlock", List.of(), new SearchStats(1, 1, 1, 1, 1, 1), Optional.empty(), List.of());
        JsonNode failed = render(new ScenarioReport(r, Optional.empty(),
                Optional.of(new TestOutcome(List.of("deadlock", "hang"), Optional.of("expected a deadlock, found none")))))
                .path("test");
        assertEquals(List.of("deadlock", "hang"), strings(failed.path("expected")));
        assertFalse(failed.path("passed").asBoolean());
        assertEquals("expected a deadlock, found none", failed.path("message").asText());
        JsonNode passed = render(new ScenarioReport(r, Optional.empty(),
                Optional.of(new TestOutcome(List.of(), Optional.empty())))).path("test");
        assertTrue(passed.path("passed").asBoolean());
        assertFalse(passed.has("message"));
    }

    @Test
    void aFindingsLinksSayWhatIsSharedOrQueuedAndItsLoopHasItsSteps() {
        WaitLink.End read = new WaitLink.Lock("r", "r", true, "r");
        WaitLink.End place = new WaitLink.QueuePlace("r (queued)", "r", "r");
        WaitLink.End m = new WaitLink.Lock("m", "m", false, "m");
        TraceStep step = new TraceStep(1, "w", "down_write(r)", SyntheticReports.at(3, 3), List.of("f(1)"),
                List.of(new HeldLock("r", HeldLock.Mode.WRITE)));
        Finding f = new Finding(Verdict.DEADLOCK, "h", List.of("d1"),
                List.of(new WaitLink("a", read, m, Optional.empty()), new WaitLink("w", place, read, Optional.empty())),
                List.of(), SyntheticReports.at(2, 1), List.of("g()"), List.of(), List.of(step));
        CheckResult r = new CheckResult("f.vmlock", List.of(f), new SearchStats(1, 1, 1, 1, 1, 1), Optional.empty(), List.of());
        JsonNode scenario = render(ScenarioReport.of(r).withGraph(SyntheticReports.graph()));
        assertEquals("findings", scenario.path("verdict").asText());
        JsonNode cycles = scenario.at("/lockOrderGraph/cycles");
        assertEquals(1, cycles.size());
        assertEquals(List.of("journal", "page_lock"), strings(cycles.get(0)));
        JsonNode finding = scenario.at("/findings/0");
        assertEquals(1, finding.path("id").asInt());
        assertEquals(Verdict.DEADLOCK.summary(), finding.path("kindSummary").asText());
        assertEquals(List.of("g()"), strings(finding.path("callStack")));
        assertEquals(List.of("d1"), strings(finding.path("details")));
        JsonNode shared = finding.at("/waitForCycle/0");
        assertTrue(shared.path("holdsShared").asBoolean());
        assertFalse(shared.path("waitsShared").asBoolean());
        assertFalse(shared.has("queued"), "a holder is not queued");
        JsonNode queued = finding.at("/waitForCycle/1");
        assertTrue(queued.path("queued").asBoolean());
        assertEquals("r (queued)", queued.path("holds").asText());
        assertTrue(queued.path("waitsShared").asBoolean());
        assertTrue(finding.path("trace").isEmpty());
        JsonNode looped = finding.at("/loop/0");
        assertEquals("down_write(r)", looped.path("operation").asText());
        assertEquals(List.of("f(1)"), strings(looped.path("callStack")));
        assertEquals(List.of("r (write)"), strings(looped.path("heldAfter")));
    }

    private static List<String> strings(JsonNode array) {
        assertTrue(array.isArray(), array + " is not an array");
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
