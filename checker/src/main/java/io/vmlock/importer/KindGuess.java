package io.vmlock.importer;

import java.util.List;
import java.util.Optional;

/**
 * A lock class's kind and an acquisition's mode, guessed from what the report shows: the lock
 * functions on its stacks, its name (a spinlock_t's map is "...->rlock"), and its usage string
 * (read characters that are not '.' mean it was read-held). Each guess says why, for the comment.
 */
record KindGuess(LockKind kind, String reason) {
    private static final List<String> RWSEM_FUNCTIONS = List.of("down_read", "down_write", "rwsem_down",
            "percpu_down_read", "percpu_down_write", "__sb_start_write", "sb_start_", "inode_lock",
            "filemap_invalidate_lock", "__might_fault", "might_fault");
    private static final List<String> MUTEX_FUNCTIONS = List.of("mutex_lock", "__mutex_lock", "mutex_lock_nested",
            "mutex_lock_io_nested", "__mutex_lock_common", "mutex_lock_killable", "mutex_lock_interruptible");
    private static final List<String> SPIN_FUNCTIONS = List.of("_raw_spin_lock", "spin_lock", "_raw_read_lock",
            "_raw_write_lock", "read_lock", "write_lock", "_spin_lock");
    private static final List<String> SHARED_FUNCTIONS = List.of("down_read", "percpu_down_read", "__sb_start_write",
            "sb_start_", "inode_lock_shared", "filemap_invalidate_lock_shared", "__might_fault", "might_fault",
            "_raw_read_lock", "read_lock", "rwsem_down_read", "read_seqbegin", "read_seqcount_begin",
            // a request queue's q_usage_counter maps (6.13+, f1be1788a32e): entering is a read acquire
            "bio_queue_enter", "__bio_queue_enter", "blk_queue_enter");
    private static final List<String> EXCLUSIVE_FUNCTIONS = List.of("down_write", "percpu_down_write", "inode_lock",
            "filemap_invalidate_lock", "mutex_lock", "_raw_spin_lock", "_raw_write_lock", "write_seqlock",
            "do_write_seqcount_begin",
            // ... and a freeze a write acquire (blk_freeze_queue_start(), blk_mq_freeze_queue())
            "blk_mq_freeze_queue", "blk_freeze_queue");

    static KindGuess of(LockClass c, List<Frame> stack, String at) {
        if (LibraryNames.workqueueMap(c)) {
            return new KindGuess(LockKind.LOCKDEP_MAP, "lockdep's map for a workqueue or a work item "
                    + "(kernel/workqueue.c): no thread waits on it, a flush waits for the work");
        }
        Optional<KindGuess> byStack = byFunction(stack, at);
        if (byStack.isPresent()) return byStack.get();
        if (c.name().endsWith("rlock") || c.name().endsWith("rlock)")) {
            return new KindGuess(LockKind.SPINLOCK, "lockdep names a spinlock_t's map ...->rlock");
        }
        if (c.everReadHeld()) {
            return new KindGuess(LockKind.RWSEM, "its usage {" + c.usage() + "} records read acquisitions");
        }
        return new KindGuess(LockKind.MUTEX, "nothing in the report shows how it is taken: an exclusive "
                + "sleeping lock is assumed");
    }

    /** The innermost lock function on the stack (then the "at:" function) decides. */
    private static Optional<KindGuess> byFunction(List<Frame> stack, String at) {
        List<String> functions = new java.util.ArrayList<>(stack.stream().map(Frame::function).toList());
        if (!at.isEmpty()) functions.add(at);
        for (String f : functions) {
            if (startsWithAny(f, RWSEM_FUNCTIONS)) return Optional.of(new KindGuess(LockKind.RWSEM, by(f)));
            if (startsWithAny(f, MUTEX_FUNCTIONS)) return Optional.of(new KindGuess(LockKind.MUTEX, by(f)));
            if (startsWithAny(f, SPIN_FUNCTIONS)) return Optional.of(new KindGuess(LockKind.SPINLOCK, by(f)));
        }
        return Optional.empty();
    }

    private static String by(String function) {
        return "its stack takes it with " + function + "()";
    }

    private static boolean startsWithAny(String function, List<String> prefixes) {
        return prefixes.stream().anyMatch(function::startsWith);
    }

    /** Whether an acquisition with this stack takes the lock shared (down_read and the like). */
    static boolean shared(LockClass c, List<Frame> stack, String at) {
        if (first(stack, at, SHARED_FUNCTIONS).isPresent()) return true;
        if (first(stack, at, EXCLUSIVE_FUNCTIONS).isPresent()) return false;
        return c.everReadHeld() && !c.everWriteHeld();
    }

    /**
     * Whether a held lock's "at:" function takes it shared (true) or exclusive (false), or empty
     * where that function is no lock function ("at: vfs_rmdir" after an inlined inode_lock() says nothing).
     */
    static Optional<Boolean> sharedAt(String at) {
        if (first(List.of(), at, SHARED_FUNCTIONS).isPresent()) return Optional.of(true);
        if (first(List.of(), at, EXCLUSIVE_FUNCTIONS).isPresent()) return Optional.of(false);
        return Optional.empty();
    }

    /**
     * Whether a chain link holds {@code held} shared while it takes its new lock, from that link
     * alone, or empty where it does not say: a library procedure on its stack that takes the class
     * says how; else the class's usage, if it records only reads or only writes. A journal is held
     * as a handle unless the stack commits: the library's write hold of it is the commit's
     * {@code jbd2_journal_lock_updates} barrier, taken in {@code jbd2_journal_commit_transaction}.
     */
    static Optional<Boolean> heldShared(Scenario.Lock held, List<Frame> stack) {
        if (held.model().isPresent()) {
            Optional<LibraryNames.ModelProcedure> taking = LibraryNames.procedureTaking(held.name(), stack);
            if (taking.isPresent()) return Optional.of(taking.get().shared());
        }
        if (held.kind() == LockKind.JOURNAL) return Optional.of(true);
        LockClass c = held.lockdep();
        if (c.everReadHeld() == c.everWriteHeld()) return Optional.empty();
        return Optional.of(c.everReadHeld());
    }

    /** The first function (innermost first, then the "at:" function) that starts with one of the prefixes. */
    private static Optional<String> first(List<Frame> stack, String at, List<String> prefixes) {
        for (Frame frame : stack) {
            for (String p : prefixes) {
                if (frame.function().startsWith(p)) return Optional.of(frame.function());
            }
        }
        for (String p : prefixes) {
            if (!at.isEmpty() && at.startsWith(p)) return Optional.of(at);
        }
        return Optional.empty();
    }
}
