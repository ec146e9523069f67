package io.vmlock.explore.system;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.ast.ObjectKind;
import io.vmlock.ir.LockMode;
import io.vmlock.ir.Op;

/**
 * Lock, journal and completion steps as guarded updates, rule for rule (and name for name) the
 * explorer's reference {@code LockSteps}, on one known instance {@code k} (word 0 is the owner
 * token: thread + 1, plus the thread count in interrupt context, twice it in a softirq; 0 when free).
 *
 * @see io.vmlock.explore.LockSteps the reference semantics these rules must agree with
 * @see io.vmlock.graph.LockSteps the same rules in the lock-order walk
 */
final class LockRules {
    private final Translate translate;
    private final Fields fields;
    private final StepRules steps;
    private final int threads;

    LockRules(Translate translate, Fields fields, StepRules steps) {
        this.translate = translate;
        this.fields = fields;
        this.steps = steps;
        this.threads = fields.threads();
    }

    private int owner(int k) {
        return fields.object(k, 0);
    }

    private int counter(int k, int thread) {
        return fields.object(k, 1 + thread);
    }

    /** A percpu ref's freeze depth of a thread, after the reference depths. */
    private int freezes(int k, int thread) {
        return fields.object(k, 1 + threads + thread);
    }

    /** A sequence reader's retry flag of a thread, after the reader depths. */
    private int retry(int k, int thread) {
        return fields.object(k, 1 + threads + thread);
    }

    /** No thread has the percpu ref frozen (it is live). */
    private Expr live(StepPath p, int k) {
        Expr live = Expr.TRUE;
        for (int t = 0; t < threads; t++) live = Expr.and(live, Expr.eq(p.read(freezes(k, t)), Expr.FALSE));
        return live;
    }

    private int queued(int k) {
        return fields.object(k, 1 + threads);
    }

    private int queue(int k, int i) {
        return fields.object(k, 2 + threads + i);
    }

    private static Expr plus(Expr e, int delta) {
        return Expr.binary(BinaryOp.ADD, e, Expr.constant(delta));
    }

    /** One rule: a lock operation in one mode. Switch expressions pick them, so a new mode must have one. */
    private interface Rule<O extends Op> {
        void apply(StepPath p, O op, int k, StepRules.Outcome out);
    }

    void acquire(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
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
        rule.apply(p, op, k, out);
    }

    /** wait_on_bit_lock: waits until the bit is clear, then sets it (no owner check). */
    private void acquireBit(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        p.when(Expr.eq(p.read(owner(k)), Expr.FALSE));
        if (p.dead) return;
        p.write(owner(k), Expr.constant(steps.token(p)));
        out.proceed(p, op.next());
    }

    /** wait_on_bit: waits until the bit is clear; takes nothing. */
    private void waitBit(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        p.when(Expr.eq(p.read(owner(k)), Expr.FALSE));
        if (p.dead) return;
        out.proceed(p, op.next());
    }

    /** folio_start_writeback: sets a clear bit, leaves a set one; never waits. */
    private void setBit(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        StepPath set = p.copy().when(Expr.eq(p.read(owner(k)), Expr.FALSE));
        if (!set.dead) {
            set.write(owner(k), Expr.constant(steps.token(set)));
            out.proceed(set, op.next());
        }
        p.when(Expr.ne(p.read(owner(k)), Expr.FALSE));
        if (!p.dead) out.proceed(p, op.next());
    }

    /** percpu_ref_get: one more reference, whatever state the ref is in. */
    private void acquireRef(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        increment(p, counter(k, p.thread), op.next(), out);
    }

    /** blk_queue_enter waits while the queue is frozen; its own freezer would wait for itself. */
    private void acquireQueueEnter(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        Expr frozenByMe = Expr.binary(BinaryOp.GT, p.read(freezes(k, p.thread)), Expr.FALSE);
        if (!steps.unless(p, frozenByMe, out)) return;
        p.when(live(p, k));
        increment(p, counter(k, p.thread), op.next(), out);
    }

