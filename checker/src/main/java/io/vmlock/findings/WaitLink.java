package io.vmlock.findings;

import java.util.Objects;
import java.util.Optional;

/**
 * One thread of a wait-for cycle: what it holds that the previous thread waits for, and what it
 * waits for itself. {@code interrupt} is the interrupt handler the thread waits in, when it does
 * not wait in task context; {@code softirq} says that handler is a softirq.
 *
 * <p>A thread may also wait for an event (a {@code wait_event} condition or a completion) that
 * only other blocked threads could bring about: then it waits for an {@link Event} naming the
 * event and those threads, and the next thread of the cycle (one of them) holds that same event.
 */
public record WaitLink(String thread, End holds, End waitsFor, Optional<String> interrupt, Optional<Behind> behind,
                       boolean softirq) {
    public WaitLink {
        Objects.requireNonNull(thread);
        Objects.requireNonNull(holds);
        Objects.requireNonNull(waitsFor);
        Objects.requireNonNull(interrupt);
        Objects.requireNonNull(behind);
    }

    /** A link whose wait needs no word on the lock's queue, in task context or a hard interrupt. */
    public WaitLink(String thread, End holds, End waitsFor, Optional<String> interrupt) {
        this(thread, holds, waitsFor, interrupt, Optional.empty(), false);
    }

    /** A link in task context or a hard interrupt. */
    public WaitLink(String thread, End holds, End waitsFor, Optional<String> interrupt, Optional<Behind> behind) {
        this(thread, holds, waitsFor, interrupt, behind, false);
    }

    /**
     * Who the wait on a FIFO-fair rwsem is for, when its queue closes the cycle: the next thread
     * of the cycle is a writer queued ahead ({@code QUEUED}: {@code holder waits for r (read),
     * queued behind writer}), or this thread is that queued writer and the next one holds the
     * lock ({@code writer waits for r (write), which reader holds (read)}).
     */
    public record Behind(String thread, How how) {
        public enum How { QUEUED, HOLDS_READ, HOLDS_WRITE }

        public Behind {
            Objects.requireNonNull(thread);
            Objects.requireNonNull(how);
        }

        String words() {
            return switch (how) {
                case QUEUED -> ", queued behind " + thread;
                case HOLDS_READ -> ", which " + thread + " holds (read)";
                case HOLDS_WRITE -> ", which " + thread + " holds (write)";
            };
        }
    }

    /**
     * What a thread of the cycle holds or waits for. {@code name} is how sentences say it;
     * {@code lockdepClass} is the name lockdep would print: the lock instance, {@code jbd2_handle}
     * for the journal, {@code (complete)c} or {@code (wait_event)cond} for events.
     */
    public sealed interface End permits Lock, QueuePlace, Event {
        String name();

        String lockdepClass();

        /** Held or wanted shared (a read or handle hold, a read wait), which lockdep prints as {@code rlock}. */
        boolean shared();
    }

    /**
     * A lock (an instance, a journal's commit or its handles). {@code lockClass} is its class in the
     * scenario: {@code page_lock} for {@code page_lock[P0]}, {@code j} for {@code the j commit}.
     */
    public record Lock(String name, String lockClass, boolean shared, String lockdepClass) implements End {
        public Lock {
            Objects.requireNonNull(name);
            Objects.requireNonNull(lockClass);
            Objects.requireNonNull(lockdepClass);
        }
    }

    /**
     * A place in a FIFO-fair lock's queue: the thread holds nothing the previous thread waits
     * for, but as a writer queued ahead of it, it blocks it all the same.
     */
    public record QueuePlace(String name, String lockClass, String lockdepClass) implements End {
        public QueuePlace {
            Objects.requireNonNull(name);
            Objects.requireNonNull(lockClass);
            Objects.requireNonNull(lockdepClass);
        }

        @Override
        public boolean shared() {
            return false;
        }
    }

    /**
     * An event, "held" by the threads that could bring it about. {@code bitLockClass}: when the
     * event is a bit lock's clearing (a folio lock has no owner), the bit lock's class, through
     * which a lock-order cycle closes.
     */
    public record Event(String name, String lockdepClass, Optional<String> bitLockClass) implements End {
        public Event {
            Objects.requireNonNull(name);
            Objects.requireNonNull(lockdepClass);
            Objects.requireNonNull(bitLockClass);
        }

        public Event(String name, String lockdepClass) {
            this(name, lockdepClass, Optional.empty());
        }

        @Override
        public boolean shared() {
            return false;
        }
    }

    /**
     * {@code writer holds page_lock[P0] and waits for the s_journal commit}; a thread that only
     * brings about what the previous one waits for: {@code jbd2 waits for page_lock[P0]}; a wait
     * in an interrupt handler: {@code ... and waits for i_pages_lock in interrupt bio_endio}; a
     * queued writer: {@code writer waits for r (write), which reader holds (read)}.
     */
    public String sentence() {
        String mode = behind.isEmpty() ? "" : waitsFor.shared() ? " (read)" : " (write)";
        String waits = "waits for " + waitsFor.name() + mode + behind.map(Behind::words).orElse("")
                + interrupt.map(i -> (softirq ? " in softirq " : " in interrupt ") + i).orElse("");
        return holds instanceof Lock ? thread + " holds " + holds.name() + " and " + waits : thread + " " + waits;
    }

    /** Whether this thread is in the cycle only by its place in a lock's queue, holding nothing of it. */
    public boolean queued() {
        return holds instanceof QueuePlace;
    }

    /** Whether either end is an event rather than a lock. */
    public boolean throughEvent() {
        return holds instanceof Event || waitsFor instanceof Event;
    }
}
