package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What CI tools and readers take from a report beyond its findings: JUnit's counts and names, the graph pass's line. */
class ReportDetailsTest {
    private static final String RECURSIVE = "mutex m;\nthread t { mutex_lock(m); mutex_lock(m); }\n";
    private static final String CLEAN = "mutex a;\nthread t { mutex_lock(a); mutex_unlock(a); }\n";

    @TempDir
    Path dir;

    private String file(String name, String source) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, source, StandardCharsets.UTF_8);
        return p.toString();
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> attributes(Element e, String... names) {
        return java.util.Arrays.stream(names).map(e::getAttribute).toList();
    }

    @Test
    void junitCountsFailuresAndNamesEachScenario() throws Exception {
        String recursive = file("recursive.vmlock", RECURSIVE);
        String clean = file("clean.vmlock", CLEAN);
        Cli r = Cli.run("check", recursive, clean, "--format", "junit");
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        Element suites = xml(r.out()).getDocumentElement();
        assertEquals(List.of("vmlock check", "2", "1", "0"), attributes(suites, "name", "tests", "failures", "errors"));
        NodeList suite = suites.getElementsByTagName("testsuite");
        assertEquals(2, suite.getLength());
        String[] files = {recursive, clean};
        for (int i = 0; i < 2; i++) {
            Element s = (Element) suite.item(i);
            assertEquals(List.of(files[i], "1", i == 0 ? "1" : "0", "0", "0"),
                    attributes(s, "name", "tests", "failures", "errors", "skipped"));
            Element testcase = (Element) s.getElementsByTagName("testcase").item(0);
            String className = files[i].substring(0, files[i].length() - ".vmlock".length()).replaceAll("^/+", "")
                    .replace('/', '.');
            assertEquals(List.of(className, "check", files[i]), attributes(testcase, "classname", "name", "file"));
        }
        Element failure = (Element) suites.getElementsByTagName("failure").item(0);
        assertEquals(List.of("recursive-lock", "1 recursive-lock"), attributes(failure, "type", "message"));
        assertTrue(failure.getTextContent().startsWith(recursive + ": 1 recursive-lock\n\n[1] recursive-lock: "),
                failure.getTextContent());
        assertEquals(0, ((Element) suite.item(1)).getElementsByTagName("testcase").item(0).getChildNodes().getLength(),
                "a passed case is empty");
        String dotted = dir.toString().replaceAll("^/+", "").replace('/', '.');
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="vmlock check" tests="2" failures="1" errors="0">
                  <testsuite name="DIR/recursive.vmlock" tests="1" failures="1" errors="0" skipped="0">
                    <testcase classname="DIR.recursive" name="check" file="DIR/recursive.vmlock">
                      <failure type="recursive-lock" message="1 recursive-lock">TEXT</failure>
                    </testcase>
                  </testsuite>
                  <testsuite name="DIR/clean.vmlock" tests="1" failures="0" errors="0" skipped="0">
                    <testcase classname="DIR.clean" name="check" file="DIR/clean.vmlock"></testcase>
                  </testsuite>
                </testsuites>
                """, r.out().replace(dir.toString(), "DIR").replace(dotted, "DIR")
                .replaceAll("(?s)(<failure [^>]*>).*(</failure>)", "$1TEXT$2"), "the layout CI viewers read, byte for byte");
    }

    @Test
    void anIncompleteSearchIsAJunitError() throws Exception {
        String cycle = file("cycle.vmlock", Scenarios.THREE_LOCK_CYCLE);
        Cli r = Cli.run("check", "--max-states", "5", cycle, "--format", "junit");
        Element suites = xml(r.out()).getDocumentElement();
        assertEquals(List.of("1", "0", "1"), attributes(suites, "tests", "failures", "errors"));
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertEquals(List.of("1", "0", "1"), attributes(suite, "tests", "failures", "errors"));
        Element error = (Element) suites.getElementsByTagName("error").item(0);
        assertEquals(List.of("incomplete", "incomplete: --max-states 5 reached; findings so far: 1 potential-deadlock"),
                attributes(error, "type", "message"));
    }

    @Test
    void vmlockTestNamesEachCaseByItsExpectation() throws Exception {
        String expected = file("expected.vmlock", RECURSIVE + "expect recursive-lock;\n");
        String unexpected = file("unexpected.vmlock", RECURSIVE);
        Cli r = Cli.run("test", expected, unexpected, "--format", "junit", "-o", dir.resolve("t.xml").toString());
        Element suites = xml(Files.readString(dir.resolve("t.xml"))).getDocumentElement();
        assertEquals(List.of("vmlock test", "2", "1", "0"), attributes(suites, "name", "tests", "failures", "errors"));
        NodeList cases = suites.getElementsByTagName("testcase");
        assertEquals(List.of("expect recursive-lock", "expect (none)"),
                List.of(((Element) cases.item(0)).getAttribute("name"), ((Element) cases.item(1)).getAttribute("name")));
        Element failure = (Element) suites.getElementsByTagName("failure").item(0);
        assertEquals("unmet-expectation", failure.getAttribute("type"), r.toString());
    }

    /** When the search stops early the report says what the graph pass found before it. */
    @Test
    void theTextReportEndsWithTheGraphPassLine() throws Exception {
        String cycle = file("cycle.vmlock", Scenarios.THREE_LOCK_CYCLE);
        Cli r = Cli.run("check", "--max-states", "5", cycle);
        assertTrue(r.out().endsWith("""

                states: 6 stored, 5 transitions, max depth 2
                graph pass (run first): 3 lock classes, 3 edges from 3 acquisition paths, 1 cycle (1 feasible, 0 dismissed), \
                0 declared-order violations
                """), r.out());
        Cli stats = Cli.run("check", "--stats", cycle);
        List<String> lines = stats.out().lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("graph pass \\(run first\\): 3 lock classes, 3 edges from 3 acquisition"
                + " paths, 1 cycle \\(1 feasible, 0 dismissed\\), 0 declared-order violations, [0-9]+\\.[0-9]{2} s"),
                stats.out());
        assertTrue(lines.get(lines.size() - 2).matches("time: [0-9]+\\.[0-9]{2} s, peak memory: [0-9,]+ MiB, state bytes: "
                + "[0-9,]+ \\([0-9]+\\.[0-9] per state\\)"), stats.out());
        assertTrue(!Cli.run("check", cycle).out().contains("graph pass"), "a complete search without --stats omits it");
    }
}
