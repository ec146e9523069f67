package io.vmlock.explore;

import io.vmlock.ast.SourceSpan;
import io.vmlock.findings.HeldLock;
import io.vmlock.verdict.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What makes two problems one finding: the same cycle along two paths, symmetric copies of a
 * replicated thread. Keys carry no run-time values that differ between such paths, and threads
 * by their canonical name (copies of a replicated thread alike), except where noted.
 */
sealed interface ProblemKey {
    /**
     * A problem at one operation (an assertion, a recursive lock, an unlock of a lock not held,
     * a sleep in atomic context): the operation's position, and what about it ({@code lock} for
     * the lock of a recursive lock or unlock, why the context is atomic; empty for assertions).
     */
    record AtOperation(Verdict verdict, String position, String what) implements ProblemKey {
        public AtOperation {
            Objects.requireNonNull(verdict);
            Objects.requireNonNull(position);
            Objects.requireNonNull(what);
        }

        static AtOperation of(Verdict verdict, SourceSpan span, String what) {
            return new AtOperation(verdict, span.position(), what);
        }
    }

    /** A thread that ends while holding locks. */
    record HeldAtExit(String thread, List<HeldLock> held) implements ProblemKey {
        public HeldAtExit {
            Objects.requireNonNull(thread);
            held = List.copyOf(held);
        }
    }

    /** A wait-for cycle, whichever thread it is found from. */
    record Deadlock(Set<Link> links) implements ProblemKey {
        public Deadlock {
            links = Set.copyOf(links);
        }
    }

    /** One thread of a cycle, and the keys of the resources it holds and waits for. */
    record Link(String thread, String holds, String waitsFor) {
    }

    /** Blocked threads that wait forever. */
    record Hang(Set<Hung> threads) implements ProblemKey {
        public Hang {
            threads = Set.copyOf(threads);
        }
    }

    /** A hung thread: where it is blocked, and what it waits for. */
    record Hung(String thread, String position, String waitsFor) {
    }

    /** Threads that run on in circles and never finish, by their own names, in thread order. */
    record RunsForever(List<String> threads) implements ProblemKey {
        public RunsForever {
            threads = List.copyOf(threads);
        }
    }
}