    /** ++mq_freeze_depth; the drain step then waits for zero. */
    private void acquireQueueFreeze(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        increment(p, freezes(k, p.thread), op.next(), out);
    }

    /** A lockdep map is an annotation: nobody waits on it and the search keeps no hold of it. */
    private void acquireLockMap(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        out.proceed(p, op.next());
    }

    private void acquireExclusive(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        Expr me = Expr.constant(steps.token(p));
        Expr owner = p.read(owner(k));
        if (!steps.unless(p, Expr.eq(owner, me), out)) return;
        p.when(Expr.eq(owner, Expr.FALSE));
        if (p.dead) return;
        p.write(owner(k), me);
        disableIrqs(p, op.mode());
        out.proceed(p, op.next());
    }

    /** write_seqcount_begin: every reader in its section will be told to retry. */
    private void acquireSequenceWrite(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        StepPath free = p.copy().when(Expr.eq(p.read(owner(k)), Expr.FALSE));
        if (!free.dead) {
            for (int t = 0; t < threads; t++) {
                Expr reading = Expr.binary(BinaryOp.GT, free.read(counter(k, t)), Expr.FALSE);
                free.write(retry(k, t), Expr.or(Expr.truth(free.read(retry(k, t))), reading));
            }
            acquireExclusive(free, op, k, out);
        }
        p.when(Expr.ne(p.read(owner(k)), Expr.FALSE));
        if (!p.dead) acquireExclusive(p, op, k, out);
    }

    private void disableIrqs(StepPath p, LockMode mode) {
        Runnable effect = switch (mode.irq()) {
            case NONE -> () -> { };
            case DISABLE -> () -> p.write(fields.flag(p.thread, Flag.IRQ), Expr.TRUE);
            case SAVE -> () -> steps.saveIrq(p);
            case BH -> () -> steps.disableBh(p);
        };
        effect.run();
    }

    /** A reader waits for the writer and for writers queued before it. */
    private void acquireRead(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        Expr owner = p.read(owner(k));
        if (!steps.unless(p, Expr.eq(owner, Expr.constant(steps.token(p))), out)) return;
        p.when(Expr.eq(owner, Expr.FALSE)).when(Expr.eq(p.read(queued(k)), Expr.FALSE));
        increment(p, counter(k, p.thread), op.next(), out);
    }

    /** percpu_down_read waits while a writer has set sem->block; it neither nests nor queues. */
    private void acquirePercpuRead(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        Expr owner = p.read(owner(k));
        if (!steps.unless(p, Expr.eq(owner, Expr.constant(steps.token(p))), out)) return;
        p.when(Expr.eq(owner, Expr.FALSE));
        increment(p, counter(k, p.thread), op.next(), out);
    }

    /** A handle nests in the thread's own; a first one waits for the commit barrier. */
    private void acquireHandle(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        Expr nested = Expr.binary(BinaryOp.GT, p.read(counter(k, p.thread)), Expr.FALSE);
        p.when(Expr.or(nested, Expr.eq(p.read(owner(k)), Expr.FALSE)));
        increment(p, counter(k, p.thread), op.next(), out);
    }

    /** A reserved handle joins unless the barrier is past its drain (held, and no handle held); see the reference. */
    private void acquireReservedHandle(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        Expr nested = Expr.binary(BinaryOp.GT, p.read(counter(k, p.thread)), Expr.FALSE);
        if (!steps.unless(p, nested, out)) return;
        Expr handles = Expr.FALSE;
        for (int t = 0; t < threads; t++) handles = Expr.or(handles, Expr.binary(BinaryOp.GT, p.read(counter(k, t)), Expr.FALSE));
        p.when(Expr.or(Expr.eq(p.read(owner(k)), Expr.FALSE), handles));
        increment(p, counter(k, p.thread), op.next(), out);
    }

