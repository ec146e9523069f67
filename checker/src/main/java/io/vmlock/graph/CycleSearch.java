package io.vmlock.graph;

import java.util.List;
import java.util.Set;

/**
 * The cycles of a lock-order graph: its strongly connected components with more than one class
 * (or a self-loop), and their elementary cycles, shortest first. {@code cut} says the bound on
 * cycle count or length stopped the enumeration: more cycles exist than are listed.
 */
public record CycleSearch(List<Set<LockClass>> components, List<LockCycle> cycles, boolean cut,
                          int maxLength, int maxCycles) {
    public CycleSearch {
        components = components.stream().map(Set::copyOf).toList();
        cycles = List.copyOf(cycles);
    }

    public boolean acyclic() {
        return components.isEmpty();
    }
}
