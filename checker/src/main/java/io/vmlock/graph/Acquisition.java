package io.vmlock.graph;

import java.util.Objects;

/**
 * The acquisition that makes a dependency: the lock requested, how, and in which state.
 * A trylock never waits, so (as in lockdep) it orders nothing; it is kept to be shown.
 */
public record Acquisition(LockClass lock, Instance instance, Access access, boolean trylock,
                          boolean irqsEnabled, Site site) {
    public Acquisition {
        Objects.requireNonNull(lock);
        Objects.requireNonNull(instance);
        Objects.requireNonNull(access);
        Objects.requireNonNull(site);
    }

    public String label() {
        return lock.name() + instance.suffix();
    }

    /** {@code read}, {@code write, trylock}, {@code write, irqs off}: the edge label. */
    public String mode() {
        StringBuilder s = new StringBuilder(access.word());
        if (trylock) s.append(", trylock");
        if (!irqsEnabled) s.append(", irqs off");
        return s.toString();
    }
}
