package io.vmlock.findings;

import io.vmlock.ast.ObjectKind;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outcome of checking one scenario: sorted findings, the search figures, and, when a limit
 * stopped the search, which one ({@code incomplete}): such a result is never clean.
 * {@code notes} say what was not done (e.g. the livelock check skipped after a limit).
 * {@code graphPass}: the figures of the lock-order graph pass, when it ran (first; after the search under --first).
 * {@code objectKinds}: the kind of each declared object class by name, for reports that print a
 * kind's facts (lockdep's wait types); empty when the result was built without a program.
 */
public record CheckResult(String file, List<Finding> findings, SearchStats stats, Optional<String> incomplete,
                          List<String> notes, Optional<GraphPassStats> graphPass, SortedMap<String, ObjectKind> objectKinds) {
    public CheckResult {
        Objects.requireNonNull(file);
        findings = findings.stream().sorted(Finding.ORDER).toList();
        Objects.requireNonNull(stats);
        Objects.requireNonNull(incomplete);
        notes = List.copyOf(notes);
        Objects.requireNonNull(graphPass);
        objectKinds = Collections.unmodifiableSortedMap(new TreeMap<>(objectKinds));
    }

    /** A result that does not say what kind each object is. */
    public CheckResult(String file, List<Finding> findings, SearchStats stats, Optional<String> incomplete,
                       List<String> notes, Optional<GraphPassStats> graphPass) {
        this(file, findings, stats, incomplete, notes, graphPass, new TreeMap<>());
    }

    /** This result with the kinds of the program's object classes. */
    public CheckResult withObjectKinds(Map<String, ObjectKind> kinds) {
        return new CheckResult(file, findings, stats, incomplete, notes, graphPass, new TreeMap<>(kinds));
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
