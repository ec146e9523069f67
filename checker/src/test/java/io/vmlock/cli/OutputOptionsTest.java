package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.report.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format}/{@code -o} pairing: each -o takes the format just before it; the rest go to stdout. */
class OutputOptionsTest {
    private static final String ABBA =
            Schemas.root().resolve("checker/src/test/resources/reports/deadlock-abba.vmlock").toString();

    @Test
    void aFormatWithoutOutputGoesToStdoutAndEachOutputTakesThePrecedingFormat(@TempDir Path dir) throws Exception {
        Path sarif = dir.resolve("vmlock.sarif");
        Path json = dir.resolve("sub/vmlock.json");
        Cli r = Cli.run("check", ABBA, "--format", "text", "--format", "sarif", "-o", sarif.toString(),
                "--format=json", "--output=" + json);
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        assertTrue(r.out().contains("1 deadlock") && r.out().contains("shortest trace"), r.out());
        assertTrue(Files.readString(sarif).contains("\"version\" : \"2.1.0\""));
        assertTrue(Files.readString(json).contains("\"schema\" : \"vmlock-report-1\""));
    }

    @Test
    void anOutputBeforeAnyFormatWritesText(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("out.txt");
        Cli r = Cli.run("check", ABBA, "-o", text.toString());
        assertEquals("", r.out());
        assertTrue(Files.readString(text).contains("deadlock-abba.vmlock: 1 deadlock\n"), Files.readString(text));
    }

    @Test
    void twoOutputsForOneFormatAndUnknownFormatsAreUsageErrors() {
        Cli twice = Cli.run("check", ABBA, "--format", "json", "-o", "a.json", "-o", "b.json");
        assertEquals(ExitCodes.INVALID_INPUT, twice.code());
        assertTrue(twice.err().contains("give a --format before each -o"), twice.err());
        Cli unknown = Cli.run("check", ABBA, "--format", "pdf");
        assertEquals(ExitCodes.INVALID_INPUT, unknown.code());
        assertTrue(unknown.err().contains("text|lockdep|json|dot|mermaid|sarif|junit|html"), unknown.err());
    }

    @Test
    void helpStatesThePairingRule() {
        Cli help = Cli.run("check", "--help");
        assertTrue(help.out().replaceAll("\\s+", " ").contains("Each -o FILE writes the --format given just before it"),
                help.out());
    }
}
