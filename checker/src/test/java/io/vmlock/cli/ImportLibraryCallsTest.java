package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A chain entry whose stack names a library procedure that takes the entry's lock calls that
 * procedure (with the state it takes the lock under), and the skeleton still meets the verdict
 * the report implies. The reports are written in lockdep's format around each procedure.
 */
class ImportLibraryCallsTest {
    @TempDir
    Path dir;

    private static String report(String newClass, String newUsage, String frames) {
        return String.join("\n",
                "======================================================",
                "WARNING: possible circular locking dependency detected",
                "------------------------------------------------------",
                "writer/100 is trying to acquire lock:",
                "ffff888000000001 (&sbi->s_lock){+.+.}-{4:4}, at: fs_write+0x10/0x20",
                "",
                "but task is already holding lock:",
                "ffff888000000002 (" + newClass + "){" + newUsage + "}-{4:4}, at: fs_write+0x10/0x20",
                "",
                "which lock already depends on the new lock.",
                "",
                "the existing dependency chain (in reverse order) is:",
                "",
                "-> #1 (" + newClass + "){" + newUsage + "}-{4:4}:",
                frames.replace(";", "\n"),
                "",
                "-> #0 (&sbi->s_lock){+.+.}-{4:4}:",
                "       __mutex_lock+0x10/0x20",
                "       fs_write+0x10/0x20",
                "");
    }

    /**
     * A link's held lock is held in that link's own mode: the link that takes the s_lock holds a
     * handle (the journal's read hold), however the committing link takes the journal.
     */
    @Test
    void aHandleHolderStartsAHandleWhileAnotherLinkCommits() throws Exception {
        Path report = dir.resolve("commit.txt");
        Files.writeString(report, report("jbd2_handle", "++++",
                "       jbd2_journal_commit_transaction+0x10/0x20;       kjournald2+0x10/0x20"));
        Cli imported = Cli.run("import", "lockdep", report.toString());
        assertEquals(ExitCodes.CLEAN, imported.code(), imported.toString());
        String holder = imported.out().substring(imported.out().indexOf("thread chain_0 {"));
        assertTrue(holder.startsWith("thread chain_0 {\n    jbd2__journal_start();\n    mutex_lock(sbi_s_lock);\n"),
                imported.out());
        assertTrue(holder.contains("    jbd2__journal_stop();\n}"), imported.out());
    }

    /**
     * A blocked task calls the outermost library procedure its stack names (kjournald2() loops
     * forever, so the commit it runs is called) and still hangs.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jbd2_journal_commit_transaction|bit_wait_io;jbd2_journal_commit_transaction;kjournald2;kthread|linux/jbd2",
        "ext4_writepages|jbd2_log_wait_commit;start_this_handle;jbd2__journal_start;ext4_writepages;do_writepages"
                + "|linux/ext4",
    })
    void aBlockedTaskCallsTheProcedureItsStackNamesAndStillHangs(String procedure, String frames, String model)
            throws Exception {
        StringBuilder report = new StringBuilder("INFO: task worker:42 blocked for more than 120 seconds.\n"
                + "worker          D    0    42      2 0x80004000\nCall Trace:\n");
        for (String f : frames.split(";")) report.append(' ').append(f).append("+0x10/0x20\n");
        Path file = dir.resolve(procedure + ".txt");
        Files.writeString(file, report.toString());
        Path skeleton = dir.resolve(procedure + ".vmlock");
        Cli imported = Cli.run("import", "lockdep", file.toString(), "-o", skeleton.toString());
        assertEquals(ExitCodes.CLEAN, imported.code(), imported.toString());
        String text = Files.readString(skeleton);
        assertTrue(text.contains("import \"" + model + "\";"), text);
        assertTrue(text.contains("thread worker {\n    " + procedure + "();  // the stack's " + procedure + "()"), text);
        assertTrue(text.contains("expect hang;"), text);
        Cli tested = Cli.run("test", skeleton.toString());
        assertEquals(ExitCodes.CLEAN, tested.code(), tested + "\n" + text);
        assertTrue(tested.out().startsWith("PASS"), tested.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jbd2_journal_commit_transaction|jbd2_handle|++++|"
                + "       jbd2_journal_commit_transaction+0x10/0x20;       kjournald2+0x10/0x20|"
                + "jbd2_journal_commit_transaction();",
        "ext4_map_blocks|&ei->i_data_sem|++++|"
                + "       down_write+0x10/0x20;       ext4_map_blocks+0x10/0x20;       ext4_writepages+0x10/0x20|"
                + "ext4_map_blocks(P0);",
        "filemap_fault|mapping.invalidate_lock|++++|"
                + "       down_read+0x10/0x20;       filemap_fault+0x10/0x20;       __do_fault+0x10/0x20|"
                + "filemap_fault(P0, false);",
    })
    void theChainEntryCallsTheProcedureAndTheSkeletonDeadlocks(String procedure, String newClass, String usage,
                                                               String frames, String call) throws Exception {
        Path report = dir.resolve(procedure + ".txt");
        Files.writeString(report, report(newClass, usage, frames));
        Path skeleton = dir.resolve(procedure + ".vmlock");
        Cli imported = Cli.run("import", "lockdep", report.toString(), "-o", skeleton.toString());
        assertEquals(ExitCodes.CLEAN, imported.code(), imported.toString());
        String text = Files.readString(skeleton);
        assertTrue(text.contains("    " + call + "  // takes "), text);
        assertTrue(text.contains("expect deadlock;"), text);
        Cli tested = Cli.run("test", skeleton.toString());
        assertEquals(ExitCodes.CLEAN, tested.code(), tested + "\n" + text);
        assertTrue(tested.out().startsWith("PASS"), tested.toString());
    }
}
