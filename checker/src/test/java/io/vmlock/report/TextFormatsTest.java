package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** JSON, Mermaid, DOT and JUnit renderings of the hand-built findings, markup in names included. */
class TextFormatsTest {
    private final Report report = SyntheticReports.report(SyntheticReports.everyKind());

    @Test
    void jsonOfEveryKindWithTheGraphMatchesItsSchema() {
        JsonNode json = Schemas.assertValid(Schemas.report(), JsonReport.render(report), "json of every kind");
        JsonNode graph = json.at("/scenarios/0/lockOrderGraph");
        assertEquals(3, graph.path("edges").size());
        assertTrue(graph.at("/edges/0/inCycle").asBoolean());
        assertFalse(graph.at("/edges/2/inCycle").asBoolean());
        assertEquals("writer", json.at("/scenarios/0/findings/0/waitForCycle/0/thread").asText());
    }

    /** Every line of a diagram is one of the few statements GitHub's and GitLab's Mermaid both accept. */
    @Test
    void mermaidUsesOnlyPortableSequenceDiagramSyntax() {
        String md = MermaidReport.render(report);
        Pattern statement = Pattern.compile("    (participant [TL]\\d+ as [^;#\\n]*(#\\d+;[^;#\\n]*)*"
                + "|[TL]\\d+ (->>|-->>|-x) [TL]\\d+: .+|Note over [TL]\\d+: .+)");
        int diagrams = 0;
        boolean inside = false;
        for (String line : md.split("\n", -1)) {
            if (line.equals("```mermaid")) {
                inside = true;
                diagrams++;
            } else if (line.equals("```")) {
                inside = false;
            } else if (inside && !line.equals("sequenceDiagram")) {
                assertTrue(statement.matcher(line).matches(), "not portable Mermaid: " + line);
                assertFalse(line.substring(4).contains(";") && !line.matches(".*#\\d+;.*"), line);
            }
        }
        assertEquals(report.scenarios().get(0).result().findings().size(), diagrams);
        String deadlock = MermaidReport.diagram(SyntheticReports.deadlock());
        assertTrue(deadlock.contains("participant T0 as writer\n    participant T1 as jbd2\n"), deadlock);
        assertTrue(deadlock.contains("T0 -x L"), "the final waits are crossed arrows");
        assertTrue(MermaidReport.label("a; b #1").equals("a#59; b #35;1"));
    }

    @Test
    void dotHasTheWaitForCycleAndTheMarkedGraph() {
        String dot = DotReport.render(report);
        assertTrue(dot.contains("\"c1:thread:writer\" -> \"c1:lock:the journal commit\" [label=\"waits for\", color=red"));
        assertTrue(dot.contains("\"c2:journal\" -> \"c2:page_lock\" [label=\"1 path\", color=red"));
        assertTrue(dot.contains("\"c2:page_lock\" -> \"c2:mmap_lock\" [label=\"2 paths\", style=dashed]"));
        assertEquals("\"a\\\"b\\\\c\\nd\"", DotReport.quote("a\"b\\c\nd"));
        assertEquals(dot.chars().filter(c -> c == '{').count(), dot.chars().filter(c -> c == '}').count());
    }

    @Test
    void junitHasAFailureCarryingTheTraceAndEscapesMarkup() throws Exception {
        String xml = JunitReport.render(report);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suites = doc.getDocumentElement();
        assertEquals(List.of("testsuites", "1", "1", "0"), List.of(suites.getTagName(), suites.getAttribute("tests"),
                suites.getAttribute("failures"), suites.getAttribute("errors")));
        Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
        assertEquals("examples.dir with space.dax", testcase.getAttribute("classname"));
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
        assertTrue(failure.getTextContent().contains("with <markup> & \"quotes\""), "the text trace, unescaped back");
        assertTrue(failure.getTextContent().contains("shortest trace"));
    }

    @Test
    void junitForVmlockTestNamesTheExpectations() {
        ScenarioReport s = report.scenarios().get(0).withTest(new TestOutcome(List.of("deadlock"), java.util.Optional.of(
                "expected no hang, got deadlock, hang")));
        String xml = JunitReport.render(new Report("test", "0.1.0", List.of(s), false, java.nio.file.Path.of("")));
        assertTrue(xml.contains("name=\"expect deadlock\""), xml);
        assertTrue(xml.contains("type=\"unmet-expectation\" message=\"expected no hang, got deadlock, hang\""), xml);
    }
}
