package io.vmlock.findings;

import java.util.Objects;
import java.util.Optional;

/**
 * One thread of a wait-for cycle: what it holds that the previous thread waits for, and what it
 * waits for itself. {@code holdsShared} / {@code waitsShared} mark read / handle holds, which
 * lockdep prints as {@code rlock}.
 *
 * <p>A thread may also wait for an event (a {@code wait_event} condition or a completion) that
 * only other blocked threads could bring about: then {@code waitsForEvent} is set and
 * {@code waitsFor} names the event and those threads, and the next thread of the cycle (one of
 * them) has {@code holdsEvent} set, its {@code holds} naming the same event. {@code holdsClass}
 * and {@code waitsForClass} are the names lockdep would print: the lock instance,
 * {@code jbd2_handle} for the journal, {@code (complete)c} or {@code (wait_event)cond} for
 * events. {@code interrupt} is the interrupt handler the thread waits in, when it does not wait
 * in task context.
 */
public record WaitLink(String thread, String holds, boolean holdsShared, String waitsFor, boolean waitsShared,
                       boolean holdsEvent, boolean waitsForEvent, String holdsClass, String waitsForClass,
                       Optional<String> interrupt) {
    public WaitLink {
        Objects.requireNonNull(thread);
        Objects.requireNonNull(holds);
        Objects.requireNonNull(waitsFor);
        Objects.requireNonNull(holdsClass);
        Objects.requireNonNull(waitsForClass);
        Objects.requireNonNull(interrupt);
    }

    /** A link between locks, in task context, lockdep names equal to the names. */
    public WaitLink(String thread, String holds, boolean holdsShared, String waitsFor, boolean waitsShared) {
        this(thread, holds, holdsShared, waitsFor, waitsShared, false, false, holds, waitsFor, Optional.empty());
    }

    /**
     * {@code writer holds page_lock[P0] and waits for the s_journal commit}; a thread that only
     * brings about what the previous one waits for: {@code jbd2 waits for page_lock[P0]}; a wait
     * in an interrupt handler: {@code ... and waits for i_pages_lock in interrupt bio_endio}.
     */
    public String sentence() {
        String waits = "waits for " + waitsFor + interrupt.map(i -> " in interrupt " + i).orElse("");
        return holdsEvent ? thread + " " + waits : thread + " holds " + holds + " and " + waits;
    }
}
