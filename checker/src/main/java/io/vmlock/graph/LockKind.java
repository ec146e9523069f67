package io.vmlock.graph;

/**
 * What a vertex of the lock-order graph stands for. Real locks come from declarations; the
 * pseudo-locks are the contexts lockdep also models as locks, so that "may enter reclaim",
 * "may fault" and "may be interrupted" join the order like any acquisition.
 */
public enum LockKind {
    MUTEX("mutex"),
    SPINLOCK("spinlock"),
    RWSEM("rwsem"),
    /** lockdep's jbd2_handle: a handle is a shared hold, a commit the exclusive one. */
    JOURNAL("journal"),
    /** fs_reclaim / io_reclaim / reclaim: held while a reclaim path runs in the allocating thread. */
    RECLAIM("reclaim"),
    /** fault(mapping): held while the mapping's fault handler runs in the copying thread. */
    FAULT("fault"),
    /** hardirq: held while an interrupt handler runs on the thread it interrupted. */
    HARDIRQ("irq context");

    private final String description;

    LockKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public boolean isPseudo() {
        return this == RECLAIM || this == FAULT || this == HARDIRQ;
    }
}
