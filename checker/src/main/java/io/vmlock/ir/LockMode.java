package io.vmlock.ir;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.ObjectKind;
import java.util.Arrays;
import java.util.Optional;

/**
 * How an acquire, release or trylock holds its lock: the kind's modes (see
 * {@link ObjectKind.Modes}), with the interrupt effect of spinlock variants and the builtins
 * that take, drop and try each. The journal is two locks in one, as jbd2 and lockdep see it: a
 * handle is a shared hold, the commit barrier ({@code lock_updates}) an exclusive one that also
 * waits for every handle to stop. Whether a mode sleeps or spins is its kind's fact, not
 * restated here.
 *
 * <p>Every rule set switches over this enum exhaustively; the rules share names (acquire /
 * release / tryAcquire per mode) across {@code explore.LockSteps}, {@code explore.system.LockRules}
 * and {@code graph.LockSteps}.
 */
public enum LockMode {
    /** mutex (and page lock). */
    MUTEX(ObjectKind.MUTEX, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.MUTEX_LOCK, BuiltinOp.MUTEX_UNLOCK,
            BuiltinOp.MUTEX_TRYLOCK),
    SPIN(ObjectKind.SPINLOCK, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.SPIN_LOCK, BuiltinOp.SPIN_UNLOCK,
            BuiltinOp.SPIN_TRYLOCK),
    /** spin_lock_irq / spin_unlock_irq: also disable / enable interrupts. */
    SPIN_IRQ(ObjectKind.SPINLOCK, Hold.EXCLUSIVE, Irq.DISABLE, BuiltinOp.SPIN_LOCK_IRQ, BuiltinOp.SPIN_UNLOCK_IRQ, null),
    /** spin_lock_irqsave / spin_unlock_irqrestore: also save and disable / restore interrupts. */
    SPIN_IRQSAVE(ObjectKind.SPINLOCK, Hold.EXCLUSIVE, Irq.SAVE, BuiltinOp.SPIN_LOCK_IRQSAVE,
            BuiltinOp.SPIN_UNLOCK_IRQRESTORE, null),
    /** spin_lock_bh / spin_unlock_bh: also disable / enable softirqs. */
    SPIN_BH(ObjectKind.SPINLOCK, Hold.EXCLUSIVE, Irq.BH, BuiltinOp.SPIN_LOCK_BH, BuiltinOp.SPIN_UNLOCK_BH, null),
    /** rwsem read side. */
    READ(ObjectKind.RWSEM, Hold.SHARED, Irq.NONE, BuiltinOp.DOWN_READ, BuiltinOp.UP_READ, BuiltinOp.DOWN_READ_TRYLOCK),
    /** rwsem write side, FIFO-queued. */
    WRITE(ObjectKind.RWSEM, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.DOWN_WRITE, BuiltinOp.UP_WRITE,
            BuiltinOp.DOWN_WRITE_TRYLOCK),
    /** jbd2 handle: shared, nests in a thread that already holds one. */
    HANDLE(ObjectKind.JOURNAL, Hold.SHARED, Irq.NONE, BuiltinOp.JOURNAL_START, BuiltinOp.JOURNAL_STOP, null),
    /**
     * jbd2_journal_start_reserved: a handle that joins a transaction whose commit still waits for
     * its handles (start_this_handle skips the T_LOCKED wait for h_reserved), and waits only once
     * that wait is over (T_SWITCH, wait_transaction_switching). Stopped as any handle, by
     * jbd2_journal_stop (LockMode.of finds HANDLE for it first).
     */
    HANDLE_RESERVED(ObjectKind.JOURNAL, Hold.SHARED, Irq.NONE, BuiltinOp.JOURNAL_START_RESERVED,
            BuiltinOp.JOURNAL_STOP, null),
    /** jbd2 commit barrier (lock_updates): exclusive; blocks new handles; lowered with a drain after it. */
    COMMIT(ObjectKind.JOURNAL, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.JOURNAL_LOCK_UPDATES,
            BuiltinOp.JOURNAL_UNLOCK_UPDATES, null),
    /** percpu_down_read: shared; waits only while a writer has blocked readers (no queue, no nesting). */
    PERCPU_READ(ObjectKind.PERCPU_RWSEM, Hold.SHARED, Irq.NONE, BuiltinOp.PERCPU_DOWN_READ, BuiltinOp.PERCPU_UP_READ,
            BuiltinOp.PERCPU_DOWN_READ_TRYLOCK),
    /** percpu_down_write: blocks new readers (sem->block), lowered with a drain of the readers after it. */
    PERCPU_WRITE(ObjectKind.PERCPU_RWSEM, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.PERCPU_DOWN_WRITE,
            BuiltinOp.PERCPU_UP_WRITE, null),
    /** bit_spin_lock: exclusive, spins, interrupts untouched. */
    BIT_SPIN(ObjectKind.BIT_SPINLOCK, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.BIT_SPIN_LOCK, BuiltinOp.BIT_SPIN_UNLOCK,
            BuiltinOp.BIT_SPIN_TRYLOCK),
    /**
     * percpu_ref_get / percpu_ref_put: a reference; never waits, not even on a killed ref
     * (percpu_ref_get has no check); percpu_ref_tryget fails only once a killed ref is at zero.
     */
    REF(ObjectKind.PERCPU_REF, Hold.SHARED, Irq.NONE, BuiltinOp.PERCPU_REF_GET, BuiltinOp.PERCPU_REF_PUT,
            BuiltinOp.PERCPU_REF_TRYGET),
    /**
     * blk_queue_enter / blk_queue_exit: a reference taken with percpu_ref_tryget_live, waiting
     * (wait_event on mq_freeze_wq) while the queue is frozen; the trylock is the bare tryget_live.
     */
    QUEUE_ENTER(ObjectKind.PERCPU_REF, Hold.SHARED, Irq.NONE, BuiltinOp.BLK_QUEUE_ENTER, BuiltinOp.BLK_QUEUE_EXIT,
            BuiltinOp.PERCPU_REF_TRYGET_LIVE),
    /**
     * blk_mq_freeze_queue / blk_mq_unfreeze_queue: the first freeze kills the ref, every freeze
     * then waits for zero (a drain step); freezes nest, in one thread and across threads.
     */
    QUEUE_FREEZE(ObjectKind.PERCPU_REF, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.BLK_MQ_FREEZE_QUEUE,
            BuiltinOp.BLK_MQ_UNFREEZE_QUEUE, null),
    /** lock_map_acquire: lockdep's exclusive acquisition (read 0) of a pseudo-lock; the search never waits. */
    LOCK_MAP(ObjectKind.LOCKDEP_MAP, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.LOCK_MAP_ACQUIRE, BuiltinOp.LOCK_MAP_RELEASE,
            null),
    /** lock_map_acquire_read: lockdep's recursive-read acquisition (read 2); released by the same lock_map_release. */
    LOCK_MAP_READ(ObjectKind.LOCKDEP_MAP, Hold.SHARED, Irq.NONE, BuiltinOp.LOCK_MAP_ACQUIRE_READ,
            BuiltinOp.LOCK_MAP_RELEASE, null),
    /**
     * read_seqbegin / read_seqretry: a sequence reader; spins while a writer is in the write
     * section (__read_seqcount_begin loops while the sequence is odd), never blocks a writer.
     */
    SEQ_READ(ObjectKind.SEQLOCK, Hold.SHARED, Irq.NONE, BuiltinOp.READ_SEQBEGIN, BuiltinOp.READ_SEQRETRY, null),
    /** write_seqlock / write_sequnlock: spin_lock, then write_seqcount_begin. */
    SEQ_WRITE(ObjectKind.SEQLOCK, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.WRITE_SEQLOCK, BuiltinOp.WRITE_SEQUNLOCK, null),
    /** write_seqlock_irq / write_sequnlock_irq: spin_lock_irq, then write_seqcount_begin. */
    SEQ_WRITE_IRQ(ObjectKind.SEQLOCK, Hold.EXCLUSIVE, Irq.DISABLE, BuiltinOp.WRITE_SEQLOCK_IRQ,
            BuiltinOp.WRITE_SEQUNLOCK_IRQ, null),
    /** read_seqcount_begin / read_seqcount_retry: a sequence reader, as SEQ_READ. */
    SEQCOUNT_READ(ObjectKind.SEQCOUNT, Hold.SHARED, Irq.NONE, BuiltinOp.READ_SEQCOUNT_BEGIN,
            BuiltinOp.READ_SEQCOUNT_RETRY, null),
    /** write_seqcount_begin / write_seqcount_end: the caller serializes writers; atomic while held. */
    SEQCOUNT_WRITE(ObjectKind.SEQCOUNT, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.WRITE_SEQCOUNT_BEGIN,
            BuiltinOp.WRITE_SEQCOUNT_END, null),
    /**
     * wait_on_bit_lock / folio_lock: sleep until the bit is clear, then set it; clear_bit_unlock
     * / folio_unlock / folio_end_writeback clear it from any thread (no owner: the folio_unlock
     * of a read's completion, mm/filemap.c "May be called from interrupt or process context"),
     * and clearing a clear bit is the VM_BUG_ON_FOLIO of folio_unlock / folio_end_writeback.
     * The setter waiting on its own bit waits for whoever clears it; it is no recursion.
     */
    BIT_LOCK(ObjectKind.BIT_LOCK, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.WAIT_ON_BIT_LOCK, BuiltinOp.CLEAR_BIT_UNLOCK,
            BuiltinOp.FOLIO_TRYLOCK, BuiltinOp.FOLIO_LOCK, BuiltinOp.FOLIO_UNLOCK, BuiltinOp.FOLIO_END_WRITEBACK),
    /** wait_on_bit / folio_wait_locked / folio_wait_writeback: sleep until the bit is clear, take nothing. */
    BIT_WAIT(ObjectKind.BIT_LOCK, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.WAIT_ON_BIT, BuiltinOp.CLEAR_BIT_UNLOCK, null,
            BuiltinOp.FOLIO_WAIT_LOCKED, BuiltinOp.FOLIO_WAIT_WRITEBACK),
    /**
     * folio_start_writeback: set the bit without waiting (__folio_start_writeback's
     * folio_test_set_writeback; a bit already set stays set, mm/page-writeback.c).
     */
    BIT_SET(ObjectKind.BIT_LOCK, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.FOLIO_START_WRITEBACK,
            BuiltinOp.CLEAR_BIT_UNLOCK, null);

