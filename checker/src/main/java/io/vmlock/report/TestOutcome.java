package io.vmlock.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How a scenario met its expect clauses ({@code vmlock test}): the clauses, and why not when it did not. */
public record TestOutcome(List<String> expected, Optional<String> unmet) {
    public TestOutcome {
        expected = List.copyOf(expected);
        Objects.requireNonNull(unmet);
    }

    public boolean passed() {
        return unmet.isEmpty();
    }
}
