package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlock.ast.SourceSpan;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.SearchStats;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import io.vmlock.verdict.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The CI outputs of a finding made in the model library: SARIF opens it in the scenario with the
 * library's sites related, every URI relative (models outside the run's folder included), and
 * under a baseline SARIF, JUnit and HTML tell new findings (which fail) from known ones.
 */
class CiReportsTest {
    private static final Path RUN = Path.of("/work/checkout");
    private static final Path MODELS = Path.of("/opt/vmlock/models");
    private static final String SCENARIO = "scenarios/writer.vmlock";
    private static final String JBD2 = MODELS.resolve("linux/jbd2.vmlock").toString();
    private static final String MM = MODELS.resolve("linux/mm.vmlock").toString();

    private static SourceSpan span(String file, int line) {
        return new SourceSpan(file, line, 5, line, 20);
    }

    /** writer calls into the library at scenario lines 40 and 41; jbd2 at line 50; both wait in models. */
    private static Finding libraryDeadlock() {
        HeldLock page = new HeldLock("page_lock[P0]", HeldLock.Mode.EXCLUSIVE);
        HeldLock commit = new HeldLock("the journal commit", HeldLock.Mode.COMMIT);
        List<TraceStep> trace = List.of(
                new TraceStep(1, "writer", "mutex_lock(page_lock[P0])", span(MM, 55), List.of("lock_page(P0)"),
                        List.of(page), span(SCENARIO, 40)),
                new TraceStep(2, "jbd2", "jbd2_journal_lock_updates(journal)", span(JBD2, 70),
                        List.of("kjournald2()"), List.of(commit), span(SCENARIO, 50)),
                new TraceStep(3, "writer", "jbd2_log_wait_commit(journal)", span(JBD2, 88),
                        List.of("jbd2_log_wait_commit()"), List.of(page), span(SCENARIO, 41)));
        WaitLink.End pageLock = new WaitLink.Lock("page_lock[P0]", "page_lock", false, "page_lock[P0]");
        WaitLink.End journal = new WaitLink.Lock("the journal commit", "journal", false, "the journal commit");
        List<WaitLink> cycle = List.of(new WaitLink("writer", pageLock, journal, Optional.empty()),
                new WaitLink("jbd2", journal, pageLock, Optional.empty()));
        return new Finding(Verdict.DEADLOCK, "writer and jbd2 wait for each other",
                cycle.stream().map(WaitLink::sentence).toList(), cycle, trace, span(JBD2, 88),
                List.of("jbd2_log_wait_commit()"));
    }

    private static Finding otherFinding() {
        return new Finding(Verdict.ORDER_VIOLATION, "b is taken while a is held", List.of("against the order"),
                List.of(), List.of(new TraceStep(1, "t", "mutex_lock(b)", span(SCENARIO, 60), List.of(),
                List.of())), span(SCENARIO, 60));
    }

    private static Report report(Optional<Baseline> baseline, Finding... findings) {
        CheckResult r = new CheckResult(SCENARIO, List.of(findings), new SearchStats(1, 1, 1, 1, 1, 1),
                Optional.empty(), List.of());
        return new Report("check", "0.1.0", List.of(ScenarioReport.of(r)), false, RUN, Optional.of(MODELS), baseline);
    }

    private static Baseline knowing(Finding known, Baseline.Entry... gone) {
        List<Baseline.Entry> entries = new ArrayList<>(List.of(gone));
        entries.add(new Baseline.Entry(SCENARIO, known.verdict().id(), Fingerprint.of(known), known.headline()));
        return new Baseline(entries);
    }

    private static JsonNode sarif(Report r, String what) {
        return Schemas.assertValid(Schemas.sarif(), SarifReport.render(r), what);
    }