    private void increment(StepPath p, int field, int next, StepRules.Outcome out) {
        if (p.dead) return;
        p.write(field, plus(p.read(field), 1));
        out.proceed(p, next);
    }

    /** Free for a writer: no writer and no reader (queued writers are judged separately). */
    private Expr free(StepPath p, int k) {
        Expr free = Expr.eq(p.read(owner(k)), Expr.FALSE);
        for (int t = 0; t < threads; t++) free = Expr.and(free, Expr.eq(p.read(counter(k, t)), Expr.FALSE));
        return free;
    }

    private Expr queuedAt(StepPath p, int k, int i) {
        return Expr.and(Expr.binary(BinaryOp.GT, p.read(queued(k)), Expr.constant(i)),
                Expr.eq(p.read(queue(k, i)), Expr.constant(p.thread)));
    }

    /** down_write, FIFO fair: take it, join the queue, or (at the queue's head) take it when it frees. */
    private void acquireWrite(StepPath p, Op.Acquire op, int k, StepRules.Outcome out) {
        Expr me = Expr.constant(steps.token(p));
        Expr recursive = Expr.or(Expr.eq(p.read(owner(k)), me),
                Expr.binary(BinaryOp.GT, p.read(counter(k, p.thread)), Expr.FALSE));
        if (!steps.unless(p, recursive, out)) return;
        Expr free = free(p, k);
        Expr length = p.read(queued(k));
        Expr notQueued = Expr.TRUE;
        for (int i = 0; i < threads; i++) notQueued = Expr.and(notQueued, Expr.not(queuedAt(p, k, i)));
        StepPath take = p.copy().when(notQueued).when(free).when(Expr.eq(length, Expr.FALSE));
        if (!take.dead) {
            take.write(owner(k), me);
            out.proceed(take, op.next());
        }
        StepPath join = p.copy().when(notQueued).when(Expr.not(Expr.and(free, Expr.eq(length, Expr.FALSE))));
        for (int q = 0; q < threads && !join.dead; q++) {
            StepPath at = join.copy().when(Expr.eq(length, Expr.constant(q)));
            if (at.dead) continue;
            at.write(queue(k, q), Expr.constant(p.thread));
            at.write(queued(k), Expr.constant(q + 1));
            out.queued(at);
        }
        StepPath head = p.copy().when(queuedAt(p, k, 0)).when(free);
        for (int q = 1; q <= threads && !head.dead; q++) {
            StepPath at = head.copy().when(Expr.eq(length, Expr.constant(q)));
            if (at.dead) continue;
            for (int i = 1; i < q; i++) at.write(queue(k, i - 1), p.read(queue(k, i)));
            at.write(queue(k, q - 1), Expr.FALSE);
            at.write(queued(k), Expr.constant(q - 1));
            at.write(owner(k), me);
            out.proceed(at, op.next());
        }
    }

    void release(StepPath p, Op.Release op, int k, StepRules.Outcome out) {
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
        rule.apply(p, op, k, out);
    }

    /** lock_map_release: the annotation's end, nothing to drop in the search. */
    private void releaseLockMap(StepPath p, Op.Release op, int k, StepRules.Outcome out) {
        out.proceed(p, op.next());
    }

    /** clear_bit_unlock: any thread clears a set bit; a clear one is folio_unlock's VM_BUG_ON. */
    private void releaseBit(StepPath p, Op.Release op, int k, StepRules.Outcome out) {
        if (!steps.unless(p, Expr.eq(p.read(owner(k)), Expr.FALSE), out)) return;
        p.write(owner(k), Expr.FALSE);
        out.proceed(p, op.next());
    }

