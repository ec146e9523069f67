package io.vmlock.explore;

import io.vmlock.ir.LockMode;
import io.vmlock.ir.Op;

/**
 * Lock, journal and completion steps: the reference semantics of every lock kind and mode.
 * Owners are stored as thread + 1 so 0 means free. rwsems are FIFO fair for writers: a
 * down_write that cannot take the lock joins the queue (a step of its own, since later readers
 * now block), and only the queue's head may take it when it frees. The compiled engine and the
 * lock-order walk have a rule of the same name for every rule here, and are checked against it.
 *
 * @see io.vmlock.explore.system.LockRules the same rules as guarded updates (the compiled engine)
 * @see io.vmlock.graph.LockSteps the same rules in the lock-order walk
 */
final class LockSteps {
    private final Layout layout;
    private final Problems problems;

    LockSteps(Layout layout, Problems problems, Steps steps) {
        this.layout = layout;
        this.problems = problems;
    }

    Layout layout() {
        return layout;
    }

    /** One rule: a lock operation in one mode. Switch expressions pick them, so a new mode must have one. */
    private interface Rule<O extends Op> {
        void apply(Steps.Step step, State s, O op, int lock);
    }

    void acquire(Steps.Step step, State s, Op.Acquire op, int lock) {
        Rule<Op.Acquire> rule = switch (op.mode()) {
            case MUTEX, SPIN, SPIN_IRQ, SPIN_IRQSAVE, SPIN_BH, COMMIT, PERCPU_WRITE, BIT_SPIN -> this::acquireExclusive;
            case SEQ_WRITE, SEQ_WRITE_IRQ, SEQCOUNT_WRITE -> this::acquireSequenceWrite;
            case READ -> this::acquireRead;
            case WRITE -> this::acquireWrite;
            case HANDLE -> this::acquireHandle;
            case HANDLE_RESERVED -> this::acquireReservedHandle;
            case PERCPU_READ, SEQ_READ, SEQCOUNT_READ -> this::acquirePercpuRead;
            case REF -> this::acquireRef;
            case QUEUE_ENTER -> this::acquireQueueEnter;
            case QUEUE_FREEZE -> this::acquireQueueFreeze;
            case LOCK_MAP, LOCK_MAP_READ -> this::acquireLockMap;
            case BIT_LOCK -> this::acquireBit;
            case BIT_WAIT -> this::waitBit;
            case BIT_SET -> this::setBit;
        };
        rule.apply(step, s, op, lock);
    }

    /**
     * wait_on_bit_lock: sleeps until the bit is clear, then sets it. The owner word records who
     * set it, for the reports; the setter waiting again waits for whoever clears it.
     */
    private void acquireBit(Steps.Step step, State s, Op.Acquire op, int lock) {
        if (s.objects[layout.owner(lock)] != 0) return;
        s.objects[layout.owner(lock)] = layout.token(s.threads[step.thread], step.thread);
        step.proceed(s, op.next());
    }

    /** wait_on_bit: sleeps until the bit is clear; takes nothing. */
    private void waitBit(Steps.Step step, State s, Op.Acquire op, int lock) {
        if (s.objects[layout.owner(lock)] == 0) step.proceed(s, op.next());
    }

    /** folio_start_writeback: sets the bit, never waits; a set bit stays as it is. */
    private void setBit(Steps.Step step, State s, Op.Acquire op, int lock) {
        if (s.objects[layout.owner(lock)] == 0) {
            s.objects[layout.owner(lock)] = layout.token(s.threads[step.thread], step.thread);
        }
        step.proceed(s, op.next());
    }

    /** percpu_ref_get: one more reference, whatever state the ref is in. */
    private void acquireRef(Steps.Step step, State s, Op.Acquire op, int lock) {
        take(step, s, op, layout.sharedDepth(lock, step.thread));
    }

    /**
     * blk_queue_enter: waits while any thread has the queue frozen; the freezer itself would
     * wait for its own unfreeze, which never comes.
     */
    private void acquireQueueEnter(Steps.Step step, State s, Op.Acquire op, int lock) {
        if (s.objects[layout.freezeDepth(lock, step.thread)] > 0) {
            step.fail(s, problems.recursive(step, op, lock));
        } else if (s.freezers(layout, lock).isEmpty()) {
            take(step, s, op, layout.sharedDepth(lock, step.thread));
        }
    }

