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
        assertEquals(List.of(20, 30), List.of(result.at("/locations/1/physicalLocation/region/startLine").asInt(),
                result.at("/locations/2/physicalLocation/region/startLine").asInt()));
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
}
