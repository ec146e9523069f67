package io.vmlock.graph;

import java.util.Objects;

/**
 * A global variable guards may mention. {@code stable}: no statement of a run assigns it, so
 * every thread sees its initial value and conditions on it must hold together. A variable that
 * some thread writes may change between two threads' tests, so its conditions do not constrain
 * each other. The graph walk itself records no guards: it computes conditions on stable
 * variables and does not walk the branches they rule out, and keeps nothing of other conditions.
 */
public record GuardVariable(String name, long low, long high, long initial, boolean stable) {
    public GuardVariable {
        Objects.requireNonNull(name);
        if (low > high) throw new IllegalArgumentException(name + ": empty range " + low + ".." + high);
    }
}