    /** blk_freeze_queue_start: ++mq_freeze_depth (the first kills the ref); the drain step waits for zero. */
    private void acquireQueueFreeze(Steps.Step step, State s, Op.Acquire op, int lock) {
        take(step, s, op, layout.freezeDepth(lock, step.thread));
    }

    /** A lockdep map is an annotation: nobody waits on it and the search keeps no hold of it. */
    private void acquireLockMap(Steps.Step step, State s, Op.Acquire op, int lock) {
        step.proceed(s, op.next());
    }

    private void acquireExclusive(Steps.Step step, State s, Op.Acquire op, int lock) {
        int me = layout.token(s.threads[step.thread], step.thread);
        int owner = s.objects[layout.owner(lock)];
        if (owner == me) {
            step.fail(s, problems.recursive(step, op, lock));
        } else if (owner == 0) {
            s.objects[layout.owner(lock)] = me;
            disableIrqs(op.mode(), s.threads[step.thread]);
            step.proceed(s, op.next());
        }
    }

    /**
     * write_seqcount_begin makes the sequence odd: every reader in its section now reads a
     * sequence that has moved on, so its read_seqretry will say retry.
     */
    private void acquireSequenceWrite(Steps.Step step, State s, Op.Acquire op, int lock) {
        if (s.objects[layout.owner(lock)] == 0) {
            for (int t = 0; t < layout.threads; t++) {
                if (s.objects[layout.readers(lock, t)] > 0) s.objects[layout.retry(lock, t)] = 1;
            }
        }
        acquireExclusive(step, s, op, lock);
    }

    private static void disableIrqs(LockMode mode, ThreadState t) {
        Runnable effect = switch (mode.irq()) {
            case NONE -> () -> { };
            case DISABLE -> () -> t.irqDisabled = true;
            case SAVE -> t::saveIrq;
            case BH -> () -> t.bhDepth++;
        };
        effect.run();
    }

    /** A reader waits for the writer and for writers queued before it. */
    private void acquireRead(Steps.Step step, State s, Op.Acquire op, int lock) {
        int[] o = s.objects;
        int owner = o[layout.owner(lock)];
        if (owner == layout.token(s.threads[step.thread], step.thread)) {
            step.fail(s, problems.recursive(step, op, lock));
        } else if (owner == 0 && o[layout.queueLength(lock)] == 0) {
            take(step, s, op, layout.readers(lock, step.thread));
        }
    }

    /**
     * percpu_down_read waits while a writer has set sem->block, even in a thread that already
     * reads (it does not nest); there is no queue to wait behind. A sequence reader spins the
     * same way while the sequence is odd (read_seqbegin), and its writer never waits for it.
     */
    private void acquirePercpuRead(Steps.Step step, State s, Op.Acquire op, int lock) {
        int owner = s.objects[layout.owner(lock)];
        if (owner == layout.token(s.threads[step.thread], step.thread)) {
            step.fail(s, problems.recursive(step, op, lock));
        } else if (owner == 0) {
            take(step, s, op, layout.readers(lock, step.thread));
        }
    }

    /** A handle nests in the thread's own; a first one waits for the commit barrier. */
    private void acquireHandle(Steps.Step step, State s, Op.Acquire op, int lock) {
        int depth = layout.handles(lock, step.thread);
        if (s.objects[depth] > 0 || s.objects[layout.owner(lock)] == 0) take(step, s, op, depth);
    }

