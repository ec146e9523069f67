package io.vmlock.findings;

import java.util.List;
import java.util.Objects;

/**
 * A lock-order cycle the check found to be no finding, as its class names in cycle order (from
 * the least, as the graph pass rotates them), and why: the graph pass dismissed it (instances
 * differ, read/read, infeasible) or a complete search refuted it.
 */
public record DismissedCycle(List<String> classes, String reason) {
    public DismissedCycle {
        classes = List.copyOf(classes);
        if (classes.isEmpty()) throw new IllegalArgumentException("a cycle has a class");
        Objects.requireNonNull(reason);
    }

    /** {@code a -> b -> a}. */
    public String text() {
        return String.join(" -> ", classes) + " -> " + classes.get(0);
    }
}