    private void releaseExclusive(StepPath p, Op.Release op, int k, StepRules.Outcome out) {
        if (!steps.unless(p, Expr.ne(p.read(owner(k)), Expr.constant(steps.token(p))), out)) return;
        p.write(owner(k), Expr.FALSE);
        Runnable effect = switch (op.mode().irq()) {
            case NONE -> () -> out.proceed(p, op.next());
            case DISABLE -> () -> {
                p.write(fields.flag(p.thread, Flag.IRQ), Expr.FALSE);
                out.proceed(p, op.next());
            };
            case SAVE -> () -> steps.restoreIrq(p, op.next(), out);
            case BH -> () -> steps.enableBh(p, op.next(), out);
        };
        effect.run();
    }

    private void releaseRead(StepPath p, Op.Release op, int k, StepRules.Outcome out) {
        drop(p, op, counter(k, p.thread), out);
    }

    /** read_seqretry as a statement: the section ends, whatever a writer did (no retry). */
    private void releaseSequenceRead(StepPath p, Op.Release op, int k, StepRules.Outcome out) {
        p.write(retry(k, p.thread), Expr.FALSE);
        releaseRead(p, op, k, out);
    }

    private void releaseRef(StepPath p, Op.Release op, int k, StepRules.Outcome out) {
        drop(p, op, counter(k, p.thread), out);
    }

    private void releaseQueueFreeze(StepPath p, Op.Release op, int k, StepRules.Outcome out) {
        drop(p, op, freezes(k, p.thread), out);
    }

    private void releaseHandle(StepPath p, Op.Release op, int k, StepRules.Outcome out) {
        drop(p, op, counter(k, p.thread), out);
    }

    private void drop(StepPath p, Op.Release op, int counter, StepRules.Outcome out) {
        if (!steps.unless(p, Expr.eq(p.read(counter), Expr.FALSE), out)) return;
        p.write(counter, plus(p.read(counter), -1));
        out.proceed(p, op.next());
    }

    /** Succeeds iff free for the mode; an rwsem with queued writers is not free to read. */
    void tryAcquire(StepPath p, Op.TryAcquire op, int k, StepRules.Outcome out) {
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
        rule.apply(p, op, k, out);
    }

    private void tryAcquireExclusive(StepPath p, Op.TryAcquire op, int k, StepRules.Outcome out) {
        Expr free = Expr.eq(p.read(owner(k)), Expr.FALSE);
        tryTake(p, op, free, owner(k), Expr.constant(steps.token(p)), out);
    }

    private void tryAcquireRead(StepPath p, Op.TryAcquire op, int k, StepRules.Outcome out) {
        Expr free = Expr.and(Expr.eq(p.read(owner(k)), Expr.FALSE), Expr.eq(p.read(queued(k)), Expr.FALSE));
        tryTake(p, op, free, counter(k, p.thread), plus(p.read(counter(k, p.thread)), 1), out);
    }

    private void tryAcquirePercpuRead(StepPath p, Op.TryAcquire op, int k, StepRules.Outcome out) {
        Expr free = Expr.eq(p.read(owner(k)), Expr.FALSE);
        tryTake(p, op, free, counter(k, p.thread), plus(p.read(counter(k, p.thread)), 1), out);
    }

    /** percpu_ref_tryget fails only on a killed ref already at zero. */
    private void tryAcquireRef(StepPath p, Op.TryAcquire op, int k, StepRules.Outcome out) {
        Expr nonzero = Expr.FALSE;
        for (int t = 0; t < threads; t++) nonzero = Expr.or(nonzero, Expr.binary(BinaryOp.GT, p.read(counter(k, t)), Expr.FALSE));
        tryTake(p, op, Expr.or(live(p, k), nonzero), counter(k, p.thread), plus(p.read(counter(k, p.thread)), 1), out);
    }

    /** percpu_ref_tryget_live fails exactly while the ref is killed. */
    private void tryAcquireQueueEnter(StepPath p, Op.TryAcquire op, int k, StepRules.Outcome out) {
        tryTake(p, op, live(p, k), counter(k, p.thread), plus(p.read(counter(k, p.thread)), 1), out);
    }

