package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.report.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI gate end to end on a copy of a fixed scenario: reintroducing its deadlock fails both
 * {@code check --baseline} and {@code diff} with the new finding; moving lines and adding
 * comments keeps the fingerprint, so neither gate fires; renaming the procedure that takes the
 * lock is a different site, so it does.
 */
class BaselineAndDiffTest {
    private static final Path FIXED = Schemas.root().resolve("checker/src/test/resources/reports/abba-fixed.vmlock");
    /** sync_path taking sb_lock first again: the ABBA order the fix removed. */
    private static final String BROKEN_SYNC = """
            proc sync_path() {
                mutex_lock(sb_lock);
                mutex_lock(inode_lock);
                mutex_unlock(inode_lock);
                mutex_unlock(sb_lock);
            }""";

    @Test
    void reintroducingTheDeadlockFailsTheBaselineAndTheDiff(@TempDir Path dir) throws IOException {
        Path before = Files.createDirectories(dir.resolve("target-branch"));
        Path after = Files.createDirectories(dir.resolve("change"));
        Files.copy(FIXED, before.resolve("abba.vmlock"));
        Path edited = after.resolve("abba.vmlock");
        Files.writeString(edited, brokenVariant());
        Path baseline = dir.resolve("baseline.json");

        Cli written = Cli.run("check", before.resolve("abba.vmlock").toString(), "--write-baseline", baseline.toString());
        assertEquals(ExitCodes.CLEAN, written.code(), written.toString());
        Files.copy(edited, before.resolve("abba.vmlock"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Cli gated = Cli.run("check", before.resolve("abba.vmlock").toString(), "--baseline", baseline.toString());
        assertEquals(ExitCodes.FINDINGS, gated.code(), gated.toString());
        assertTrue(gated.err().contains("deadlock: renamer and syncer wait for each other"), gated.err());
        assertTrue(gated.err().contains("baseline: 1 new, 0 known, 0 gone"), gated.err());

        Files.copy(FIXED, before.resolve("abba.vmlock"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Cli diff = Cli.run("diff", before.toString(), after.toString());
        assertEquals(ExitCodes.FINDINGS, diff.code(), diff.toString());
        assertTrue(diff.out().contains("introduced deadlock: renamer and syncer wait for each other"), diff.out());
        assertTrue(diff.out().contains("+ lock order sb_lock -> inode_lock (thread syncer > sync_path"), diff.out());
        assertTrue(diff.out().contains("1 finding introduced, 0 fixed; 1 lock-order edge added, 0 removed"), diff.out());

        Cli fixing = Cli.run("diff", after.toString(), before.toString());
        assertEquals(ExitCodes.CLEAN, fixing.code(), "a fix introduces nothing: " + fixing);
        assertTrue(fixing.out().contains("fixed deadlock"), fixing.out());
    }

    @Test
    void anUnrelatedEditKeepsTheFingerprint(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("abba.vmlock");
        Files.writeString(file, brokenVariant());
        Path baseline = dir.resolve("baseline.json");
        assertEquals(ExitCodes.FINDINGS, Cli.run("check", file.toString(), "--write-baseline", baseline.toString()).code());
        String before = fingerprint(file, dir);

        Path old = Files.copy(file, dir.resolve("old.vmlock"));
        // comments added above, the threads moved before the procedures: every line number changes
        String moved = "// unrelated: a comment\n// and another\n\nthread renamer { rename_path(); }\n"
                + "thread syncer { sync_path(); }\n\n" + brokenVariant().replace("thread renamer { rename_path(); }\n", "")
                .replace("thread syncer { sync_path(); }\n", "");
        Files.writeString(file, moved);
        assertEquals(before, fingerprint(file, dir), "moving lines keeps the fingerprint");
        Cli gated = Cli.run("check", file.toString(), "--baseline", baseline.toString());
        assertEquals(ExitCodes.CLEAN, gated.code(), gated.toString());
        assertTrue(gated.err().contains("baseline: 0 new, 1 known, 0 gone"), gated.err());
        Cli diff = Cli.run("diff", old.toString(), file.toString());
        assertEquals(ExitCodes.CLEAN, diff.code(), diff.toString());
        assertTrue(diff.out().contains("0 findings introduced, 0 fixed; 0 lock-order edges added, 0 removed"), diff.out());

        Files.writeString(file, moved.replace("sync_path", "writeback_path"));
        assertNotEquals(before, fingerprint(file, dir), "another procedure taking the lock is another site");
        assertEquals(ExitCodes.FINDINGS, Cli.run("check", file.toString(), "--baseline", baseline.toString()).code());
    }

    private static String brokenVariant() throws IOException {
        String fixed = Files.readString(FIXED);
        int start = fixed.indexOf("proc sync_path()");
        int end = fixed.indexOf("}\n", start) + 1;
        return fixed.substring(0, start) + BROKEN_SYNC + fixed.substring(end).replace("expect clean;", "expect deadlock;");
    }

    private static String fingerprint(Path file, Path dir) throws IOException {
        Path json = dir.resolve("fp.json");
        Cli r = Cli.run("check", file.toString(), "--format", "json", "-o", json.toString());
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        return Schemas.parse(Files.readString(json)).at("/scenarios/0/findings/0/fingerprint").asText();
    }
}
