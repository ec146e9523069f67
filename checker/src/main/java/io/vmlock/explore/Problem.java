package io.vmlock.explore;

import io.vmlock.ast.SourceSpan;
import io.vmlock.findings.BlockedAt;
import io.vmlock.findings.WaitLink;
import io.vmlock.verdict.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * A finding as the search first meets it. {@code key} identifies its cause: two problems with one
 * key are one finding (the same cycle along two paths, symmetric copies of a replicated thread).
 * {@code acquired} names locks (of {@code thread}) whose acquisition the report should point at,
 * such as the spinlock held by a sleeping operation. {@code blocked}: for a stuck state (deadlock,
 * hang), where each thread that cannot move is blocked.
 */
record Problem(Verdict verdict, String key, String headline, List<String> details, SourceSpan location,
               int thread, List<String> acquired, List<WaitLink> cycle, List<BlockedAt> blocked) {
    Problem {
        Objects.requireNonNull(verdict);
        Objects.requireNonNull(key);
        Objects.requireNonNull(headline);
        details = List.copyOf(details);
        Objects.requireNonNull(location);
        acquired = List.copyOf(acquired);
        cycle = List.copyOf(cycle);
        blocked = List.copyOf(blocked);
    }

    Problem(Verdict verdict, String key, String headline, List<String> details, SourceSpan location,
            int thread, List<String> acquired, List<WaitLink> cycle) {
        this(verdict, key, headline, details, location, thread, acquired, cycle, List.of());
    }

    Problem(Verdict verdict, String key, String headline, List<String> details, SourceSpan location, int thread) {
        this(verdict, key, headline, details, location, thread, List.of(), List.of());
    }
}
