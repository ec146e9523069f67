package io.vmlock.explore.system;

import java.util.Arrays;

/**
 * Where a thread's control stands: each frame's procedure and pc, bottom first. Resolving control
 * between two steps is a loop without an operation only when it comes back to the same position
 * with the same callers: a procedure called twice in one statement ({@code f() && !f()}) or by two
 * statements in a row is not a loop, though its frame sits at the same depth and pc both times.
 */
public final class ControlPosition {
    private final long[] sites;
    private final int hash;

    private ControlPosition(long[] sites) {
        this.sites = sites;
        this.hash = Arrays.hashCode(sites);
    }

    /** {@code procs[i]} and {@code pcs[i]} are frame i's, bottom first. */
    public static ControlPosition of(int[] procs, int[] pcs) {
        long[] sites = new long[procs.length];
        for (int i = 0; i < procs.length; i++) sites[i] = ((long) procs[i] << 32) | (pcs[i] & 0xffffffffL);
        return new ControlPosition(sites);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlPosition p && hash == p.hash && Arrays.equals(sites, p.sites);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
