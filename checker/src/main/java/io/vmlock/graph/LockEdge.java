package io.vmlock.graph;

import java.util.List;
import java.util.Objects;

/**
 * An edge A -> B of the lock-order graph: B is acquired while A is held, on every path listed.
 * Identity equality, as JGraphT wants for edge objects; at most one edge per ordered pair.
 */
public final class LockEdge {
    private final LockClass source;
    private final LockClass target;
    private final List<Dependency> dependencies;

    public LockEdge(LockClass source, LockClass target, List<Dependency> dependencies) {
        this.source = Objects.requireNonNull(source);
        this.target = Objects.requireNonNull(target);
        this.dependencies = dependencies.stream().sorted(Dependency.ORDER).toList();
        if (this.dependencies.isEmpty()) throw new IllegalArgumentException("an edge needs a witness");
    }

    public LockClass source() {
        return source;
    }

    public LockClass target() {
        return target;
    }

    /** Every witness, in source order. */
    public List<Dependency> dependencies() {
        return dependencies;
    }

    /** The witnesses that can wait: trylocks never do. */
    public List<Dependency> blocking() {
        return dependencies.stream().filter(d -> !d.acquired().trylock()).toList();
    }

    public boolean isBlocking() {
        return dependencies.stream().anyMatch(d -> !d.acquired().trylock());
    }

    /** How many acquisition paths use this edge: the weight of a fix that removes it. */
    public int paths() {
        return dependencies.size();
    }

    @Override
    public String toString() {
        return source + " -> " + target;
    }
}
