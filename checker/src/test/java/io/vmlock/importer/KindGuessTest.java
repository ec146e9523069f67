package io.vmlock.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An acquisition's mode: the stack's lock function first, its "at:" function next, the class's usage last. */
class KindGuessTest {
    private static final LockClass READ_ONLY = new LockClass("sem", ".+.+", Optional.empty());
    private static final LockClass WRITE_ONLY = new LockClass("sem", "+.+.", Optional.empty());

    @Test
    void aWriteFunctionOnTheStackOverridesAReadOnlyUsage() {
        assertFalse(KindGuess.shared(READ_ONLY, List.of(new Frame("down_write", "")), ""));
        assertFalse(KindGuess.shared(READ_ONLY, List.of(), "down_write"));
        assertTrue(KindGuess.shared(WRITE_ONLY, List.of(new Frame("down_read", "")), ""));
        assertTrue(KindGuess.shared(WRITE_ONLY, List.of(), "down_read"));
    }

    @Test
    void aRequestQueueIsEnteredSharedAndFrozenExclusive() {
        // corpus 61: "&q->q_usage_counter(io)#5{++++}" entered by bio_queue_enter() under the JFS
        // log lock (an inlined frame on top of blk_mq_submit_bio()), held by blk_mq_freeze_queue()
        LockClass queue = new LockClass("&q->q_usage_counter(io)#5", "++++", Optional.empty());
        assertTrue(KindGuess.shared(queue, List.of(new Frame("bio_queue_enter", ""),
                new Frame("blk_mq_submit_bio", "")), ""));
        assertFalse(KindGuess.shared(queue, List.of(), "blk_mq_freeze_queue"));
        assertEquals(Optional.of(false), KindGuess.sharedAt("blk_mq_freeze_queue"));
        assertEquals(Optional.of(true), KindGuess.sharedAt("blk_queue_enter"));
    }

    @Test
    void withoutALockFunctionTheUsageDecides() {
        assertTrue(KindGuess.shared(READ_ONLY, List.of(new Frame("ext4_map_blocks", "")), ""));
        assertFalse(KindGuess.shared(WRITE_ONLY, List.of(), ""));
        // read and write held: no evidence of a shared acquisition
        assertFalse(KindGuess.shared(new LockClass("sem", "++++", Optional.empty()), List.of(), ""));
    }

    @Test
    void aHeldLocksAtFunctionSaysItsModeOrNothing() {
        // corpus 46: "(&ovl_i_mutex_dir_key[depth]){++++}, at: inode_lock" is vfs_rmdir()'s write hold
        assertEquals(Optional.of(false), KindGuess.sharedAt("inode_lock"));
        assertEquals(Optional.of(true), KindGuess.sharedAt("inode_lock_shared"));
        assertEquals(Optional.of(true), KindGuess.sharedAt("down_read"));
        assertEquals(Optional.of(false), KindGuess.sharedAt("down_write"));
        // a caller's name (the inlined lock function on the line before it) says nothing
        assertEquals(Optional.empty(), KindGuess.sharedAt("vfs_rmdir"));
        assertEquals(Optional.empty(), KindGuess.sharedAt(""));
    }

    @Test
    void theGuessSaysWhichFunctionDecidedIt() {
        KindGuess mutex = KindGuess.of(WRITE_ONLY, List.of(new Frame("mutex_lock_nested", "")), "");
        assertEquals(new KindGuess(LockKind.MUTEX, "its stack takes it with mutex_lock_nested()"), mutex);
        KindGuess none = KindGuess.of(WRITE_ONLY, List.of(), "");
        assertEquals(LockKind.MUTEX, none.kind());
        assertTrue(none.reason().startsWith("nothing in the report shows how it is taken"), none.reason());
    }

    /* A library procedure on the stack that takes the lock says how it holds it, whatever the usage says. */
    @Test
    void aLibraryLocksHoldIsTheProcedureOnItsStack() {
        LibraryNames.ModelLock mmapLock = LibraryNames.LOCKS.get(0);
        assertEquals("mmap_lock", mmapLock.modelName());
        Scenario.Lock held = new Scenario.Lock(new LockClass("&mm->mmap_lock", "++++", Optional.empty()), "mmap_lock",
                LockKind.RWSEM, Optional.of(mmapLock), "");
        assertEquals(Optional.of(true), KindGuess.heldShared(held, List.of(new Frame("do_user_addr_fault", ""))));
        // no procedure that takes it: a usage of reads and writes says nothing
        assertEquals(Optional.empty(), KindGuess.heldShared(held, List.of(new Frame("ext4_map_blocks", ""))));
    }
}