    /** Which of its kind's modes a hold is. */
    public enum Hold { SHARED, EXCLUSIVE }

    /**
     * What lockdep sees of an acquisition: a hold until the release; a hold acquired as a
     * trylock (nothing held orders before it, it orders before what follows); an acquire
     * released at once (it orders after what is held, nothing orders after it); or nothing.
     */
    public enum Lockdep { HELD, TRY_HELD, MOMENT, NONE }

    /** What taking and dropping the lock does to the interrupt flag. */
    public enum Irq {
        NONE,
        /** spin_lock_irq: disable; the unlock enables. */
        DISABLE,
        /** spin_lock_irqsave: save and disable; the unlock restores. */
        SAVE,
        /** spin_lock_bh: disable softirqs (one more level), hard interrupts untouched; the unlock drops the level. */
        BH
    }

    private final ObjectKind kind;
    private final Hold hold;
    private final Irq irq;
    private final BuiltinOp acquire;
    private final BuiltinOp release;
    private final Optional<BuiltinOp> trylock;
    /** Other spellings of the same acquire, release or trylock (folio_lock for wait_on_bit_lock). */
    private final java.util.Set<BuiltinOp> aliases;

    LockMode(ObjectKind kind, Hold hold, Irq irq, BuiltinOp acquire, BuiltinOp release, BuiltinOp trylock,
             BuiltinOp... aliases) {
        this.kind = kind;
        this.hold = hold;
        this.irq = irq;
        this.acquire = acquire;
        this.release = release;
        this.trylock = Optional.ofNullable(trylock);
        this.aliases = java.util.Set.of(aliases);
    }

