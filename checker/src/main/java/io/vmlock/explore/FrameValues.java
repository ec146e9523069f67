package io.vmlock.explore;

import io.vmlock.ir.IrExpr;

/** What an expression of the executing frame reads: its locals and the globals. */
final class FrameValues implements IrExpr.Values {
    private final int[] locals;
    private final int[] globals;

    FrameValues(int[] locals, int[] globals) {
        this.locals = locals;
        this.globals = globals;
    }

    static FrameValues of(Frame frame, State state) {
        return new FrameValues(frame.locals, state.globals);
    }

    public int local(int slot) {
        return locals[slot];
    }

    public int global(int slot) {
        return globals[slot];
    }
}
