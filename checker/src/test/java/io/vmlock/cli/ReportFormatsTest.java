package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlock.report.SarifChecks;
import io.vmlock.report.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * Every scenario under examples/ (whatever branches have put there), the graph pass's test
 * scenarios and this suite's own, one per finding kind (and --graph-only for potential
 * deadlocks), in every format at once: JSON and SARIF valid against their schemas, JUnit XML
 * well-formed with a failure exactly when there are findings.
 */
class ReportFormatsTest {
    static Stream<Arguments> scenarios() throws IOException {
        Path root = Schemas.root();
        List<Path> files = new ArrayList<>(ScenarioFiles.under(root.resolve("examples")));
        // graph/lib/ holds model libraries the graph tests import: no threads, nothing to report
        files.addAll(ScenarioFiles.under(root.resolve("checker/src/test/resources/graph")).stream()
                .filter(p -> !p.getParent().endsWith("lib")).toList());
        List<Path> own = ScenarioFiles.under(root.resolve("checker/src/test/resources/reports"));
        assertTrue(own.size() >= 9, "the suite's own scenarios are missing");
        files.addAll(own);
        Stream<Arguments> checked = files.stream().map(f -> Arguments.of(root.relativize(f).toString(), f, false));
        Stream<Arguments> graphOnly = own.stream().map(f -> Arguments.of(root.relativize(f) + " --graph-only", f, true));
        return Stream.concat(checked, graphOnly);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyFormatIsValid(String name, Path file, boolean graphOnly, @TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Path sarif = dir.resolve("r.sarif");
        Path junit = dir.resolve("r.xml");
        Cli r = Cli.run("check", graphOnly ? "--graph-only" : "--search=bfs", file.toString(), "--format", "json", "-o", json.toString(), "--format", "sarif",
                "-o", sarif.toString(), "--format", "junit", "-o", junit.toString(), "--format", "dot", "-o",
                dir.resolve("r.dot").toString(), "--format", "mermaid", "-o", dir.resolve("r.md").toString());
        assertTrue(Set.of(0, 1, 3).contains(r.code()), r.toString());
        assertEquals("", r.out(), "every format went to a file");
        JsonNode report = Schemas.assertValid(Schemas.report(), Files.readString(json), name + " (json)");
        int findings = report.path("scenarios").path(0).path("findings").size();
        assertEquals(findings > 0, r.code() != 0 || report.path("scenarios").path(0).has("incomplete"));
        JsonNode log = Schemas.assertValid(Schemas.sarif(), Files.readString(sarif), name + " (sarif)");
        SarifChecks.assertUsable(log);
        assertEquals(findings, log.path("runs").path(0).path("results").size());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertEquals("testsuites", xml.getDocumentElement().getTagName());
        assertEquals(1, xml.getElementsByTagName("testcase").getLength());
        assertEquals(findings > 0 ? 1 : 0, xml.getElementsByTagName("failure").getLength()
                + xml.getElementsByTagName("error").getLength());
        assertTrue(Files.readString(dir.resolve("r.dot")).startsWith("digraph vmlock {\n"));
    }

    /** Between them, this suite's scenarios give every kind of finding in real (not hand-built) output. */
    @org.junit.jupiter.api.Test
    void theOwnScenariosCoverEveryFindingKind(@TempDir Path dir) throws Exception {
        Path reports = Schemas.root().resolve("checker/src/test/resources/reports");
        List<String> args = new ArrayList<>(List.of("check", "--format", "json", "-o", dir.resolve("a.json").toString()));
        ScenarioFiles.under(reports).forEach(f -> args.add(f.toString()));
        assertEquals(ExitCodes.FINDINGS, Cli.run(args.toArray(String[]::new)).code());
        Cli graphOnly = Cli.run("check", "--graph-only", reports.resolve("deadlock-abba.vmlock").toString(),
                "--format", "json", "-o", dir.resolve("b.json").toString());
        assertEquals(ExitCodes.FINDINGS, graphOnly.code(), graphOnly.toString());
        java.util.TreeSet<String> kinds = new java.util.TreeSet<>();
        for (String json : List.of("a.json", "b.json")) {
            JsonNode report = Schemas.assertValid(Schemas.report(), Files.readString(dir.resolve(json)), json);
            report.path("scenarios").forEach(s -> s.path("findings").forEach(f -> kinds.add(f.path("kind").asText())));
        }
        java.util.TreeSet<String> all = new java.util.TreeSet<>();
        io.vmlock.report.RuleHelp.findingKinds().forEach(v -> all.add(v.id()));
        assertEquals(all, kinds);
    }

    /** A JUnit failure carries the text report as --format text prints it, each step's source line too. */
    @org.junit.jupiter.api.Test
    void aJunitFailureCarriesTheTextReportWithItsSourceLines(@TempDir Path dir) throws Exception {
        Path scenario = Schemas.root().resolve("checker/src/test/resources/reports/deadlock-abba.vmlock");
        Cli r = Cli.run("check", scenario.toString(), "--format", "text", "-o", dir.resolve("r.txt").toString(),
                "--format", "junit", "-o", dir.resolve("r.xml").toString());
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        String text = Files.readString(dir.resolve("r.txt"));
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("r.xml").toFile());
        String body = xml.getElementsByTagName("failure").item(0).getTextContent();
        assertTrue(text.lines().anyMatch(l -> l.strip().startsWith("| proc rename_path()")), "a quoted source line: " + text);
        assertEquals(text, body);
    }
}
