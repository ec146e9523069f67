package io.vmlock.graph;

import java.util.List;
import java.util.Objects;

/**
 * A vertex of the lock-order graph: a lock class, as lockdep has them. A per-instance class
 * ({@code page_lock[page]}) is one vertex; its instances ({@code P0, P1}) are edge labels.
 */
public record LockClass(String name, LockKind kind, List<String> instances) implements Comparable<LockClass> {
    /** lockdep's one fs_reclaim map: held by reclaim paths that need __GFP_FS. */
    public static final LockClass FS_RECLAIM = pseudo("fs_reclaim", LockKind.Pseudo.RECLAIM);
    /** Held by reclaim paths that need only __GFP_IO: GFP_NOFS allocations still enter them. */
    public static final LockClass IO_RECLAIM = pseudo("io_reclaim", LockKind.Pseudo.RECLAIM);
    /** Held by reclaim paths that need neither: any allocation that may reclaim enters them. */
    public static final LockClass RECLAIM = pseudo("reclaim", LockKind.Pseudo.RECLAIM);
    /** The interrupt context: locks taken by handlers are taken while "holding" it. */
    public static final LockClass HARDIRQ = pseudo("hardirq", LockKind.Pseudo.HARDIRQ);
    /** The softirq context: locks taken by softirq handlers are taken while "holding" it. */
    public static final LockClass SOFTIRQ = pseudo("softirq", LockKind.Pseudo.SOFTIRQ);

    public LockClass {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        instances = List.copyOf(instances);
    }

    /** A class with a single instance. */
    public static LockClass single(String name, LockKind kind) {
        return new LockClass(name, kind, List.of());
    }

    /** The pseudo-lock held while the fault handler of {@code mapping} runs. */
    public static LockClass fault(String mapping) {
        return pseudo("fault(" + mapping + ")", LockKind.Pseudo.FAULT);
    }

    private static LockClass pseudo(String name, LockKind kind) {
        return new LockClass(name, kind, List.of());
    }

    /**
     * The class a *_nested acquisition with this lockdep subclass takes: {@code i_rwsem/1}, as
     * lockdep prints it, a vertex of its own; subclass 0 is the class itself.
     */
    public LockClass nested(int subclass) {
        return subclass == 0 ? this : new LockClass(name + "/" + subclass, kind, instances);
    }

    /** The same lock whatever its subclass: {@code i_rwsem/1} is {@code i_rwsem} (names have no '/'). */
    public boolean sameLock(LockClass o) {
        return lockName().equals(o.lockName()) && kind.equals(o.kind);
    }

    /**
     * The lock's name without the subclass: {@code i_rwsem} for {@code i_rwsem/1}, as a search's
     * findings and the program's lock declarations name it.
     */
    public String lockName() {
        return base(name);
    }

    private static String base(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }

    public boolean isPerInstance() {
        return !instances.isEmpty();
    }

    /** Instances the class has: 1 for a single lock. */
    public int instanceCount() {
        return Math.max(1, instances.size());
    }

    public boolean isPseudo() {
        return kind.isPseudo();
    }

    @Override
    public int compareTo(LockClass o) {
        int c = name.compareTo(o.name);
        return c != 0 ? c : Integer.compare(kind.rank(), o.kind.rank());
    }

    @Override
    public String toString() {
        return name;
    }
}
