package io.vmlock.explore;

import io.vmlock.ast.SourceSpan;
import io.vmlock.verdict.Verdict;
import java.util.List;
import io.vmlock.findings.WaitLink;
import java.util.Objects;

/**
 * A finding as the search first meets it. {@code key} identifies its cause: two problems with one
 * key are one finding (the same cycle along two paths, symmetric copies of a replicated thread).
 * {@code acquired} names locks (of {@code thread}) whose acquisition the report should point at,
 * such as the spinlock held by a sleeping operation.
 */
record Problem(Verdict verdict, String key, String headline, List<String> details, SourceSpan location,
               int thread, List<String> acquired, List<WaitLink> cycle) {
    Problem {
        Objects.requireNonNull(verdict);
        Objects.requireNonNull(key);
        Objects.requireNonNull(headline);
        details = List.copyOf(details);
        Objects.requireNonNull(location);
        acquired = List.copyOf(acquired);
        cycle = List.copyOf(cycle);
    }

    Problem(Verdict verdict, String key, String headline, List<String> details, SourceSpan location, int thread) {
        this(verdict, key, headline, details, location, thread, List.of(), List.of());
    }
}