    /**
     * jbd2_journal_start_reserved: start_this_handle with h_reserved skips the barrier and the
     * T_LOCKED waits and joins the transaction whose commit still waits for its handles; it waits
     * only in T_SWITCH, once that wait is over. The barrier's holder is past its drain exactly
     * when no handle is held: while another handle is held the drain cannot have passed, and with
     * none held a join in T_LOCKED leads to the state a join just before the barrier was taken
     * leads to (the barrier's taking commutes with it), so waiting there loses no state. A thread
     * that holds a handle already is the kernel's WARN_ON(current->journal_info): recursive.
     */
    private void acquireReservedHandle(Steps.Step step, State s, Op.Acquire op, int lock) {
        int depth = layout.handles(lock, step.thread);
        if (s.objects[depth] > 0) {
            step.fail(s, problems.recursive(step, op, lock));
        } else if (s.objects[layout.owner(lock)] == 0 || !s.handleHolders(layout, lock).isEmpty()) {
            take(step, s, op, depth);
        }
    }

    private void take(Steps.Step step, State s, Op.Acquire op, int counter) {
        s.objects[counter]++;
        step.proceed(s, op.next());
    }

    /** down_write, FIFO fair: take it, join the queue, or (at the queue's head) take it when it frees. */
    private void acquireWrite(Steps.Step step, State s, Op.Acquire op, int lock) {
        int me = layout.token(s.threads[step.thread], step.thread);
        int[] o = s.objects;
        if (o[layout.owner(lock)] == me || o[layout.readers(lock, step.thread)] > 0) {
            step.fail(s, problems.recursive(step, op, lock));
            return;
        }
        boolean free = o[layout.owner(lock)] == 0 && s.readers(layout, lock).isEmpty();
        int queued = o[layout.queueLength(lock)];
        int position = s.queued(layout, lock).indexOf(step.thread);
        if (position < 0 && free && queued == 0) {
            o[layout.owner(lock)] = me;
            step.proceed(s, op.next());
        } else if (position < 0) {
            o[layout.queue(lock, queued)] = step.thread;
            o[layout.queueLength(lock)] = queued + 1;
            step.out.add(new Move(step.thread, Move.Kind.QUEUED, -1, java.util.Optional.of(op), step.atOp, s,
                    java.util.Optional.empty()));
        } else if (position == 0 && free) {
            for (int i = 1; i < queued; i++) o[layout.queue(lock, i - 1)] = o[layout.queue(lock, i)];
            o[layout.queue(lock, queued - 1)] = 0;
            o[layout.queueLength(lock)] = queued - 1;
            o[layout.owner(lock)] = me;
            step.proceed(s, op.next());
        }
    }

    void release(Steps.Step step, State s, Op.Release op, int lock) {
        Rule<Op.Release> rule = switch (op.mode()) {
            case MUTEX, SPIN, SPIN_IRQ, SPIN_IRQSAVE, SPIN_BH, WRITE, COMMIT, PERCPU_WRITE, BIT_SPIN, SEQ_WRITE, SEQ_WRITE_IRQ, SEQCOUNT_WRITE -> this::releaseExclusive;
            case READ, PERCPU_READ -> this::releaseRead;
            case SEQ_READ, SEQCOUNT_READ -> this::releaseSequenceRead;
            case HANDLE, HANDLE_RESERVED -> this::releaseHandle;
            case REF, QUEUE_ENTER -> this::releaseRef;
            case QUEUE_FREEZE -> this::releaseQueueFreeze;
            case LOCK_MAP, LOCK_MAP_READ -> this::releaseLockMap;
            case BIT_LOCK, BIT_WAIT, BIT_SET -> this::releaseBit;
        };
        rule.apply(step, s, op, lock);
    }

    /** lock_map_release: the annotation's end, nothing to drop in the search. */
    private void releaseLockMap(Steps.Step step, State s, Op.Release op, int lock) {
        step.proceed(s, op.next());
    }

    /** clear_bit_unlock: any thread may clear a set bit; clearing a clear one is folio_unlock's VM_BUG_ON. */
    private void releaseBit(Steps.Step step, State s, Op.Release op, int lock) {
        if (s.objects[layout.owner(lock)] == 0) {
            step.fail(s, problems.unlockNotHeld(step, lock));
            return;
        }
        s.objects[layout.owner(lock)] = 0;
        step.proceed(s, op.next());
    }

