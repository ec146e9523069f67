package io.vmlock.ast;

/** The kinds of synchronisation object a scenario declares. */
public enum ObjectKind {
    MUTEX("mutex", true),
    SPINLOCK("spinlock", true),
    RWSEM("rwsem", true),
    JOURNAL("journal", true),
    COMPLETION("completion", false);

    private final String keyword;
    private final boolean lock;

    ObjectKind(String keyword, boolean lock) {
        this.keyword = keyword;
        this.lock = lock;
    }

    public String keyword() {
        return keyword;
    }

    /** Locks join the lock-order graph; completions are events. */
    public boolean isLock() {
        return lock;
    }
}
