package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.report.Schemas;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option values in range, file names shown safely in every format, and messages that say why. */
class OptionsAndNamesTest {
    private static final String GOOD = InvalidInputReportsTest.GOOD;

    @Test
    void optionValuesOutOfRangeAreUsageErrorsThatSayWhy(@TempDir Path dir) throws Exception {
        String f = Files.writeString(dir.resolve("s.vmlock"), GOOD).toString();
        Map<List<String>, String> cases = Map.of(
                List.of("--threads", "100000"), "--threads is from 1 to 256, not 100000",
                List.of("--threads", "0"), "--threads is from 1 to 256, not 0",
                List.of("--threads", "99999999999999999999"), "'99999999999999999999' is too large",
                List.of("--max-states", "-1"), "--max-states must be at least 1, not -1",
                List.of("--max-seconds", "0"), "--max-seconds must be at least 1, not 0",
                List.of("--max-memory", "-5"), "--max-memory must be at least 1, not -5",
                List.of("--max-memory", "9223372036854775807"), "--max-memory 9223372036854775807 is too large",
                List.of("--max-memory", "99999999999999999999"), "'99999999999999999999' is too large",
                List.of("--max-states", "ten"), "'ten' is not a whole number");
        for (var c : cases.entrySet()) {
            for (String command : List.of("check", "test")) {
                String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of(command, f), c.getKey().stream())
                        .toArray(String[]::new);
                Cli r = Cli.run(args);
                assertEquals(ExitCodes.INVALID_INPUT, r.code(), c.getKey() + ": " + r);
                assertTrue(r.err().contains(c.getValue()), c.getKey() + ": " + r.err());
            }
        }
        Cli order = Cli.run("order", "--solver-seconds", "-3", f);
        assertEquals(ExitCodes.INVALID_INPUT, order.code());
        assertTrue(order.err().contains("--solver-seconds must be at least 1, not -3"), order.err());
        assertEquals(ExitCodes.CLEAN, Cli.run("check", f, "--threads", "256", "--max-memory", "16777216").code());
    }

    /**
     * A cap past any heap, up to and past where MiB to bytes overflows a long (2^43 MiB) or the
     * value itself does: a usage error that says the bound, never a negative or wrapped cap.
     */
    @Test
    void aHugeMaxMemoryIsAUsageErrorNeverAWrappedCap(@TempDir Path dir) throws Exception {
        String f = Files.writeString(dir.resolve("s.vmlock"), GOOD).toString();
        for (String huge : List.of("16777217", "99999999999", "8796093022207", "8796093022208", "9223372036854775807")) {
            for (String command : List.of("check", "test")) {
                Cli r = Cli.run(command, f, "--max-memory", huge);
                assertEquals(ExitCodes.INVALID_INPUT, r.code(), huge + ": " + r);
                assertEquals("vmlock " + command + ": --max-memory " + huge
                        + " is too large (at most 16777216 MiB, 16 TiB)", r.err().lines().findFirst().orElse(""), huge);
                assertEquals("", r.out(), huge);
            }
        }
        for (String beyondLong : List.of("9223372036854775808", "18446744073709551616")) {
            Cli r = Cli.run("check", f, "--max-memory", beyondLong);
            assertEquals(ExitCodes.INVALID_INPUT, r.code(), beyondLong + ": " + r);
            assertTrue(r.err().contains("'" + beyondLong + "' is too large"), r.err());
            assertFalse(r.err().contains("-1 MiB"), r.err());
        }
    }

    @Test
    void controlCharactersInFileNamesAreEscapedInEveryFormat(@TempDir Path dir) throws Exception {
        String name = "ctl\u001b[31mred\u0001\u202e.vmlock";
        Path f = Files.writeString(dir.resolve(name), "mutex m;\nthread t { mutex_lock(m); }\n");
        String shown = "ctl\\x1b[31mred\\x01\\u202e.vmlock";
        for (String format : List.of("text", "lockdep", "json", "sarif", "junit", "html", "dot", "mermaid")) {
            Path out = dir.resolve("report." + format);
            Cli r = Cli.run("check", f.toString(), "--format", format, "-o", out.toString());
            assertEquals(ExitCodes.FINDINGS, r.code(), format + ": " + r);
            String text = Files.readString(out);
            assertTrue(text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == 0x202e),
                    format + " holds a control character:\n" + text);
            // JSON escapes the backslash again; SARIF has the name only in percent-encoded URIs
            String expected = format.equals("json") ? shown.replace("\\", "\\\\") : shown;
            if (List.of("text", "lockdep", "json", "junit", "html").contains(format)) {
                assertTrue(text.contains(expected), format + ":\n" + text);
            }
        }
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("report.junit").toFile());
        Schemas.assertValid(Schemas.sarif(), Files.readString(dir.resolve("report.sarif")), "sarif");
        Schemas.assertValid(Schemas.report(), Files.readString(dir.resolve("report.json")), "json");
    }

    @Test
    void controlCharactersInAnInvalidFilesNameKeepJunitValid(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("bad\u0007.vmlock"), "thread t { x(; }\n");
        Path out = dir.resolve("j.xml");
        Cli r = Cli.run("check", f.toString(), "--format", "junit", "-o", out.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.toString());
        assertFalse(r.err().contains("\u0007"), r.err());
        assertTrue(r.err().contains("bad\\x07.vmlock:1:14: error:"), r.err());
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
    }

    @Test
    void aBackslashInAFileNameStaysABackslash(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("back\\slash.vmlock"), "mutex m;\nthread t { mutex_lock(m); }\n");
        for (String format : List.of("text", "json", "sarif", "junit", "html")) {
            Cli r = Cli.run("check", f.toString(), "--format", format);
            assertTrue(r.out().contains("back\\slash") || r.out().contains("back\\\\slash")
                    || r.out().contains("back%5Cslash"), format + ":\n" + r.out());
            assertFalse(r.out().contains("back/slash") || r.out().contains("back.slash"), format + ":\n" + r.out());
        }
    }

    @Test
    void aNonAsciiFileNameAndImportWork(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("modèle.vmlock"), "mutex m;\n");
        Path f = Files.writeString(dir.resolve("scénario.vmlock"),
                "import \"modèle\";\nthread t { mutex_lock(m); mutex_unlock(m); }\n");
        Cli r = Cli.run("check", f.toString());
        assertEquals(ExitCodes.CLEAN, r.code(), r.toString());
        assertTrue(r.out().contains("scénario.vmlock: clean"), r.out());
    }

    @Test
    void standardInputOverTheSizeLimitIsInvalidInput() {
        byte[] big = new byte[(16 << 20) + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        int code = Main.run(new String[] {"check", "-"}, new ByteArrayInputStream(big), new java.io.PrintWriter(out),
                new java.io.PrintWriter(err));
        assertEquals(ExitCodes.INVALID_INPUT, code, err.toString());
        assertTrue(err.toString().contains("<stdin>:1:1: error: [unreadable-file] cannot read '<stdin>': larger than 16 MiB"),
                err.toString());
    }

    @Test
    void messagesSayWhyAFileCannotBeWrittenOrRead(@TempDir Path dir) throws Exception {
        String f = Files.writeString(dir.resolve("s.vmlock"), GOOD).toString();
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
        Cli write = Cli.run("check", f, "-o", blocker.resolve("r.txt").toString());
        assertEquals(ExitCodes.INVALID_INPUT, write.code(), write.toString());
        assertTrue(write.err().startsWith("vmlock: cannot write " + blocker.resolve("r.txt") + ": "), write.err());
        assertFalse(write.err().trim().endsWith(blocker.resolve("r.txt").toString()), "the reason is not the name again");
        Path baseline = Files.write(dir.resolve("b.json"), new byte[] {'{', (byte) 0xff, '}'});
        Cli read = Cli.run("check", f, "--baseline", baseline.toString());
        assertEquals(ExitCodes.INVALID_INPUT, read.code(), read.toString());
        assertTrue(read.err().contains("cannot read baseline " + baseline + ": not valid UTF-8 at byte 1"), read.err());
        assertFalse(read.err().contains("Input length"), read.err());
    }

    @Test
    void aFileNameTheJvmCannotEncodeIsAClearUsageError() {
        // U+D800 alone can never be encoded, whatever the platform's file name encoding
        Cli r = Cli.run("check", "bad\ud800.vmlock");
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("cannot be a file name in this JVM's file name encoding"), r.err());
        assertTrue(r.err().contains("LC_ALL=C.UTF-8"), r.err());
        assertFalse(r.err().contains("InvalidPathException"), r.err());
    }
}
