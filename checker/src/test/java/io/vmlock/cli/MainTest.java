package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, through {@link Main#run}: exit codes, where output goes, never a stack trace. */
class MainTest {
    record Run(int code, String out, String err) {
        void assertNoStackTrace() {
            for (String s : List.of(out, err)) {
                assertFalse(s.contains("Exception") || s.contains("\tat ") || s.contains("vmlock: internal error"), s);
            }
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        Run r = new Run(code, out.toString(), err.toString());
        r.assertNoStackTrace();
        return r;
    }

    static String file(Path dir, String name, String text) {
        Path p = dir.resolve(name);
        TestFiles.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p.toString();
    }

    private static String golden(String name) {
        return TestFiles.parseGoldens().resolve(name).toString();
    }

    @Test
    void aValidCleanScenarioExitsZero(@TempDir Path dir) {
        String f = file(dir, "ok.vmlock", "mutex a;\nthread t { mutex_lock(a); mutex_unlock(a); }\n");
        Run r = run("check", f);
        assertEquals(ExitCodes.CLEAN, r.code(), r.err());
        assertTrue(r.out().contains("ok.vmlock: clean"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void aScenarioWithFindingsExitsOne() {
        Run r = run("check", golden("worked-example.vmlock"));
        assertEquals(ExitCodes.FINDINGS, r.code(), r.err());
        assertTrue(r.out().contains("worked-example.vmlock: 1 recursive-lock"), r.out());
    }

    @Test
    void invalidInputExitsTwoWithEveryErrorOnStderr(@TempDir Path dir) {
        String f = file(dir, "bad.vmlock", "mutex sb_lock;\nthread t {\n    down_read(sb_lock);\n    foo();\n}\n");
        Run r = run("check", f);
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains(":3:15: error: [wrong-lock-kind] down_read needs an rwsem, but 'sb_lock' is a mutex"),
                r.err());
        assertTrue(r.err().contains(":4:5: error: [unknown-procedure]"), r.err());
        assertTrue(r.err().contains("    3 |     down_read(sb_lock);\n      |               ^~~~~~~\n"), r.err());
    }

    @Test
    void theWorstFileDecidesTheExitCode(@TempDir Path dir) {
        String bad = file(dir, "bad.vmlock", "thread t { x = 1; }\n");
        Run r = run("check", golden("worked-example.vmlock"), bad);
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.out().contains("worked-example.vmlock: 1 recursive-lock"), r.out());
        assertTrue(r.err().contains("[undeclared-name] 'x' is not declared"), r.err());
    }

    @Test
    void aWarningAloneStillExitsZero(@TempDir Path dir) {
        Run r = run("parse", file(dir, "lib.vmlock", "mutex m;\n"));
        assertEquals(ExitCodes.CLEAN, r.code());
        assertTrue(r.err().contains("warning: [no-threads]"), r.err());
    }

    @Test
    void aScenarioWithoutThreadsIsAnErrorUnderCheckAndTest(@TempDir Path dir) {
        String lib = file(dir, "lib.vmlock", "mutex m;\n");
        for (String command : List.of("check", "test")) {
            Run r = run(command, lib);
            assertEquals(ExitCodes.INVALID_INPUT, r.code(), command + ": " + r.err());
            assertTrue(r.err().contains("lib.vmlock:1:1: error: [no-threads] '") && r.err().contains("declares no thread"),
                    r.err());
        }
    }

    @Test
    void importsAreFoundThroughDashI(@TempDir Path dir) {
        file(dir, "inc/linux/sb.vmlock", "mutex sb_lock;\n");
        String main = file(dir, "main/t.vmlock", "import \"linux/sb\";\nthread t { mutex_lock(sb_lock); mutex_unlock(sb_lock); }\n");
        assertEquals(ExitCodes.INVALID_INPUT, run("check", main).code());
        assertEquals(ExitCodes.CLEAN, run("check", "-I", dir.resolve("inc").toString(), main).code());
        assertEquals(ExitCodes.CLEAN, run("check", "--models", dir.resolve("inc").toString(), main).code());
    }

    @Test
    void parseDumpsTheTreeOfTheFileAndItsImports() {
        Run r = run("parse", "--dump-ast", golden("decl-import.vmlock"));
        assertEquals(ExitCodes.CLEAN, r.code(), r.err());
        assertTrue(r.out().contains("import-lib.vmlock\n  Decl.ObjectDecl kind=MUTEX name=sb_lock"), r.out());
        assertTrue(r.out().contains("decl-import.vmlock\n  Decl.Import target=\"import-lib\""), r.out());
        assertTrue(r.out().indexOf("import-lib.vmlock\n") < r.out().indexOf("decl-import.vmlock\n"), "imports first");
    }

    @Test
    void aMissingFileIsInvalidInput(@TempDir Path dir) {
        Run r = run("check", dir.resolve("nowhere.vmlock").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("error: [unreadable-file] cannot read"), r.err());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    void helpListsTheExitCodes() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Exit codes:"), r.out());
        for (String line : List.of("  0   clean", "  1   findings", "  2   invalid input", "  3   incomplete: a limit",
                "  70  internal error")) {
            assertTrue(r.out().contains(line), "--help lacks '" + line + "':\n" + r.out());
        }
        assertTrue(r.out().contains("check") && r.out().contains("parse"), r.out());
    }

    @Test
    void commandHelpAndVersionExitZero() {
        assertEquals(0, run("check", "--help").code());
        assertEquals(0, run("help", "parse").code());
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("vmlock "), v.out());
    }

    @Test
    void usageErrorsExitTwo() {
        for (String[] args : List.of(new String[] {"--frobnicate"}, new String[] {"check", "--frobnicate", "x"},
                new String[] {}, new String[] {"check"}, new String[] {"frobnicate"}, new String[] {"parse", "a", "b"})) {
            Run r = run(args);
            assertEquals(ExitCodes.INVALID_INPUT, r.code(), String.join(" ", args) + ": " + r.err());
            assertFalse(r.err().isBlank(), String.join(" ", args));
        }
    }

    @Test
    void hostileInputGivesDiagnosticsNotStackTraces(@TempDir Path dir) {
        List<byte[]> inputs = List.of(new byte[0], new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe},
                "(".repeat(10_000).getBytes(StandardCharsets.UTF_8),
                ("invariant " + "!".repeat(100_000) + "true;").getBytes(StandardCharsets.UTF_8),
                "\uFEFFthread t { }\r\n".getBytes(StandardCharsets.UTF_8),
                "thread t { x = \"unterminated }".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < inputs.size(); i++) {
            Path p = dir.resolve("h" + i + ".vmlock");
            TestFiles.write(p, inputs.get(i));
            Run r = run("check", p.toString());
            assertTrue(r.code() == ExitCodes.CLEAN || r.code() == ExitCodes.INVALID_INPUT, "input " + i + ": " + r.err());
        }
    }
}
