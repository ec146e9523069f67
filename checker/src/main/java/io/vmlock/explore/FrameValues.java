package io.vmlock.explore;

import io.vmlock.ir.IrExpr;

/** What an expression of the executing frame reads: its locals and the globals. */
final class FrameValues implements IrExpr.Values {
    private final int[] locals;
    private final int[] globals;

    /** The procedure whose frame the locals are, or -1: it names what the locals' values mean. */
    final int proc;

    FrameValues(int[] locals, int[] globals) {
        this(locals, globals, -1);
    }

    FrameValues(int[] locals, int[] globals, int proc) {
        this.locals = locals;
        this.globals = globals;
        this.proc = proc;
    }

    static FrameValues of(Frame frame, State state) {
        return new FrameValues(frame.locals, state.globals, frame.proc);
    }

    public int local(int slot) {
        return locals[slot];
    }

    public int global(int slot) {
        return globals[slot];
    }
}