    private void releaseExclusive(Steps.Step step, State s, Op.Release op, int lock) {
        if (s.objects[layout.owner(lock)] != layout.token(s.threads[step.thread], step.thread)) {
            step.fail(s, problems.unlockNotHeld(step, lock));
            return;
        }
        s.objects[layout.owner(lock)] = 0;
        restoreIrqs(op.mode(), s.threads[step.thread]);
        step.proceed(s, op.next());
    }

    private static void restoreIrqs(LockMode mode, ThreadState t) {
        Runnable effect = switch (mode.irq()) {
            case NONE -> () -> { };
            case DISABLE -> () -> t.irqDisabled = false;
            case SAVE -> t::restoreIrq;
            case BH -> t::enableBh;
        };
        effect.run();
    }

    private void releaseRead(Steps.Step step, State s, Op.Release op, int lock) {
        drop(step, s, op, lock, layout.readers(lock, step.thread));
    }

    /** read_seqretry as a statement: the section ends, whatever a writer did (no retry). */
    private void releaseSequenceRead(Steps.Step step, State s, Op.Release op, int lock) {
        s.objects[layout.retry(lock, step.thread)] = 0;
        releaseRead(step, s, op, lock);
    }

    /** percpu_ref_put and blk_queue_exit drop one of the thread's references. */
    private void releaseRef(Steps.Step step, State s, Op.Release op, int lock) {
        drop(step, s, op, lock, layout.sharedDepth(lock, step.thread));
    }

    /** --mq_freeze_depth; the last unfreeze resurrects the ref. */
    private void releaseQueueFreeze(Steps.Step step, State s, Op.Release op, int lock) {
        drop(step, s, op, lock, layout.freezeDepth(lock, step.thread));
    }

    private void releaseHandle(Steps.Step step, State s, Op.Release op, int lock) {
        drop(step, s, op, lock, layout.handles(lock, step.thread));
    }

    private void drop(Steps.Step step, State s, Op.Release op, int lock, int counter) {
        if (s.objects[counter] == 0) {
            step.fail(s, problems.unlockNotHeld(step, lock));
            return;
        }
        s.objects[counter]--;
        step.proceed(s, op.next());
    }

    /** Succeeds iff the lock is free for the mode (an rwsem with queued writers is not free to read). */
    void tryAcquire(Steps.Step step, State s, Op.TryAcquire op, int lock) {
        Rule<Op.TryAcquire> rule = switch (op.mode()) {
            case MUTEX, SPIN, BIT_SPIN, BIT_LOCK -> this::tryAcquireExclusive;
            case READ -> this::tryAcquireRead;
            case WRITE -> this::tryAcquireWrite;
            case PERCPU_READ -> this::tryAcquirePercpuRead;
            case REF -> this::tryAcquireRef;
            case QUEUE_ENTER -> this::tryAcquireQueueEnter;
            case SEQ_READ, SEQCOUNT_READ -> this::tryAcquireSequenceRetry;
            case SPIN_IRQ, SPIN_IRQSAVE, SPIN_BH, HANDLE, HANDLE_RESERVED, COMMIT, PERCPU_WRITE, QUEUE_FREEZE, SEQ_WRITE, SEQ_WRITE_IRQ,
                    SEQCOUNT_WRITE, LOCK_MAP, LOCK_MAP_READ, BIT_WAIT, BIT_SET -> throw new IllegalArgumentException(op.mode() + " has no trylock");
        };
        rule.apply(step, s, op, lock);
    }

    private void tryAcquireExclusive(Steps.Step step, State s, Op.TryAcquire op, int lock) {
        boolean free = s.objects[layout.owner(lock)] == 0;
        tryTake(step, s, op, free, layout.owner(lock), layout.token(s.threads[step.thread], step.thread));
    }

    private void tryAcquireRead(Steps.Step step, State s, Op.TryAcquire op, int lock) {
        int[] o = s.objects;
        boolean free = o[layout.owner(lock)] == 0 && o[layout.queueLength(lock)] == 0;
        int readers = layout.readers(lock, step.thread);
        tryTake(step, s, op, free, readers, o[readers] + 1);
    }

