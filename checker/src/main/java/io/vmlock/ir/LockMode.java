package io.vmlock.ir;

import io.vmlock.ast.ObjectKind;

/**
 * How an acquire, release or trylock holds its lock. The journal is two locks in one, as jbd2
 * and lockdep see it: a handle is a shared hold, the commit barrier ({@code lock_updates}) an
 * exclusive one that also waits for every handle to stop.
 */
public enum LockMode {
    /** mutex (and page lock): exclusive, sleeping. */
    MUTEX(ObjectKind.MUTEX, true, false),
    /** spinlock: exclusive, spinning. */
    SPIN(ObjectKind.SPINLOCK, false, false),
    /** spin_lock_irq / spin_unlock_irq: also disable / enable interrupts. */
    SPIN_IRQ(ObjectKind.SPINLOCK, false, false),
    /** spin_lock_irqsave / spin_unlock_irqrestore: also save and disable / restore interrupts. */
    SPIN_IRQSAVE(ObjectKind.SPINLOCK, false, false),
    /** rwsem read side: shared. */
    READ(ObjectKind.RWSEM, true, true),
    /** rwsem write side: exclusive, FIFO-queued. */
    WRITE(ObjectKind.RWSEM, true, false),
    /** jbd2 handle: shared, nests in a thread that already holds one. */
    HANDLE(ObjectKind.JOURNAL, true, true),
    /** jbd2 commit barrier (lock_updates): exclusive; blocks new handles. */
    COMMIT(ObjectKind.JOURNAL, true, false);

    private final ObjectKind kind;
    private final boolean sleeps;
    private final boolean shared;

    LockMode(ObjectKind kind, boolean sleeps, boolean shared) {
        this.kind = kind;
        this.sleeps = sleeps;
        this.shared = shared;
    }

    public ObjectKind kind() {
        return kind;
    }

    /** Acquiring in this mode may sleep (a trylock never does). */
    public boolean sleeps() {
        return sleeps;
    }

    /** Several threads may hold the lock in this mode at once (lockdep's "read"). */
    public boolean shared() {
        return shared;
    }

    public boolean isSpin() {
        return kind == ObjectKind.SPINLOCK;
    }
}
