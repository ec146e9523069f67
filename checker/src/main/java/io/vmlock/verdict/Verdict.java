package io.vmlock.verdict;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of finding vmlock reports, with the stable id used in {@code expect} clauses,
 * baselines, SARIF rules and the README. Kept in one place so they cannot drift apart.
 */
public enum Verdict {
    DEADLOCK("deadlock", "threads wait for each other in a cycle and none can move"),
    HANG("hang", "a thread waits forever for an event or condition nothing can bring about"),
    SLEEP_IN_ATOMIC("sleep-in-atomic", "an operation that may sleep runs while a spinlock is held or interrupts are off"),
    RECURSIVE_LOCK("recursive-lock", "a thread acquires a non-recursive lock it already holds"),
    UNLOCK_NOT_HELD("unlock-not-held", "a thread releases a lock it does not hold"),
    LOCK_HELD_AT_EXIT("lock-held-at-exit", "a thread ends while still holding a lock"),
    ASSERTION("assertion", "an assertion or invariant does not hold"),
    ORDER_VIOLATION("order-violation", "an acquisition breaks a declared lock order"),
    POTENTIAL_DEADLOCK("potential-deadlock", "a lock-order cycle whose edges can coexist, not confirmed by a search"),
    INCOMPLETE("incomplete", "a limit stopped the search before it finished"),
    /** Not a finding: in {@code expect clean}, the absence of every finding. */
    CLEAN("clean", "no findings");

    private final String id;
    private final String summary;

    Verdict(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    public String summary() {
        return summary;
    }

    /**
     * Whether the search stops the thread where it finds this (a recursive lock, an unlock of a
     * lock not held, sleeping in atomic context, a failed assertion): what lies past it in that
     * thread is never explored, until the finding is fixed.
     */
    public boolean stopsItsThread() {
        return switch (this) {
            case RECURSIVE_LOCK, UNLOCK_NOT_HELD, SLEEP_IN_ATOMIC, ASSERTION -> true;
            case DEADLOCK, HANG, LOCK_HELD_AT_EXIT, ORDER_VIOLATION, POTENTIAL_DEADLOCK, INCOMPLETE, CLEAN -> false;
        };
    }

    public static Optional<Verdict> byId(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }
}
