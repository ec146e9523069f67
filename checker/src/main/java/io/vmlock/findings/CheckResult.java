package io.vmlock.findings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking one scenario: sorted findings, the search figures, and, when a limit
 * stopped the search, which one ({@code incomplete}): such a result is never clean.
 * {@code notes} say what was not done (e.g. the livelock check skipped after a limit).
 * {@code graphPass}: the figures of the lock-order graph pass, when it ran (first; after the search under --first).
 */
public record CheckResult(String file, List<Finding> findings, SearchStats stats, Optional<String> incomplete,
                          List<String> notes, Optional<GraphPassStats> graphPass) {
    public CheckResult {
        Objects.requireNonNull(file);
        findings = findings.stream().sorted(Finding.ORDER).toList();
        Objects.requireNonNull(stats);
        Objects.requireNonNull(incomplete);
        notes = List.copyOf(notes);
        Objects.requireNonNull(graphPass);
    }

    /** A search result on its own, without a graph pass. */
    public CheckResult(String file, List<Finding> findings, SearchStats stats, Optional<String> incomplete,
                       List<String> notes) {
        this(file, findings, stats, incomplete, notes, Optional.empty());
    }

    public boolean complete() {
        return incomplete.isEmpty();
    }

    public boolean clean() {
        return complete() && findings.isEmpty();
    }
}
