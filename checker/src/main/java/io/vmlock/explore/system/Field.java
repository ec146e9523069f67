package io.vmlock.explore.system;

import java.util.Objects;

/**
 * One variable of the state vector. {@code low..high} is the range the compiler guarantees (a
 * write outside it is a finding, never a value), except for {@code open} fields: lock and irq
 * nesting depths, which only the program's structure bounds.
 */
public record Field(int id, String name, Role role, int thread, int low, int high, boolean open) {

    public enum Role {
        /** A global variable slot. */
        GLOBAL,
        /** A word of a lock, journal or completion (owner, queue, count). */
        OBJECT,
        /** A thread's nesting depth of an rwsem's read holds or a journal's handles (open). */
        COUNTER,
        /** Where a thread is: its stack of frames and whether it runs, finished or stopped. */
        POSITION,
        /** A per-thread flag or depth (irqs disabled, saved irq flags, memalloc scopes). */
        FLAG,
        /** A local variable or parameter of a frame on the thread's stack (0 when no frame holds it). */
        LOCAL,
        /** A per-thread variable ({@code current->journal_info}) of the thread. */
        CURRENT
    }

    public Field {
        Objects.requireNonNull(name);
        Objects.requireNonNull(role);
        if (low > high) throw new IllegalArgumentException("empty range for " + name);
    }

    /** Owned by one thread: only that thread reads or writes it. */
    public boolean threadLocal() {
        return role == Role.POSITION || role == Role.FLAG || role == Role.LOCAL || role == Role.CURRENT;
    }
}