    public ObjectKind kind() {
        return kind;
    }

    public Hold hold() {
        return hold;
    }

    public Irq irq() {
        return irq;
    }

    /** Acquiring in this mode may sleep (a trylock never does; nor does percpu_ref_get). */
    public boolean sleeps() {
        return switch (this) {
            case REF, BIT_SET -> false;
            case MUTEX, SPIN, SPIN_IRQ, SPIN_IRQSAVE, SPIN_BH, READ, WRITE, HANDLE, HANDLE_RESERVED, COMMIT, PERCPU_READ, PERCPU_WRITE, BIT_SPIN,
                    QUEUE_ENTER, QUEUE_FREEZE, SEQ_READ, SEQ_WRITE, SEQ_WRITE_IRQ, SEQCOUNT_READ, SEQCOUNT_WRITE, LOCK_MAP, LOCK_MAP_READ, BIT_LOCK, BIT_WAIT -> kind.maySleep();
        };
    }

    /**
     * Two threads can both hold the lock in this mode: shared modes, and queue freezes, which
     * share with each other (mq_freeze_depth counts them) while excluding new entries.
     */
    public boolean sharedByHolders() {
        return switch (this) {
            case QUEUE_FREEZE -> true;
            // a wait for the bit and a writeback start hold nothing: any number pass at once
            case BIT_WAIT, BIT_SET -> true;
            case MUTEX, SPIN, SPIN_IRQ, SPIN_IRQSAVE, SPIN_BH, READ, WRITE, HANDLE, HANDLE_RESERVED, COMMIT, PERCPU_READ, PERCPU_WRITE, BIT_SPIN,
                    REF, QUEUE_ENTER, SEQ_READ, SEQ_WRITE, SEQ_WRITE_IRQ, SEQCOUNT_READ, SEQCOUNT_WRITE, LOCK_MAP, LOCK_MAP_READ, BIT_LOCK -> shared();
        };
    }

