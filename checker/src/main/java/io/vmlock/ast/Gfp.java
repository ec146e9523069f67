package io.vmlock.ast;

import java.util.Arrays;
import java.util.Optional;

/** GFP allocation contexts: whether the allocation may sleep, and which reclaim it may enter. */
public enum Gfp {
    GFP_KERNEL(true, true, true),
    GFP_NOFS(true, true, false),
    GFP_NOIO(true, false, false),
    GFP_NOWAIT(false, false, false),
    GFP_ATOMIC(false, false, false);

    private final boolean mayReclaim;
    private final boolean io;
    private final boolean fs;

    Gfp(boolean mayReclaim, boolean io, boolean fs) {
        this.mayReclaim = mayReclaim;
        this.io = io;
        this.fs = fs;
    }

    /** Direct reclaim sleeps; an allocation that may reclaim may sleep. */
    public boolean mayReclaim() {
        return mayReclaim;
    }

    /** __GFP_IO: reclaim may start I/O. */
    public boolean allowsIo() {
        return io;
    }

    /** __GFP_FS: reclaim may call into the filesystem. */
    public boolean allowsFs() {
        return fs;
    }

    public static Optional<Gfp> byName(String name) {
        return Arrays.stream(values()).filter(g -> g.name().equals(name)).findFirst();
    }
}
