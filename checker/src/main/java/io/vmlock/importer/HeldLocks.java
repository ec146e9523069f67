package io.vmlock.importer;

import java.util.List;

/** A task's held-locks list as printed, and how many locks lockdep said it holds. */
public record HeldLocks(String task, int count, List<HeldLock> locks) {
    public HeldLocks {
        locks = List.copyOf(locks);
    }

    /** Whether the input ended (or was cut) before the list did. */
    public boolean incomplete() {
        return locks.size() < count;
    }
}
