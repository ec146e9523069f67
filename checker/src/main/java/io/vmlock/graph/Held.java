package io.vmlock.graph;

import java.util.Objects;

/** A lock held at some point of a path: which instance, how, and where it was taken. */
public record Held(LockClass lock, Instance instance, Access access, Site site) {
    public Held {
        Objects.requireNonNull(lock);
        Objects.requireNonNull(instance);
        Objects.requireNonNull(access);
        Objects.requireNonNull(site);
    }

    /** {@code page_lock[P0]}. */
    public String label() {
        return lock.name() + instance.suffix();
    }
}