    /** read_seqretry as a condition: the section ends; "success" is the retry a writer caused. */
    private void tryAcquireSequenceRetry(StepPath p, Op.TryAcquire op, int k, StepRules.Outcome out) {
        int readers = counter(k, p.thread);
        if (!steps.unless(p, Expr.eq(p.read(readers), Expr.FALSE), out)) return;
        Expr writerBegan = Expr.truth(p.read(retry(k, p.thread)));
        p.write(readers, plus(p.read(readers), -1));
        StepPath done = p.copy().when(Expr.not(writerBegan));
        if (!done.dead) {
            done.write(retry(k, done.thread), Expr.FALSE);
            out.proceed(done, op.failure());
        }
        p.when(writerBegan);
        if (p.dead) return;
        p.write(retry(k, p.thread), Expr.FALSE);
        out.proceed(p, op.success());
    }

    private void tryAcquireWrite(StepPath p, Op.TryAcquire op, int k, StepRules.Outcome out) {
        Expr free = Expr.and(free(p, k), Expr.eq(p.read(queued(k)), Expr.FALSE));
        tryTake(p, op, free, owner(k), Expr.constant(steps.token(p)), out);
    }

    private static void tryTake(StepPath p, Op.TryAcquire op, Expr free, int field, Expr value, StepRules.Outcome out) {
        StepPath fails = p.copy().when(Expr.not(free));
        if (!fails.dead) out.proceed(fails, op.failure());
        p.when(free);
        if (p.dead) return;
        p.write(field, value);
        out.proceed(p, op.success());
    }

    void drain(StepPath p, Op.JournalDrain op, int k, StepRules.Outcome out) {
        for (int t = 0; t < threads; t++) p.when(Expr.eq(p.read(counter(k, t)), Expr.FALSE));
        if (!p.dead) out.proceed(p, op.next());
    }

    void waitForCompletion(StepPath p, Op.WaitCompletion op, int k, StepRules.Outcome out) {
        Expr all = Expr.ne(p.read(fields.object(k, 1)), Expr.FALSE);
        StepPath done = p.copy().when(all);
        if (!done.dead) out.proceed(done, op.next());
        Expr count = p.read(fields.object(k, 0));
        p.when(Expr.not(all)).when(Expr.binary(BinaryOp.GT, count, Expr.FALSE));
        if (p.dead) return;
        p.write(fields.object(k, 0), plus(count, -1));
        out.proceed(p, op.next());
    }

    void signal(StepPath p, Op.Signal op, int k, StepRules.Outcome out) {
        int count = fields.object(k, 0);
        switch (op.builtin()) {
            case COMPLETE -> {
                Expr full = Expr.binary(BinaryOp.GE, p.read(count), Expr.constant(StepRules.COMPLETION_CAP));
                StepPath stays = p.copy().when(full);
                if (!stays.dead) out.proceed(stays, op.next());
                p.when(Expr.not(full));
                if (p.dead) return;
                p.write(count, plus(p.read(count), 1));
            }
            case COMPLETE_ALL -> p.write(fields.object(k, 1), Expr.TRUE);
            default -> {
                p.write(count, Expr.FALSE);
                p.write(fields.object(k, 1), Expr.FALSE);
            }
        }
        out.proceed(p, op.next());
    }

    /** lockdep_assert_held: the thread holds the instance in any mode. */
    Expr holds(StepPath p, int k) {
        ObjectKind kind = fields.kind(k);
        if (!kind.isLock()) return Expr.FALSE;
        Expr held = steps.heldBy(p, owner(k));
        if (kind.modes().hasShared()) {
            held = Expr.or(held, Expr.binary(BinaryOp.GT, p.read(counter(k, p.thread)), Expr.FALSE));
        }
        if (kind.words().contains(ObjectKind.Word.FREEZE_DEPTH)) {
            held = Expr.or(held, Expr.binary(BinaryOp.GT, p.read(freezes(k, p.thread)), Expr.FALSE));
        }
        return held;
    }
}
