package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static String example(int n) {
        return Scenarios.root().resolve("examples/philosophers/philosophers" + n + ".vmlock").toString();
    }

    @Test
    void aLimitHitIsIncompleteWithExitThreeAndTheCountsReached() {
        Run r = run("check", "--max-states", "10", example(6));
        assertEquals(ExitCodes.INCOMPLETE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains(": incomplete: --max-states 10 reached"), r.out());
        assertTrue(r.out().contains("states: "), r.out());
    }

    @Test
    void testFailsAnIncompleteSearchWithExitThree() {
        Run r = run("test", "--max-states", "10", example(6));
        assertEquals(ExitCodes.INCOMPLETE, r.code());
        assertTrue(r.out().contains("FAIL ") && r.out().contains("search incomplete"), r.out());
        assertTrue(r.out().endsWith("0 passed, 1 failed\n") || r.out().endsWith("0 passed, 1 failed\r\n"), r.out());
    }

    @Test
    void reportsAreByteIdenticalAcrossRuns() {
        Run first = run("check", example(5));
        Run second = run("check", example(5));
        assertEquals(ExitCodes.FINDINGS, first.code());
        assertEquals(first.out(), second.out());
        Run lockdep = run("check", "--format", "lockdep", example(4));
        assertEquals(lockdep.out(), run("check", "--format", "lockdep", example(4)).out());
    }

    @Test
    void exitCodesSayCleanFindingsAndInvalidInput(@TempDir Path dir) throws IOException {
        Path clean = Files.writeString(dir.resolve("clean.vmlock"), "mutex m;\nthread t { mutex_lock(m); mutex_unlock(m); }\nexpect clean;\n");
        Path bad = Files.writeString(dir.resolve("bad.vmlock"), "thread t { mutex_lock(; }\n");
        Run ok = run("check", clean.toString());
        assertEquals(ExitCodes.CLEAN, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().endsWith(": clean\n"), ok.out());
        assertEquals(ExitCodes.INVALID_INPUT, run("check", bad.toString()).code());
        assertEquals(ExitCodes.CLEAN, run("test", clean.toString()).code());
    }

    @Test
    void testComparesFindingsWithExpectClauses(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.vmlock"), "mutex m;\nthread t { mutex_lock(m); }\nexpect lock-held-at-exit;\n");
        Files.writeString(dir.resolve("b.vmlock"), "mutex m;\nthread t { mutex_lock(m); }\nexpect clean;\n");
        Files.writeString(dir.resolve("c.vmlock"), "mutex m;\nthread t { either { mutex_lock(m); } or { } mutex_unlock(m); }\nexpect deadlock;\n");
        Files.writeString(dir.resolve("lib.vmlock"), "mutex m;\nproc p() { mutex_lock(m); }\n");
        Run r = run("test", dir.toString());
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[0].startsWith("PASS ") && lines[0].endsWith("a.vmlock (lock-held-at-exit)"), lines[0]);
        assertTrue(lines[1].endsWith("b.vmlock: expected clean, got lock-held-at-exit"), lines[1]);
        assertTrue(lines[2].endsWith("c.vmlock: expected deadlock, no unlock-not-held, got unlock-not-held"), lines[2]);
        assertEquals("1 passed, 2 failed", lines[3]);
        assertEquals(ExitCodes.FINDINGS, r.code());
    }
}
