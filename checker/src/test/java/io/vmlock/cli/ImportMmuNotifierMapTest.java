package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lockdep's {@code mmu_notifier_invalidate_range_start} map stands for the registered notifiers'
 * callbacks, as {@code fs_reclaim} stands for reclaim: a link that takes it is an invalidation
 * (linux/rmap's {@code mmu_notifier_invalidate_range_start()}), a link that holds it is a callback,
 * which the skeleton binds as {@code mn_invalidate_range_start()}. Nobody waits on the map (a
 * {@code lockdep_map} in linux/rmap, as in the kernel), so the search finds the cycle the callbacks'
 * own locks close.
 */
class ImportMmuNotifierMapTest {
    private static final String MAP = "mmu_notifier_invalidate_range_start";
    /** A driver's notifier callback taking a mutex, as a chain entry's stack prints it. */
    private static final String IN_CALLBACK = String.join("\n", "       __mutex_lock+0x134/0xc70",
            "       drv_invalidate_range_start+0x71/0x110", "       __mmu_notifier_invalidate_range_start+0x25c/0x320",
            "       unmap_vmas+0x10c/0x200");
    /** Entry #1: the map taken by a registration, which lockdep primes as an invalidation. */
    private static final String REGISTERED = String.join("\n", "-> #1 (" + MAP + "){+.+.}-{0:0}:",
            "       __mmu_notifier_register+0x8c/0x320", "       drv_bind+0x1ef/0x280", "");

    @TempDir
    Path dir;

    /**
     * A driver whose callback takes its {@code &b->lock}, an invalidation under its {@code &a->lock}
     * (a registration, which lockdep primes as one), and {@code &a->lock} taken under
     * {@code &b->lock}, written in lockdep's format: {@code -> #N} is taken under {@code -> #N-1}.
     */
    private static String threeClasses() {
        return head("(&a->lock){+.+.}-{3:3}, at: drv_ioctl+0x10/0x80",
                "(&b->lock){+.+.}-{3:3}, at: drv_ioctl+0x08/0x80",
                "-> #2 (&b->lock){+.+.}-{3:3}:",
                IN_CALLBACK,
                "",
                REGISTERED,
                "-> #0 (&a->lock){+.+.}-{3:3}:",
                "       __mutex_lock+0x134/0xc70",
                "       drv_ioctl+0x10/0x80",
                "");
    }

    /** A circular report's lines down to its chain, then {@code chain}'s (ImportConsoleOwnerMapTest's too). */
    static String head(String acquiring, String holding, String... chain) {
        return String.join("\n", "======================================================",
                "WARNING: possible circular locking dependency detected",
                "------------------------------------------------------",
                "drv/100 is trying to acquire lock:", "ffff888000000001 " + acquiring, "",
                "but task is already holding lock:", "ffff888000000002 " + holding, "",
                "which lock already depends on the new lock.", "",
                "the existing dependency chain (in reverse order) is:", "", String.join("\n", chain));
    }

    /** The callback takes {@code &a->lock}, which the invalidating task holds. */
    private static String twoClasses() {
        return head("(&a->lock){+.+.}-{3:3}, at: drv_invalidate_range_start+0x71/0x110",
                "(" + MAP + "){+.+.}-{0:0}, at: unmap_vmas+0x10/0x200",
                REGISTERED,
                "-> #0 (&a->lock){+.+.}-{3:3}:",
                IN_CALLBACK,
                "");
    }

    @Test
    void theMapIsAnInvalidationOrACallbackAndTheSearchFindsTheDeadlockWithoutIt() throws Exception {
        Path skeleton = imported("three.txt", threeClasses());
        String text = Files.readString(skeleton);
        assertTrue(text.contains("\nproc mn_invalidate_range_start() {  // the registered MMU notifiers' "
                + "->invalidate_range_start\n    // #2: &b->lock taken under " + MAP + "\n    mutex_lock(b_lock);\n"
                + "    mutex_unlock(b_lock);\n}\n"), text);
        assertTrue(text.contains("thread chain_1 {\n    mutex_lock(a_lock);\n    mmu_notifier_invalidate_range_start();"),
                text);
        assertTrue(text.contains("thread chain_2 {\n    mmu_notifier_invalidate_range_start();"), text);
        assertFalse(text.contains("lock_map_acquire("), text);
        assertFalse(text.contains("_flushed"), text);
        assertTrue(text.contains("\nexpect deadlock;"), text);
        passesItsTest(skeleton, text);
        Cli checked = Cli.run("check", skeleton.toString());
        // the wait is on the callback's lock: nobody waits on the map
        assertTrue(checked.out().contains("holds a_lock and waits for b_lock"), checked.out());
        assertFalse(checked.out().contains("waits for mmu_notifier_invalidate_range_start_map"), checked.out());
    }

    /** The callback takes the lock the invalidating link holds: vmlock runs callbacks in that thread. */
    @Test
    void aCallbackTakingTheInvalidatorsOwnLockIsARecursion() throws Exception {
        Path skeleton = imported("two.txt", twoClasses());
        String text = Files.readString(skeleton);
        assertTrue(text.contains("\nexpect recursive-lock;"), text);
        assertTrue(text.contains("vmlock runs the MMU notifiers' callbacks in the invalidating thread, which holds "
                + "&a->lock and takes it again in a callback."), text);
        passesItsTest(skeleton, text);
    }

    /**
     * lockdep's drv_lock -> fs_reclaim -> mmu_notifier_invalidate_range_start -> drv_lock
     * (fs_reclaim_acquire() primes the map under fs_reclaim): reclaim's unmapping runs the
     * notifiers, so the allocation under the lock reaches the callback that takes it again.
     */
    @Test
    void reclaimEntersTheNotifiersInTurn() throws Exception {
        Path skeleton = imported("reclaim.txt", head("(&a->lock){+.+.}-{3:3}, at: drv_invalidate_range_start+0x71/0x110",
                "(" + MAP + "){+.+.}-{0:0}, at: unmap_vmas+0x10/0x200",
                "-> #2 (" + MAP + "){+.+.}-{0:0}:",
                "       fs_reclaim_acquire+0x80/0xa0",
                "       __kmalloc+0x4a/0x300",
                "",
                "-> #1 (fs_reclaim){+.+.}-{0:0}:",
                "       fs_reclaim_acquire+0x80/0xa0",
                "       __kmalloc+0x4a/0x300",
                "       drv_ioctl+0x20/0x80",
                "",
                "-> #0 (&a->lock){+.+.}-{3:3}:",
                "       __mutex_lock+0x134/0xc70",
                "       drv_invalidate_range_start+0x71/0x110",
                ""));
        String text = Files.readString(skeleton);
        assertTrue(text.contains("proc chain_2_in_reclaim() {\n    mmu_notifier_invalidate_range_start();"), text);
        assertTrue(text.contains("\nexpect recursive-lock;"), text);
        assertTrue(text.contains("takes it again in a callback."), text);
        passesItsTest(skeleton, text);
    }

    private Path imported(String name, String report) throws Exception {
        return imported(dir, name, report);
    }

    /** {@code report} written to {@code dir} as {@code name} and imported to a skeleton beside it. */
    static Path imported(Path dir, String name, String report) throws Exception {
        Path source = dir.resolve(name);
        Files.writeString(source, report);
        Path skeleton = dir.resolve(name.replace(".txt", ".vmlock"));
        Cli imported = Cli.run("import", "lockdep", source.toString(), "-o", skeleton.toString());
        assertEquals(ExitCodes.CLEAN, imported.code(), imported.toString());
        return skeleton;
    }

    /** The skeleton meets its expect clause ({@code text} shown when it does not). */
    static void passesItsTest(Path skeleton, String text) {
        Cli tested = Cli.run("test", skeleton.toString());
        assertEquals(ExitCodes.CLEAN, tested.code(), tested + "\n" + text);
    }
}
