package io.vmlock.findings;

import java.util.Objects;

/**
 * A lock a thread holds at some step of a trace, and how. {@code lock} names it as the wait-for
 * cycle does ({@code page_lock[P0]}, {@code mmap_lock}, {@code a handle on j},
 * {@code the j commit}): diagrams draw one participant per {@code lock}, whatever the mode.
 * {@code object} is the declared object held: the lock itself, or a handle's or commit's journal.
 */
public record HeldLock(String lock, Mode mode, String object) {
    /** How the lock is held; the explorer's traces name a rwsem's mode, the other locks say it in their name. */
    public enum Mode {
        /** A mutex or a spinlock: one mode, so the name alone. */
        EXCLUSIVE,
        /** A rwsem held by a reader. */
        READ,
        /** A rwsem held by its writer. */
        WRITE,
        /** A jbd2 journal handle (shared with the other handles). */
        HANDLE,
        /** A jbd2 journal commit (exclusive: updates locked). */
        COMMIT,
        /** The lock-order graph pass's sketched traces, which name locks without their mode. */
        UNSTATED
    }

    public HeldLock {
        Objects.requireNonNull(lock);
        Objects.requireNonNull(mode);
        Objects.requireNonNull(object);
    }

    /** A lock that is its own object (all but a journal's handle and commit). */
    public HeldLock(String lock, Mode mode) {
        this(lock, mode, lock);
    }

    /** {@code page_lock[P0]}, {@code mmap_lock (read)}, {@code a handle on j}: as traces print it. */
    public String text() {
        return switch (mode) {
            case READ -> lock + " (read)";
            case WRITE -> lock + " (write)";
            case EXCLUSIVE, HANDLE, COMMIT, UNSTATED -> lock;
        };
    }
}
