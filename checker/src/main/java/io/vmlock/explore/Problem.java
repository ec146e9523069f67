package io.vmlock.explore;

import io.vmlock.ast.SourceSpan;
import io.vmlock.findings.BlockedAt;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.WaitLink;
import io.vmlock.verdict.Verdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A finding as the search first meets it. {@code key} identifies its cause: two problems with one
 * key are one finding. {@code acquired} names locks (of {@code thread}) whose acquisition the
 * report should point at, such as the spinlock held by a sleeping operation: a lock in any mode
 * ({@link io.vmlock.findings.HeldLock#lock}), or a lock held in one mode as traces print it.
 * {@code blocked}: for a stuck state (deadlock, hang), where each thread that cannot move is blocked.
 * {@code retake}: for a recursive lock, the lock taken again and the mode asked for
 * ({@link io.vmlock.findings.Finding#retake}).
 */
record Problem(Verdict verdict, ProblemKey key, String headline, List<String> details, SourceSpan location,
               int thread, List<String> acquired, List<WaitLink> cycle, List<BlockedAt> blocked,
               Optional<HeldLock> retake) {
    Problem {
        Objects.requireNonNull(verdict);
        Objects.requireNonNull(key);
        Objects.requireNonNull(headline);
        details = List.copyOf(details);
        Objects.requireNonNull(location);
        acquired = List.copyOf(acquired);
        cycle = List.copyOf(cycle);
        blocked = List.copyOf(blocked);
        Objects.requireNonNull(retake);
    }

    Problem(Verdict verdict, ProblemKey key, String headline, List<String> details, SourceSpan location,
            int thread, List<String> acquired, List<WaitLink> cycle, List<BlockedAt> blocked) {
        this(verdict, key, headline, details, location, thread, acquired, cycle, blocked, Optional.empty());
    }

    Problem(Verdict verdict, ProblemKey key, String headline, List<String> details, SourceSpan location,
            int thread, List<String> acquired, List<WaitLink> cycle) {
        this(verdict, key, headline, details, location, thread, acquired, cycle, List.of());
    }

    Problem(Verdict verdict, ProblemKey key, String headline, List<String> details, SourceSpan location, int thread) {
        this(verdict, key, headline, details, location, thread, List.of(), List.of());
    }

    /** Every failed assertion at one operation is one finding, whatever the values that fail it. */
    static Problem assertion(String headline, List<String> details, SourceSpan location, int thread) {
        return new Problem(Verdict.ASSERTION, ProblemKey.AtOperation.of(Verdict.ASSERTION, location, ""), headline,
                details, location, thread);
    }
}
