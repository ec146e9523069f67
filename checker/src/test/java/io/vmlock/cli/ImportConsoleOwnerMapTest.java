package io.vmlock.cli;

import static io.vmlock.cli.ImportMmuNotifierMapTest.head;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * printk's {@code console_owner} map stands for a console driver's write, as the MMU notifier map
 * stands for the notifiers' callbacks: a link that takes it is a console flush (linux/printk's
 * {@code console_unlock()}), a link that holds it is the driver's write, which the skeleton binds
 * as {@code console_write()}. Nobody waits on the map, so the search finds the cycle the driver's
 * own lock closes (corpus 96).
 */
class ImportConsoleOwnerMapTest {
    private static final String MAP = "console_owner";
    /** Entry #1: a driver's port lock taken in its console write, under the map. */
    private static final String IN_WRITE = String.join("\n", "-> #1 (&drv->port_lock){-.-.}-{2:2}:",
            "       _raw_spin_lock_irqsave+0x76/0xb0", "       drv_console_write+0xf5/0x1b10",
            "       console_flush_all+0x4fd/0x9d0", "       console_unlock+0x99/0x230", "");

    @TempDir
    Path dir;

    /**
     * {@code &a->lock} held across a printk (the map taken), the driver's write taking its port
     * lock under the map, and the port lock held while {@code &a->lock} is taken.
     */
    @Test
    void theMapIsAFlushOrTheDriversWriteAndTheSearchFindsTheDeadlockWithoutIt() throws Exception {
        Path skeleton = imported("three.txt", head("(" + MAP + "){-...}-{0:0}, at: console_flush_all+0xd9/0x9d0",
                "(&a->lock){-.-.}-{2:2}, at: drv_free+0x2e/0x70",
                "-> #2 (&a->lock){-.-.}-{2:2}:",
                "       _raw_spin_lock_irqsave+0x76/0xb0",
                "       drv_alloc+0x3a/0x110",
                "       drv_handle_irq+0x34a/0xb10",
                "",
                IN_WRITE,
                "-> #0 (" + MAP + "){-...}-{0:0}:",
                "       console_flush_all+0x482/0x9d0",
                "       vprintk_emit+0x3b6/0x650",
                "       _printk+0x59/0x7b",
                "       drv_free+0x3d/0x70",
                ""));
        String text = Files.readString(skeleton);
        assertTrue(text.contains("\nproc console_write() {  // the console driver's ->write, under console_owner\n"
                + "    // #1: &drv->port_lock taken under " + MAP + "\n    spin_lock(drv_port_lock);\n"
                + "    spin_unlock(drv_port_lock);\n}\n"), text);
        assertTrue(text.contains("    console_unlock();  // lockdep's console_owner map"), text);
        // link #0 flushes under &a->lock: the write's link gets no flush thread of its own, whose
        // cycle through the map would stand beside the real one
        assertTrue(text.contains("// no thread of its own: link #0's console_unlock() runs the driver's write"), text);
        assertFalse(text.contains("lock_map_acquire("), text);
        assertTrue(text.contains("\nexpect deadlock;"), text);
        ImportMmuNotifierMapTest.passesItsTest(skeleton, text);
        Cli checked = Cli.run("check", skeleton.toString());
        // the wait is on the driver's lock: nobody waits on the map
        assertFalse(checked.out().contains("waits for console_owner"), checked.out());
    }

    /** The driver's write takes the lock the flushing task holds: vmlock runs the write in that thread. */
    @Test
    void aWriteTakingTheFlushersOwnLockIsARecursion() throws Exception {
        Path skeleton = imported("two.txt", head("(" + MAP + "){-...}-{0:0}, at: console_flush_all+0xd9/0x9d0",
                "(&drv->port_lock){-.-.}-{2:2}, at: drv_set_termios+0x10/0x80",
                IN_WRITE,
                "-> #0 (" + MAP + "){-...}-{0:0}:",
                "       console_flush_all+0x482/0x9d0",
                "       vprintk_emit+0x3b6/0x650",
                "       _printk+0x59/0x7b",
                "       drv_set_termios+0x20/0x80",
                ""));
        String text = Files.readString(skeleton);
        assertTrue(text.contains("\nexpect recursive-lock;"), text);
        assertTrue(text.contains("vmlock runs the console driver's write in the flushing thread, which holds "
                + "&drv->port_lock and takes it again in the console driver's write."), text);
        ImportMmuNotifierMapTest.passesItsTest(skeleton, text);
    }

    private Path imported(String name, String report) throws Exception {
        return ImportMmuNotifierMapTest.imported(dir, name, report);
    }
}
