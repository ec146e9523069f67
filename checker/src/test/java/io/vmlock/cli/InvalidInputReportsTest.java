package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlock.report.Schemas;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every input in every report: a file that cannot be checked is never missing from JUnit, SARIF, JSON or HTML. */
class InvalidInputReportsTest {
    static final String GOOD = "mutex m;\nthread t { mutex_lock(m); mutex_unlock(m); }\nexpect clean;\n";
    static final String BAD = "mutex m;\nthread t { mutex_lock(; }\n";

    /** good, huge (over the size limit) and bad, in that order. */
    static List<String> threeFiles(Path dir) throws Exception {
        Files.writeString(dir.resolve("good.vmlock"), GOOD);
        Files.write(dir.resolve("huge.vmlock"), new byte[17 << 20]);
        Files.writeString(dir.resolve("bad.vmlock"), BAD);
        return List.of(dir.resolve("good.vmlock").toString(), dir.resolve("huge.vmlock").toString(),
                dir.resolve("bad.vmlock").toString());
    }

    static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void junitOfCheckReportsEveryFile(@TempDir Path dir) throws Exception {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(threeFiles(dir));
        args.addAll(List.of("--format", "junit", "-o", dir.resolve("j.xml").toString()));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.toString());
        Element suites = xml(dir.resolve("j.xml")).getDocumentElement();
        assertEquals("3", suites.getAttribute("tests"));
        assertEquals("2", suites.getAttribute("errors"));
        NodeList errors = suites.getElementsByTagName("error");
        assertEquals(2, errors.getLength());
        String huge = ((Element) errors.item(0)).getAttribute("message");
        assertTrue(huge.contains("huge.vmlock:1:1: error: [unreadable-file]") && huge.contains("larger than 16 MiB"), huge);
        assertTrue(((Element) errors.item(1)).getAttribute("message").contains("bad.vmlock:2:23: error: [syntax-error]"));
        assertEquals("invalid-input", ((Element) errors.item(1)).getAttribute("type"));
    }

    @Test
    void junitOfTestAgreesWithItsSummary(@TempDir Path dir) throws Exception {
        threeFiles(dir);
        Path junit = dir.resolve("out/j.xml");
        Cli r = Cli.run("test", dir.toString(), "--format", "junit", "-o", junit.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.toString());
        assertTrue(r.out().contains("1 passed, 2 failed"), r.out());
        Element suites = xml(junit).getDocumentElement();
        assertEquals("3", suites.getAttribute("tests"));
        int failedCases = Integer.parseInt(suites.getAttribute("failures")) + Integer.parseInt(suites.getAttribute("errors"));
        assertEquals(2, failedCases);
    }

    @Test
    void sarifSaysTheRunFailedAndWhere(@TempDir Path dir) throws Exception {
        List<String> files = threeFiles(dir);
        Cli r = Cli.run("check", files.get(2), files.get(0), "--format", "sarif");
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.toString());
        JsonNode log = Schemas.assertValid(Schemas.sarif(), r.out(), "sarif with an invalid input");
        JsonNode invocation = log.at("/runs/0/invocations/0");
        assertFalse(invocation.get("executionSuccessful").asBoolean());
        JsonNode note = invocation.at("/toolExecutionNotifications/0");
        assertEquals("error", note.get("level").asText());
        assertEquals("syntax-error", note.at("/descriptor/id").asText());
        assertTrue(note.at("/message/text").asText().contains("bad.vmlock: invalid input"), note.toString());
        JsonNode region = note.at("/locations/0/physicalLocation/region");
        assertEquals(2, region.get("startLine").asInt());
        assertEquals(23, region.get("startColumn").asInt());
        assertTrue(note.at("/locations/0/physicalLocation/artifactLocation/uri").asText().endsWith("bad.vmlock"));
    }

    @Test
    void sarifOfAValidRunStillSucceeds(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("check", threeFiles(dir).get(0), "--format", "sarif");
        assertEquals(ExitCodes.CLEAN, r.code(), r.toString());
        assertTrue(Schemas.parse(r.out()).at("/runs/0/invocations/0/executionSuccessful").asBoolean());
    }

    @Test
    void jsonListsInvalidInputsWithTheirErrors(@TempDir Path dir) throws Exception {
        List<String> files = threeFiles(dir);
        Cli r = Cli.run("check", files.get(0), files.get(2), "--format", "json");
        JsonNode json = Schemas.assertValid(Schemas.report(), r.out(), "json with an invalid input");
        assertEquals(1, json.get("scenarios").size());
        JsonNode bad = json.at("/invalidInputs/0");
        assertTrue(bad.get("file").asText().endsWith("bad.vmlock"), bad.toString());
        assertEquals("invalid", bad.get("verdict").asText());
        assertEquals("syntax-error", bad.at("/errors/0/code").asText());
        assertEquals(2, bad.at("/errors/0/location/line").asInt());
        Cli clean = Cli.run("check", files.get(0), "--format", "json");
        assertFalse(Schemas.parse(clean.out()).has("invalidInputs"), "a valid run's report is as it was");
    }

    @Test
    void htmlListsInvalidInputsWithTheirErrors(@TempDir Path dir) throws Exception {
        List<String> files = threeFiles(dir);
        Cli r = Cli.run("check", files.get(0), files.get(2), "--format", "html");
        assertTrue(r.out().contains("<span class=\"badge invalid\">invalid</span>"), r.out());
        assertTrue(r.out().contains("<pre class=\"errors\">") && r.out().contains("[syntax-error] unexpected &#39;;&#39;"),
                r.out());
    }

    @Test
    void aScenarioWithoutThreadsIsAnErrorInTheReports(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("empty.vmlock"), "mutex m;\nexpect clean;\n");
        Cli r = Cli.run("test", dir.toString(), "--format", "junit");
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.toString());
        assertTrue(r.out().contains("FAIL " + dir.resolve("empty.vmlock") + ": invalid input"), r.out());
        assertTrue(r.out().contains("[no-threads]"), r.out());
        assertTrue(r.err().contains("error: [no-threads]"), r.err());
    }

    @Test
    void aModelLibraryInAFolderIsSkippedAndSaidSo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lib.vmlock"), "mutex m;\n");
        Files.writeString(dir.resolve("good.vmlock"), GOOD);
        for (String command : List.of("check", "test")) {
            Cli r = Cli.run(command, dir.toString());
            assertEquals(ExitCodes.CLEAN, r.code(), r.toString());
            assertTrue(r.err().contains("skipped " + dir.resolve("lib.vmlock") + ": a model library"), r.err());
        }
    }

    @Test
    void testExitCodesAreTheDocumentedOnes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("unmet.vmlock"), "mutex m;\nthread t { mutex_lock(m); }\nexpect clean;\n");
        Files.writeString(dir.resolve("bad.vmlock"), BAD);
        assertEquals(ExitCodes.FINDINGS, Cli.run("test", dir.resolve("unmet.vmlock").toString()).code());
        assertEquals(ExitCodes.INVALID_INPUT, Cli.run("test", dir.resolve("bad.vmlock").toString()).code());
        assertEquals(ExitCodes.INVALID_INPUT, Cli.run("test", dir.toString()).code(), "invalid input outranks an unmet clause");
        Cli missing = Cli.run("test", dir.resolve("nowhere").toString());
        assertEquals(ExitCodes.INVALID_INPUT, missing.code(), missing.toString());
        assertTrue(missing.out().contains("FAIL " + dir.resolve("nowhere") + ": invalid input"), missing.out());
        assertTrue(missing.err().contains("[unreadable-file] cannot read") && missing.err().contains("no such file"),
                missing.err());
    }

    @Test
    void checkOfAFolderChecksItsScenariosInSortedOrder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/z.vmlock"), GOOD);
        Files.writeString(dir.resolve("b/a.vmlock"), GOOD);
        Files.writeString(dir.resolve("c.vmlock"), GOOD);
        Files.writeString(dir.resolve("notes.txt"), "not a scenario");
        Cli r = Cli.run("check", dir.toString());
        assertEquals(ExitCodes.CLEAN, r.code(), r.toString());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].endsWith("b/a.vmlock: clean") && lines[1].endsWith("b/z.vmlock: clean")
                && lines[2].endsWith("c.vmlock: clean"), r.out());
        assertEquals(r.out(), Cli.run("check", dir.toString()).out());
    }

    @Test
    void dashReadsOneScenarioFromStandardInput() {
        Run stdin = run("mutex m;\nthread t { mutex_lock(m); }\n", "check", "-");
        assertEquals(ExitCodes.FINDINGS, stdin.code(), stdin.err());
        assertTrue(stdin.out().startsWith("<stdin>: 1 lock-held-at-exit"), stdin.out());
        Run bad = run("thread t { mutex_lock(; }\n", "test", "-");
        assertEquals(ExitCodes.INVALID_INPUT, bad.code(), bad.err());
        assertTrue(bad.out().contains("FAIL <stdin>: invalid input"), bad.out());
        assertTrue(bad.err().contains("<stdin>:1:23: error: [syntax-error]") && bad.err().contains("    1 | thread t"),
                bad.err());
        Run passed = run(GOOD, "test", "-");
        assertEquals(ExitCodes.CLEAN, passed.code(), passed.err());
        assertTrue(passed.out().startsWith("PASS <stdin> (clean)"), passed.out());
        Run twice = run(GOOD, "check", "-", "-");
        assertEquals(ExitCodes.INVALID_INPUT, twice.code());
        assertTrue(twice.err().contains("'-' (standard input) can be given once"), twice.err());
    }

    @Test
    void importsOfStandardInputResolveFromTheWorkingFolder() {
        // the working folder of the test run is checker/: its src/ holds no model, the models do
        Run r = run("import \"linux/nowhere\";\nthread t { }\n", "check", "-", "--models", "/nonexistent-models");
        assertTrue(r.err().contains("<stdin>:1:8: error: [missing-import]"), r.err());
        assertTrue(r.err().contains("note: looked in: ., "), r.err());
    }

    @Test
    void aFifoNamedExplicitlyIsRead(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, GOOD);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Cli r = Cli.run("test", fifo.toString());
        writer.join();
        assertEquals(ExitCodes.CLEAN, r.code(), r.toString());
        assertTrue(r.out().contains("PASS " + fifo + " (clean)"), r.out());
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out),
                new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }
}
