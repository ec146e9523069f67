package io.vmlock.findings;

import java.util.Objects;

/**
 * One thread of a wait-for cycle: what it holds that the previous thread waits for, and what it
 * waits for itself. {@code holdsShared} / {@code waitsShared} mark read / handle holds, which
 * lockdep prints as {@code rlock}.
 */
public record WaitLink(String thread, String holds, boolean holdsShared, String waitsFor, boolean waitsShared) {
    public WaitLink {
        Objects.requireNonNull(thread);
        Objects.requireNonNull(holds);
        Objects.requireNonNull(waitsFor);
    }

    /** {@code writer holds page_lock[P0] and waits for the journal commit}. */
    public String sentence() {
        return thread + " holds " + holds + " and waits for " + waitsFor;
    }
}
