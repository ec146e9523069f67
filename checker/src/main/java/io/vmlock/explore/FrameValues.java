package io.vmlock.explore;

import io.vmlock.ir.IrExpr;

/** What an expression of the executing frame reads: its locals, the globals and its thread's per-thread slots. */
final class FrameValues implements IrExpr.Values {
    private static final int[] NO_THREAD = new int[0];
    private final int[] locals;
    private final int[] globals;
    private final int[] current;

    /** The procedure whose frame the locals are, or -1: it names what the locals' values mean. */
    final int proc;

    FrameValues(int[] locals, int[] globals) {
        this(locals, globals, -1);
    }

    FrameValues(int[] locals, int[] globals, int proc) {
        this(locals, globals, NO_THREAD, proc);
    }

    private FrameValues(int[] locals, int[] globals, int[] current, int proc) {
        this.locals = locals;
        this.globals = globals;
        this.current = current;
        this.proc = proc;
    }

    /** What the top frame of {@code thread} reads. */
    static FrameValues of(ThreadState thread, State state) {
        Frame frame = thread.top();
        return new FrameValues(frame.locals, state.globals, thread.current, frame.proc);
    }

    public int local(int slot) {
        return locals[slot];
    }

    public int global(int slot) {
        return globals[slot];
    }

    public int current(int slot) {
        return current[slot];
    }
}
