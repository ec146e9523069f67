package io.vmlock.explore;

/**
 * One activation on a thread's stack. {@code kind} says how it was entered, so leaving it can
 * undo what entering did (PF_MEMALLOC for reclaim, the in-fault flag, the interrupt or softirq context).
 */
final class Frame {
    static final int CALL = 0;
    static final int INTERRUPT = 1;
    static final int RECLAIM = 2;
    static final int FAULT = 3;
    static final int SOFTIRQ = 4;

    final int proc;
    int pc;
    final int kind;
    final int[] locals;

    Frame(int proc, int pc, int kind, int[] locals) {
        this.proc = proc;
        this.pc = pc;
        this.kind = kind;
        this.locals = locals;
    }

    Frame copy() {
        return new Frame(proc, pc, kind, locals.clone());
    }
}
