package io.vmlock.explore.system;

import java.util.List;

/**
 * A frame as a position sees it: procedure, pc, how it was entered ({@code io.vmlock.explore}'s
 * frame kinds: call, interrupt, reclaim, fault, softirq) and the values of its pinned parameters (lock,
 * instance and mapping parameters the procedure never assigns), which are part of the position
 * so that operations on them name a known instance.
 */
public record FrameSig(int proc, int pc, int kind, List<Integer> pinned) {
    public static final int CALL = 0;
    public static final int INTERRUPT = 1;
    public static final int RECLAIM = 2;
    public static final int FAULT = 3;
    public static final int SOFTIRQ = 4;

    public FrameSig {
        pinned = List.copyOf(pinned);
    }

    public FrameSig at(int newPc) {
        return new FrameSig(proc, newPc, kind, pinned);
    }
}