    /** percpu_down_read_trylock fails exactly while a writer has blocked readers. */
    private void tryAcquirePercpuRead(Steps.Step step, State s, Op.TryAcquire op, int lock) {
        int readers = layout.readers(lock, step.thread);
        tryTake(step, s, op, s.objects[layout.owner(lock)] == 0, readers, s.objects[readers] + 1);
    }

    /** percpu_ref_tryget fails only on a killed ref already at zero (atomic_long_inc_not_zero). */
    private void tryAcquireRef(Steps.Step step, State s, Op.TryAcquire op, int lock) {
        boolean live = s.freezers(layout, lock).isEmpty() || !s.handleHolders(layout, lock).isEmpty();
        int refs = layout.sharedDepth(lock, step.thread);
        tryTake(step, s, op, live, refs, s.objects[refs] + 1);
    }

    /** percpu_ref_tryget_live fails exactly while the ref is killed (__PERCPU_REF_DEAD). */
    private void tryAcquireQueueEnter(Steps.Step step, State s, Op.TryAcquire op, int lock) {
        int refs = layout.sharedDepth(lock, step.thread);
        tryTake(step, s, op, s.freezers(layout, lock).isEmpty(), refs, s.objects[refs] + 1);
    }

    /**
     * read_seqretry as a condition (the kernel's do { read_seqbegin } while (read_seqretry)):
     * the section ends, and the "success" branch is the retry, taken when a writer began
     * since read_seqbegin. A read_seqretry outside a section is unlock-not-held, as a statement.
     */
    private void tryAcquireSequenceRetry(Steps.Step step, State s, Op.TryAcquire op, int lock) {
        int readers = layout.readers(lock, step.thread);
        if (s.objects[readers] == 0) {
            step.fail(s, problems.unlockNotHeld(step, lock));
            return;
        }
        int retry = layout.retry(lock, step.thread);
        boolean writerBegan = s.objects[retry] == 1;
        s.objects[readers]--;
        s.objects[retry] = 0;
        step.proceed(s, writerBegan ? op.success() : op.failure(),
                writerBegan ? Move.Kind.TRY_SUCCESS : Move.Kind.TRY_FAILURE, -1);
    }

    private void tryAcquireWrite(Steps.Step step, State s, Op.TryAcquire op, int lock) {
        int[] o = s.objects;
        boolean free = o[layout.owner(lock)] == 0 && o[layout.queueLength(lock)] == 0 && s.readers(layout, lock).isEmpty();
        tryTake(step, s, op, free, layout.owner(lock), layout.token(s.threads[step.thread], step.thread));
    }

    private static void tryTake(Steps.Step step, State s, Op.TryAcquire op, boolean free, int word, int value) {
        if (!free) {
            step.proceed(s, op.failure(), Move.Kind.TRY_FAILURE, -1);
            return;
        }
        s.objects[word] = value;
        step.proceed(s, op.success(), Move.Kind.TRY_SUCCESS, -1);
    }

    /**
     * Second half of lock_updates, percpu_down_write and a queue freeze: every handle (reader,
     * reference), the caller's own too, must have stopped.
     */
    void drain(Steps.Step step, State s, Op.JournalDrain op, int journal) {
        if (s.handleHolders(layout, journal).isEmpty()) step.proceed(s, op.next());
    }

    void waitForCompletion(Steps.Step step, State s, Op.WaitCompletion op, int c) {
        int[] o = s.objects;
        if (o[layout.doneAll(c)] != 0) {
            step.proceed(s, op.next());
        } else if (o[layout.owner(c)] > 0) {
            o[layout.owner(c)]--;
            step.proceed(s, op.next());
        }
    }

    void signal(Steps.Step step, State s, Op.Signal op, int c) {
        int[] o = s.objects;
        switch (op.builtin()) {
            case COMPLETE -> o[layout.owner(c)] = Math.min(Steps.COMPLETION_CAP, o[layout.owner(c)] + 1);
            case COMPLETE_ALL -> o[layout.doneAll(c)] = 1;
            default -> {
                o[layout.owner(c)] = 0;
                o[layout.doneAll(c)] = 0;
            }
        }
        step.proceed(s, op.next());
    }
}
