package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What GitHub code scanning needs beyond the schema: rules with descriptions, help and a level;
 * results naming a known rule, with a fingerprint and a line; code flows whose thread flows
 * together number the steps 1..n once each, in increasing order within each thread.
 */
public final class SarifChecks {
    private SarifChecks() {
    }

    public static void assertUsable(JsonNode sarif) {
        assertEquals("2.1.0", sarif.path("version").asText());
        JsonNode run = sarif.path("runs").path(0);
        Set<String> rules = new HashSet<>();
        for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
            rules.add(rule.path("id").asText());
            for (String field : List.of("shortDescription", "fullDescription")) {
                assertFalse(rule.path(field).path("text").asText().isBlank(), rule + " lacks " + field);
            }
            assertFalse(rule.path("help").path("text").asText().isBlank(), rule + " lacks help.text");
            assertFalse(rule.path("help").path("markdown").asText().isBlank(), rule + " lacks help.markdown");
            assertTrue(Set.of("error", "warning", "note").contains(rule.path("defaultConfiguration").path("level").asText()));
        }
        assertTrue(rules.containsAll(RuleHelp.findingKinds().stream().map(v -> v.id()).toList()), "a rule per kind");
        assertTrue(run.path("originalUriBaseIds").has(SarifReport.SRCROOT));
        for (JsonNode result : run.path("results")) result(result, rules);
    }

    private static void result(JsonNode result, Set<String> rules) {
        assertTrue(rules.contains(result.path("ruleId").asText()), "unknown rule in " + result.path("ruleId"));
        assertTrue(result.path("partialFingerprints").path(Fingerprint.SARIF_KEY).asText().matches("[0-9a-f]{16}"));
        assertTrue(result.path("locations").size() >= 1);
        for (JsonNode loc : result.path("locations")) {
            JsonNode physical = loc.path("physicalLocation");
            assertTrue(physical.path("region").path("startLine").asInt() >= 1);
            String uri = physical.path("artifactLocation").path("uri").asText();
            boolean relative = physical.path("artifactLocation").has("uriBaseId");
            assertTrue(relative ? !uri.startsWith("/") && !uri.contains(":") : uri.startsWith("file:/"), uri);
        }
        List<Integer> order = new ArrayList<>();
        for (JsonNode flow : result.path("codeFlows").path(0).path("threadFlows")) {
            int previous = 0;
            for (JsonNode step : flow.path("locations")) {
                int n = step.path("executionOrder").asInt();
                assertTrue(n > previous, "executionOrder increases within " + flow.path("id"));
                JsonNode nesting = step.path("nestingLevel");
                assertTrue(nesting.isInt() && nesting.asInt() >= 0, "nestingLevel is a count: " + step);
                assertEquals(nesting.asInt() > 0, step.path("location").has("logicalLocations"),
                        "a step inside a procedure names it: " + step);
                previous = n;
                order.add(n);
            }
        }
        order.sort(null);
        for (int i = 0; i < order.size(); i++) assertEquals(i + 1, order.get(i), "steps numbered 1..n once each");
    }
}
