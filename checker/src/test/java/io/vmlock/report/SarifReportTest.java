package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifReportTest {
    private final String sarif = SarifReport.render(SyntheticReports.report(SyntheticReports.everyKind()));

    @Test
    void everyKindIsValidSarifThatCodeScanningCanUse() {
        JsonNode log = Schemas.assertValid(Schemas.sarif(), sarif, "sarif of every kind");
        SarifChecks.assertUsable(log);
        assertEquals(RuleHelp.findingKinds().size(), log.at("/runs/0/results").size());
    }

    @Test
    void theValidatorRejectsABrokenLog() {
        ObjectNode log = (ObjectNode) Schemas.parse(sarif);
        ((ObjectNode) log.at("/runs/0/results/0")).put("level", "fatal");
        assertFalse(Schemas.sarif().validate(log).isEmpty(), "the schema check must be able to fail");
    }

    @Test
    void theDeadlockFlowsOnePerThreadInGlobalOrderWithCallDepth() {
        JsonNode result = Schemas.parse(SarifReport.render(SyntheticReports.report(List.of(SyntheticReports.deadlock()))))
                .at("/runs/0/results/0");
        assertEquals("deadlock", result.path("ruleId").asText());
        JsonNode flows = result.at("/codeFlows/0/threadFlows");
        assertEquals(2, flows.size());
        assertEquals("writer", flows.at("/0/id").asText());
        JsonNode writer = flows.at("/0/locations");
        assertEquals(List.of(1, 3, 4), List.of(writer.at("/0/executionOrder").asInt(), writer.at("/1/executionOrder").asInt(),
                writer.at("/2/executionOrder").asInt()));
        assertEquals(1, writer.at("/2/nestingLevel").asInt());
        assertEquals(0, writer.at("/1/nestingLevel").asInt());
        assertTrue(writer.at("/2/location/message/text").asText().contains("holds page_lock[P0], mmap_lock (read)"));
        assertEquals("acquire", writer.at("/0/kinds/0").asText());
        assertEquals(2, flows.at("/1/locations/0/executionOrder").asInt());
    }

    @Test
    void locationsAreRelativeToSrcrootAndPointAtTheAcquisitions() {
        JsonNode result = Schemas.parse(SarifReport.render(SyntheticReports.report(List.of(SyntheticReports.deadlock()))))
                .at("/runs/0/results/0");
        JsonNode first = result.at("/locations/0/physicalLocation");
        assertEquals("examples/dir%20with%20space/dax.vmlock", first.at("/artifactLocation/uri").asText());
        assertEquals("%SRCROOT%", first.at("/artifactLocation/uriBaseId").asText());
        assertEquals(12, first.at("/region/startLine").asInt());
        assertEquals(15, first.at("/region/endColumn").asInt(), "SARIF end columns are exclusive");
        // the page lock taken by writer at step 1, the commit taken by jbd2 at step 2
        assertEquals(List.of(20, 30), List.of(result.at("/relatedLocations/0/physicalLocation/region/startLine").asInt(),
                result.at("/relatedLocations/1/physicalLocation/region/startLine").asInt()));
        assertEquals(1, result.at("/locations").size(), "GitHub shows one location: the others are related");
        assertEquals("jbd2_journal_force_commit", result.at("/locations/0/logicalLocations/0/name").asText());
    }

    @Test
    void rulesCarryLevelsAndHelp() {
        JsonNode rules = Schemas.parse(sarif).at("/runs/0/tool/driver/rules");
        for (JsonNode rule : rules) {
            String level = rule.at("/defaultConfiguration/level").asText();
            boolean potential = rule.path("id").asText().equals("potential-deadlock")
                    || rule.path("id").asText().equals("order-violation");
            assertEquals(potential ? "warning" : "error", level, rule.path("id").asText());
        }
        assertEquals("SleepInAtomic", rules.at("/2/name").asText());
    }

    @Test
    void aMessageIsTheHeadlineThenEachSentenceOfTheCycleOrEachDetailCapitalised() {
        JsonNode results = Schemas.parse(sarif).at("/runs/0/results");
        assertEquals("writer and jbd2 wait for each other. Writer holds page_lock[P0] and waits for the journal commit."
                + " Jbd2 holds the journal commit and waits for page_lock[P0].", results.at("/0/message/text").asText());
        assertEquals("a hang with <markup> & \"quotes\". Detail; #1.", results.at("/1/message/text").asText());
        assertEquals("hang", results.at("/1/ruleId").asText());
        assertEquals(RuleHelp.findingKinds().indexOf(io.vmlock.verdict.Verdict.HANG), results.at("/1/ruleIndex").asInt());
    }

    @Test
    void theDeadlocksRelatedLocationsSayWhoTookWhichLockInWhichStep() {
        JsonNode result = Schemas.parse(SarifReport.render(SyntheticReports.report(List.of(SyntheticReports.deadlock()))))
                .at("/runs/0/results/0");
        assertEquals("writer takes page_lock[P0] in step 1: mutex_lock(page_lock[P0])",
                result.at("/relatedLocations/0/message/text").asText());
        assertEquals("jbd2 takes the journal commit in step 2: jbd2_journal_lock_updates(journal)",
                result.at("/relatedLocations/1/message/text").asText());
        assertEquals("shortest interleaving, 4 steps, 2 threads", result.at("/codeFlows/0/message/text").asText());
        assertEquals("thread writer", result.at("/codeFlows/0/threadFlows/0/message/text").asText());
        JsonNode fault = result.at("/codeFlows/0/threadFlows/0/locations/2");
        assertEquals("call stack of writer", fault.at("/stack/message/text").asText());
        assertEquals("dax_fault(P0) [fault]", fault.at("/stack/frames/0/location/message/text").asText());
        assertEquals("dax_fault [fault]", fault.at("/stack/frames/0/location/logicalLocations/0/name").asText());
        assertEquals("page_lock[P0], mmap_lock (read)", fault.at("/state/held/text").asText());
        JsonNode quiet = result.at("/codeFlows/0/threadFlows/0/locations/1");
        assertTrue(quiet.path("kinds").isMissingNode(), "a step that takes and releases nothing is no acquire");
        assertTrue(quiet.path("stack").isMissingNode(), "no call stack, no stack");
    }

    @Test
    void aLoopIsASecondFlowAndAReleaseIsMarked() {
        io.vmlock.findings.HeldLock a = new io.vmlock.findings.HeldLock("a", io.vmlock.findings.HeldLock.Mode.EXCLUSIVE);
        List<io.vmlock.findings.TraceStep> trace = List.of(new io.vmlock.findings.TraceStep(1, "t", "lock(a)",
                SyntheticReports.at(3, 1), List.of(), List.of(a)));
        List<io.vmlock.findings.TraceStep> loop = List.of(new io.vmlock.findings.TraceStep(2, "t", "unlock(a)",
                SyntheticReports.at(4, 1), List.of(), List.of()), new io.vmlock.findings.TraceStep(3, "t", "lock(a)",
                SyntheticReports.at(3, 1), List.of(), List.of(a)));
        io.vmlock.findings.Finding f = new io.vmlock.findings.Finding(io.vmlock.verdict.Verdict.HANG, "t spins",
                List.of(), List.of(), trace, SyntheticReports.at(3, 1), List.of(), List.of(), loop);
        JsonNode log = Schemas.assertValid(Schemas.sarif(), SarifReport.render(SyntheticReports.report(List.of(f))), "loop");
        JsonNode flows = log.at("/runs/0/results/0/codeFlows");
        assertEquals(2, flows.size());
        assertTrue(flows.at("/0/message/text").asText().startsWith("shortest interleaving, "));
        assertTrue(flows.at("/0/message/text").asText().endsWith(", 1 thread"), "one thread, said in the singular");
        assertEquals("then round this loop forever, 2 steps back to the state after step 1, 1 thread",
                flows.at("/1/message/text").asText());
        assertEquals(List.of("release", "lock"), List.of(flows.at("/1/threadFlows/0/locations/0/kinds/0").asText(),
                flows.at("/1/threadFlows/0/locations/0/kinds/1").asText()));
        assertEquals("acquire", flows.at("/1/threadFlows/0/locations/1/kinds/0").asText(),
                "the loop's take is against the release before it");
        io.vmlock.findings.Finding onlyLoop = new io.vmlock.findings.Finding(io.vmlock.verdict.Verdict.HANG, "t spins",
                List.of(), List.of(), List.of(), SyntheticReports.at(3, 1), List.of(), List.of(), loop);
        JsonNode loopFlows = Schemas.parse(SarifReport.render(SyntheticReports.report(List.of(onlyLoop))))
                .at("/runs/0/results/0/codeFlows");
        assertEquals(1, loopFlows.size(), "a run that loops from its start has the loop's flow alone");
        assertTrue(loopFlows.at("/0/message/text").asText().startsWith("then round this loop forever"));
    }

    @Test
    void anIncompleteScenarioIsAWarningOfASuccessfulRunAndVersionsThatAreNotSemverAreZero() {
        io.vmlock.findings.CheckResult r = new io.vmlock.findings.CheckResult("cut.vmlock", List.of(),
                new io.vmlock.findings.SearchStats(1, 1, 1, 1, 1, 1), java.util.Optional.of("state limit 5 reached"),
                List.of());
        JsonNode run = Schemas.parse(SarifReport.render(new Report("check", "dev-build", List.of(ScenarioReport.of(r)), false,
                java.nio.file.Path.of("")))).at("/runs/0");
        JsonNode note = run.at("/invocations/0/toolExecutionNotifications/0");
        assertTrue(run.at("/invocations/0/executionSuccessful").asBoolean());
        assertEquals("warning", note.path("level").asText());
        assertEquals("cut.vmlock: search incomplete (state limit 5 reached): findings so far are reported, but the scenario"
                + " is not known to be clean", note.at("/message/text").asText());
        assertEquals("incomplete", note.at("/descriptor/id").asText());
        assertEquals("0.0.0", run.at("/tool/driver/semanticVersion").asText());
        assertEquals("dev-build", run.at("/tool/driver/version").asText());
        assertEquals("0.1.0", Schemas.parse(sarif).at("/runs/0/tool/driver/semanticVersion").asText());
        assertTrue(Schemas.parse(sarif).at("/runs/0/invocations/0/toolExecutionNotifications").isEmpty());
        for (JsonNode rule : Schemas.parse(sarif).at("/runs/0/tool/driver/rules")) {
            boolean potential = rule.path("id").asText().equals("potential-deadlock");
            assertEquals(potential ? "medium" : "very-high", rule.at("/properties/precision").asText());
            assertEquals(rule.at("/defaultConfiguration/level").asText(), rule.at("/properties/problem.severity").asText());
        }
    }
}
