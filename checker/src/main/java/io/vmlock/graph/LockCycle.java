package io.vmlock.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An elementary cycle of the lock-order graph, A -> B -> ... -> A, rotated to start at its
 * least class so that the same cycle always reads the same.
 */
public record LockCycle(List<LockEdge> edges) {
    /** Shortest first, then by the classes' names. */
    public static final Comparator<LockCycle> RANK = Comparator.comparingInt(LockCycle::length)
            .thenComparing(LockCycle::toString);

    public LockCycle {
        edges = rotateToLeast(List.copyOf(edges));
        if (edges.isEmpty()) throw new IllegalArgumentException("a cycle has an edge");
        for (int i = 0; i < edges.size(); i++) {
            LockEdge next = edges.get((i + 1) % edges.size());
            if (!edges.get(i).target().equals(next.source())) {
                throw new IllegalArgumentException("edges do not chain: " + edges);
            }
        }
    }

    private static List<LockEdge> rotateToLeast(List<LockEdge> edges) {
        int least = 0;
        for (int i = 1; i < edges.size(); i++) {
            if (edges.get(i).source().compareTo(edges.get(least).source()) < 0) least = i;
        }
        List<LockEdge> rotated = new ArrayList<>(edges.subList(least, edges.size()));
        rotated.addAll(edges.subList(0, least));
        return rotated;
    }

    public int length() {
        return edges.size();
    }

    /** The classes in cycle order, each once. */
    public List<LockClass> classes() {
        return edges.stream().map(LockEdge::source).toList();
    }

    /** {@code a -> b -> a}. */
    @Override
    public String toString() {
        return edges.stream().map(e -> e.source().name()).collect(Collectors.joining(" -> "))
                + " -> " + edges.get(0).source().name();
    }
}
