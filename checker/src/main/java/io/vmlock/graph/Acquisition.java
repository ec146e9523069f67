package io.vmlock.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The acquisition that makes a dependency: the lock requested, how, and in which state.
 * A trylock never waits, so (as in lockdep) it orders nothing; it is kept to be shown.
 * {@code entry} is the operation that enters a context ({@code copy_from_user},
 * {@code kmalloc(GFP_KERNEL)}) when the lock is a pseudo-lock, empty otherwise.
 */
public record Acquisition(LockClass lock, Instance instance, Access access, boolean trylock,
                          boolean irqsEnabled, Site site, String entry) {
    public Acquisition {
        Objects.requireNonNull(lock);
        Objects.requireNonNull(instance);
        Objects.requireNonNull(access);
        Objects.requireNonNull(site);
        Objects.requireNonNull(entry);
    }

    /** A lock taken by a locking operation, not a context entered. */
    public Acquisition(LockClass lock, Instance instance, Access access, boolean trylock, boolean irqsEnabled,
                       Site site) {
        this(lock, instance, access, trylock, irqsEnabled, site, "");
    }

    public String label() {
        return lock.name() + instance.suffix();
    }

    /**
     * {@code read}, {@code write, trylock}, {@code handle}, {@code irqs off}: the edge label;
     * empty for a plain mutex or spinlock acquisition, which has only one mode.
     */
    public String mode() {
        List<String> parts = new ArrayList<>();
        lock.kind().modeWords().ifPresent(w -> parts.add(w.of(access == Access.SHARED)));
        if (trylock) parts.add("trylock");
        if (!irqsEnabled) parts.add("irqs off");
        return String.join(", ", parts);
    }
}
