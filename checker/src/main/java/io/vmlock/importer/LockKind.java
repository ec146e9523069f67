package io.vmlock.importer;

/** The lock kinds a skeleton declares, with the builtin operations that take and release them. */
public enum LockKind {
    MUTEX("mutex", "mutex_lock", "mutex_unlock", "mutex_lock", "mutex_unlock"),
    SPINLOCK("spinlock", "spin_lock", "spin_unlock", "spin_lock", "spin_unlock"),
    RWSEM("rwsem", "down_write", "up_write", "down_read", "up_read"),
    /** lockdep's jbd2_handle map: a handle is a read hold, a commit barrier a write hold. */
    JOURNAL("journal", "jbd2_journal_lock_updates", "jbd2_journal_unlock_updates", "jbd2_journal_start",
            "jbd2_journal_stop"),
    /** A map only lockdep sees: the workqueue's (wq_completion) and a work item's (work_completion). */
    LOCKDEP_MAP("lockdep_map", "lock_map_acquire", "lock_map_release", "lock_map_acquire", "lock_map_release"),
    /** A percpu rw-semaphore (ext4's s_writepages_rwsem): readers share, a waiting writer blocks new ones. */
    PERCPU_RWSEM("percpu_rwsem", "percpu_down_write", "percpu_up_write", "percpu_down_read", "percpu_up_read"),
    /**
     * A seqlock_t, lockdep's two classes NAME (its spinlock_t) and NAME.seqcount as one lock: a
     * writer write_seqlock()s, a reader read_seqbegin()s (include/linux/seqlock.h).
     */
    SEQLOCK("seqlock", "write_seqlock", "write_sequnlock", "read_seqbegin", "read_seqretry");

    private final String keyword;
    private final String lock;
    private final String unlock;
    private final String lockShared;
    private final String unlockShared;

    LockKind(String keyword, String lock, String unlock, String lockShared, String unlockShared) {
        this.keyword = keyword;
        this.lock = lock;
        this.unlock = unlock;
        this.lockShared = lockShared;
        this.unlockShared = unlockShared;
    }

    public String keyword() {
        return keyword;
    }

    public boolean shareable() {
        return this == RWSEM || this == JOURNAL || this == PERCPU_RWSEM || this == SEQLOCK;
    }

    /** Readers that queue behind a waiting writer: a read/read cycle deadlocks once a writer waits. */
    boolean readersQueueBehindWriter() {
        return this == RWSEM || this == PERCPU_RWSEM;
    }

    String acquire(String name, boolean shared) {
        return (shared && shareable() ? lockShared : lock) + "(" + name + ");";
    }

    String release(String name, boolean shared) {
        return (shared && shareable() ? unlockShared : unlock) + "(" + name + ");";
    }
}