    /**
     * What lockdep records for an acquisition in this mode. A percpu_ref has no lockdep map; the
     * queue's q_usage_counter has one since Linux 6.13 (f1be1788a32e, block/blk-core.c, block/blk.h):
     * blk_queue_enter acquires it for read and releases it at once, a freeze holds it for write
     * until the unfreeze, acquired with trylock set (blk_freeze_acquire_lock: rwsem_acquire(...,
     * 0, 1, _RET_IP_)).
     */
    public Lockdep lockdep() {
        return switch (this) {
            // lockdep has no map for a bit lock: the bit's set and clear are unseen, a bit lock is
            // ordered as the page lock always was (a held lock: vmlock's graph, not lockdep's),
            // a wait for the bit orders after what the waiter holds
            case REF, BIT_SET -> Lockdep.NONE;
            case BIT_WAIT -> Lockdep.MOMENT;
            // seqcount_lockdep_reader_access: seqcount_acquire_read, then seqcount_release at once
            case QUEUE_ENTER, SEQ_READ, SEQCOUNT_READ -> Lockdep.MOMENT;
            case QUEUE_FREEZE -> Lockdep.TRY_HELD;
            // a lockdep map is held in lockdep's view from lock_map_acquire to lock_map_release
            case MUTEX, SPIN, SPIN_IRQ, SPIN_IRQSAVE, SPIN_BH, READ, WRITE, HANDLE, HANDLE_RESERVED, COMMIT, PERCPU_READ, PERCPU_WRITE, BIT_SPIN,
                    SEQ_WRITE, SEQ_WRITE_IRQ, SEQCOUNT_WRITE, LOCK_MAP,
                    LOCK_MAP_READ, BIT_LOCK -> Lockdep.HELD;
        };
    }

