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
    /** rwsem read side. */
    READ(ObjectKind.RWSEM, Hold.SHARED, Irq.NONE, BuiltinOp.DOWN_READ, BuiltinOp.UP_READ, BuiltinOp.DOWN_READ_TRYLOCK),
    /** rwsem write side, FIFO-queued. */
    WRITE(ObjectKind.RWSEM, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.DOWN_WRITE, BuiltinOp.UP_WRITE,
            BuiltinOp.DOWN_WRITE_TRYLOCK),
    /** jbd2 handle: shared, nests in a thread that already holds one. */
    HANDLE(ObjectKind.JOURNAL, Hold.SHARED, Irq.NONE, BuiltinOp.JOURNAL_START, BuiltinOp.JOURNAL_STOP, null),
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
    /** lock_map_acquire: lockdep's exclusive acquisition (read 0) of a pseudo-lock; the search never waits. */
    LOCK_MAP(ObjectKind.LOCKDEP_MAP, Hold.EXCLUSIVE, Irq.NONE, BuiltinOp.LOCK_MAP_ACQUIRE, BuiltinOp.LOCK_MAP_RELEASE,
            null),
    /** lock_map_acquire_read: lockdep's recursive-read acquisition (read 2); released by the same lock_map_release. */
    LOCK_MAP_READ(ObjectKind.LOCKDEP_MAP, Hold.SHARED, Irq.NONE, BuiltinOp.LOCK_MAP_ACQUIRE_READ,
            BuiltinOp.LOCK_MAP_RELEASE, null);

    /** Which of its kind's modes a hold is. */
    public enum Hold { SHARED, EXCLUSIVE }

    /** What taking and dropping the lock does to the interrupt flag. */
    public enum Irq {
        NONE,
        /** spin_lock_irq: disable; the unlock enables. */
        DISABLE,
        /** spin_lock_irqsave: save and disable; the unlock restores. */
        SAVE
    }

    private final ObjectKind kind;
    private final Hold hold;
    private final Irq irq;
    private final BuiltinOp acquire;
    private final BuiltinOp release;
    private final Optional<BuiltinOp> trylock;

    LockMode(ObjectKind kind, Hold hold, Irq irq, BuiltinOp acquire, BuiltinOp release, BuiltinOp trylock) {
        this.kind = kind;
        this.hold = hold;
        this.irq = irq;
        this.acquire = acquire;
        this.release = release;
        this.trylock = Optional.ofNullable(trylock);
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

    /** Acquiring in this mode may sleep (a trylock never does). */
    public boolean sleeps() {
        return kind.maySleep();
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
            case MUTEX, SPIN, SPIN_IRQ, SPIN_IRQSAVE, READ, WRITE, COMMIT, PERCPU_READ, PERCPU_WRITE, BIT_SPIN, LOCK_MAP,
                    LOCK_MAP_READ -> false;
        };
    }

    /**
     * The barrier: once taken, the holder also waits until every shared hold has stopped
     * (jbd2_journal_lock_updates; percpu_down_write's rcuwait_wait_event for the readers), a step
     * of its own ({@code Op.JournalDrain}) after the acquire.
     */
    public boolean drains() {
        return switch (this) {
            case COMMIT, PERCPU_WRITE -> true;
            case MUTEX, SPIN, SPIN_IRQ, SPIN_IRQSAVE, READ, WRITE, HANDLE, PERCPU_READ, BIT_SPIN, LOCK_MAP, LOCK_MAP_READ -> false;
        };
    }

    /** Taking the lock in this mode also disables interrupts (spinlock _irq variants). */
    public boolean disablesIrqs() {
        return switch (irq) {
            case NONE -> false;
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

    /** The mode a lock, unlock or trylock builtin (or its _nested form) takes, drops or tries. */
    public static Optional<LockMode> of(BuiltinOp annotated) {
        BuiltinOp op = annotated.plain();
        return Arrays.stream(values())
                .filter(m -> m.acquire == op || m.release == op || m.trylock.equals(Optional.of(op)))
                .findFirst();
    }
}