    @Test
    void aLibraryFindingOpensAtTheScenarioLineOfTheThreadThatEntersTheCycle() {
        JsonNode result = sarif(report(Optional.empty(), libraryDeadlock()), "library deadlock").at("/runs/0/results/0");
        JsonNode first = result.at("/locations/0/physicalLocation");
        assertEquals(1, result.at("/locations").size());
        assertEquals(SCENARIO, first.at("/artifactLocation/uri").asText());
        assertEquals("%SRCROOT%", first.at("/artifactLocation/uriBaseId").asText());
        assertEquals(40, first.at("/region/startLine").asInt(), "writer enters the cycle taking the page lock");
        JsonNode related = result.at("/relatedLocations");
        assertEquals(List.of(88, 55, 70), List.of(related.at("/0/physicalLocation/region/startLine").asInt(),
                related.at("/1/physicalLocation/region/startLine").asInt(),
                related.at("/2/physicalLocation/region/startLine").asInt()));
        assertEquals(List.of(1, 2, 3), List.of(related.at("/0/id").asInt(), related.at("/1/id").asInt(),
                related.at("/2/id").asInt()));
    }

    @Test
    void modelsOutsideTheRunsFolderAreRelativeToTheirOwnBase() {
        JsonNode run = sarif(report(Optional.empty(), libraryDeadlock()), "models elsewhere").at("/runs/0");
        JsonNode related = run.at("/results/0/relatedLocations/0/physicalLocation/artifactLocation");
        assertEquals("linux/jbd2.vmlock", related.path("uri").asText());
        assertEquals(SarifLocations.MODELS, related.path("uriBaseId").asText());
        assertEquals("file:///opt/vmlock/models/", run.at("/originalUriBaseIds/" + SarifLocations.MODELS + "/uri").asText());
        for (JsonNode uri : run.at("/results").findValues("uri")) {
            assertFalse(uri.asText().contains(":"), "a result URI is relative: " + uri);
        }
    }

    @Test
    void underABaselineEachResultSaysNewUnchangedOrAbsent() {
        Baseline.Entry gone = new Baseline.Entry(SCENARIO, "deadlock", "0123456789abcdef", "an old deadlock");
        Report r = report(Optional.of(knowing(libraryDeadlock(), gone)), libraryDeadlock(), otherFinding());
        JsonNode results = sarif(r, "baseline").at("/runs/0/results");
        assertEquals(3, results.size());
        assertEquals(List.of("unchanged", "new", "absent"), List.of(results.at("/0/baselineState").asText(),
                results.at("/1/baselineState").asText(), results.at("/2/baselineState").asText()));
        assertEquals("0123456789abcdef", results.at("/2/partialFingerprints").elements().next().asText());
        JsonNode plain = sarif(report(Optional.empty(), otherFinding()), "no baseline").at("/runs/0/results/0");
        assertTrue(plain.path("baselineState").isMissingNode(), "no baseline, no state");
    }

    @Test
    void underABaselineJunitFailsOnlyOnTheNewFindingAndMarksEach() {
        String onlyKnown = JunitReport.render(report(Optional.of(knowing(libraryDeadlock())), libraryDeadlock()));
        assertTrue(onlyKnown.contains("failures=\"0\""), onlyKnown);
        assertTrue(onlyKnown.contains("<system-out>known (in the baseline): [1] deadlock: writer and jbd2"), onlyKnown);
        String withNew = JunitReport.render(report(Optional.of(knowing(libraryDeadlock())), libraryDeadlock(),
                otherFinding()));
        assertTrue(withNew.contains("<testsuites name=\"vmlock check\" tests=\"1\" failures=\"1\""), withNew);
        assertTrue(withNew.contains("<failure type=\"order-violation\" message=\"1 new, 1 known: "), withNew);
        assertTrue(withNew.contains("new: [2] order-violation: b is taken while a is held"), withNew);
        String without = JunitReport.render(report(Optional.empty(), libraryDeadlock()));
        assertTrue(without.contains("failures=\"1\""), "without a baseline every finding fails:\n" + without);
    }

    @Test
    void underABaselineHtmlMarksNewAndKnownFindings() {
        String html = HtmlReport.render(report(Optional.of(knowing(libraryDeadlock())), libraryDeadlock(), otherFinding()));
        assertTrue(html.contains("<span class=\"badge findings\">1 new</span>"), "summary");
        assertTrue(html.contains("<h3><span class=\"badge clean\">known</span> <span class=\"kind deadlock\">"), "known");
        assertTrue(html.contains("<h3><span class=\"badge findings\">new</span> <span class=\"kind order-violation\">"),
                "new");
        String none = HtmlReport.render(report(Optional.empty(), libraryDeadlock()));
        assertFalse(none.contains("known</span>"), "no baseline, no marks");
    }
}