    /** Acquiring in this mode may wait for another holder; a lockdep map's never does. */
    public boolean blocks() {
        return kind.blocks();
    }

    /** Several threads may hold the lock in this mode at once (lockdep's "read"). */
    public boolean shared() {
        return switch (hold) {
            case SHARED -> true;
            case EXCLUSIVE -> false;
        };
    }

    /**
     * A thread that already holds it in this mode just nests (jbd2 handles): the nested acquire
     * never waits nor sleeps.
     */
    public boolean nests() {
        return switch (this) {
            case HANDLE -> true;
            case MUTEX, SPIN, SPIN_IRQ, SPIN_IRQSAVE, SPIN_BH, READ, WRITE, HANDLE_RESERVED, COMMIT, PERCPU_READ, PERCPU_WRITE, BIT_SPIN, REF,
                    QUEUE_ENTER, QUEUE_FREEZE, SEQ_READ, SEQ_WRITE, SEQ_WRITE_IRQ, SEQCOUNT_READ, SEQCOUNT_WRITE, LOCK_MAP, LOCK_MAP_READ, BIT_LOCK, BIT_WAIT, BIT_SET -> false;
        };
    }

    /**
     * The barrier: once taken, the holder also waits until every shared hold has stopped
     * (jbd2_journal_lock_updates; percpu_down_write's rcuwait_wait_event for the readers), a step
     * of its own ({@code Op.JournalDrain}) after the acquire.
     */
    public boolean drains() {
        return switch (this) {
            case COMMIT, PERCPU_WRITE, QUEUE_FREEZE -> true;
            case MUTEX, SPIN, SPIN_IRQ, SPIN_IRQSAVE, SPIN_BH, READ, WRITE, HANDLE, HANDLE_RESERVED, PERCPU_READ, BIT_SPIN, REF, QUEUE_ENTER,
                    SEQ_READ, SEQ_WRITE, SEQ_WRITE_IRQ, SEQCOUNT_READ, SEQCOUNT_WRITE, LOCK_MAP, LOCK_MAP_READ, BIT_LOCK, BIT_WAIT, BIT_SET -> false;
        };
    }

    /** Taking the lock in this mode also disables interrupts (spinlock _irq variants). */
    public boolean disablesIrqs() {
        return switch (irq) {
            case NONE, BH -> false;
            case DISABLE, SAVE -> true;
        };
    }

    public BuiltinOp acquire() {
        return acquire;
    }

    public BuiltinOp release() {
        return release;
    }

    public Optional<BuiltinOp> trylock() {
        return trylock;
    }

    /** The plain exclusive mode of a lock kind: what lockdep's read-0 acquisition of its map is (might_lock). */
    public static LockMode exclusiveOf(ObjectKind kind) {
        return Arrays.stream(values()).filter(m -> m.kind == kind && m.hold == Hold.EXCLUSIVE && m.irq == Irq.NONE)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(kind + " has no exclusive mode"));
    }

    /** The plain shared mode of a lock kind: what lockdep's read-1 acquisition of its map is (might_lock_read). */
    public static LockMode sharedOf(ObjectKind kind) {
        return Arrays.stream(values()).filter(m -> m.kind == kind && m.hold == Hold.SHARED && m.irq == Irq.NONE)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(kind + " has no shared mode"));
    }

    /** The mode a lock, unlock or trylock builtin (or its _nested form) takes, drops or tries. */
    public static Optional<LockMode> of(BuiltinOp annotated) {
        BuiltinOp op = annotated.plain();
        return Arrays.stream(values())
                .filter(m -> m.acquire == op || m.release == op || m.trylock.equals(Optional.of(op))
                        || m.aliases.contains(op))
                .findFirst();
    }
}
