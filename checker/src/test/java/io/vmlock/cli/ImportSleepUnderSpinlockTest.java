package io.vmlock.cli;

import static io.vmlock.cli.ImportMmuNotifierMapTest.head;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cycle whose closing link takes a mutex under a spinlock (jffs2's garbage collector before
 * 226bb7df3d22: alloc_sem under erase_completion_lock): the search stops that thread at its
 * sleep in atomic context, so the skeleton expects sleep-in-atomic, not the deadlock, and passes
 * its own test. Before, it expected the deadlock and failed it.
 */
class ImportSleepUnderSpinlockTest {
    @TempDir
    Path dir;

    private static String report(String closingLock) {
        return head("(&c->alloc_sem){+.+.+.}, at: [<c01f7714>] gc_pass+0x314/0x890",
                "(&(&c->erase_lock)->rlock){+.+...}, at: [<c01f7708>] gc_pass+0x308/0x890",
                "-> #1 (&(&c->erase_lock)->rlock){+.+...}:",
                "       _raw_spin_lock+0x3c/0x4c",
                "       gc_pass+0x4c/0x890",
                "",
                "-> #0 (&c->alloc_sem){+.+.+.}:",
                "       " + closingLock,
                "       gc_pass+0x314/0x890",
                "");
    }

    /** The skeleton of {@code report}: it must pass its own test. */
    private String skeletonPassingItsTest(String name, String report) throws Exception {
        Path skeleton = ImportMmuNotifierMapTest.imported(dir, name, report);
        String text = Files.readString(skeleton);
        ImportMmuNotifierMapTest.passesItsTest(skeleton, text);
        return text;
    }

    @Test
    void aMutexTakenUnderASpinlockIsExpectedAsSleepInAtomic() throws Exception {
        String text = skeletonPassingItsTest("gc.txt", report("mutex_lock_nested+0x74/0x33c"));
        assertTrue(text.contains("\nexpect sleep-in-atomic;"), text);
        assertFalse(text.contains("expect deadlock"), text);
        assertTrue(text.contains("link #0 takes &c->alloc_sem (a mutex, which may sleep) while holding the spinlock"), text);
    }

    /**
     * A journal handle started under a spinlock: start_this_handle() may wait for a commit, so the
     * search stops there too. Before, the skeleton expected the deadlock and failed its test.
     */
    @Test
    void aJournalHandleStartedUnderASpinlockIsExpectedAsSleepInAtomic() throws Exception {
        String report = head("(jbd2_handle){++++}-{0:0}, at: jbd2__journal_start+0x100/0x200",
                "(&(&ei->i_raw_lock)->rlock){+.+.}-{2:2}, at: drv_update+0x10/0x80",
                "-> #1 (&(&ei->i_raw_lock)->rlock){+.+.}-{2:2}:",
                "       _raw_spin_lock+0x3c/0x4c",
                "       drv_commit+0x4c/0x890",
                "",
                "-> #0 (jbd2_handle){++++}-{0:0}:",
                "       start_this_handle+0x1/0x2",
                "       jbd2__journal_start+0x100/0x200",
                "       drv_update+0x20/0x80",
                "");
        String text = skeletonPassingItsTest("handle.txt", report);
        assertTrue(text.contains("\nexpect sleep-in-atomic;"), text);
        assertTrue(text.contains("link #0 takes jbd2_handle (a journal handle, which may sleep) while holding the spinlock"),
                text);
    }

    /** The same chain with a spinlock closing it: no sleep, the deadlock as before. */
    @Test
    void aSpinlockTakenUnderASpinlockIsStillTheDeadlock() throws Exception {
        String text = skeletonPassingItsTest("spin.txt", report("_raw_spin_lock+0x3c/0x4c"));
        assertTrue(text.contains("\nexpect deadlock;"), text);
        assertFalse(text.contains("sleep-in-atomic"), text);
    }
}
