package io.vmlock.explore;

import java.util.Arrays;

/** The per-thread part of a state: its stack and the flags the kernel keeps per task / CPU. */
final class ThreadState {
    static final int RUNNING = 0;
    static final int FINISHED = 1;
    /** Stopped by a finding (recursive lock, assertion, ...): holds what it held, never moves. */
    static final int ERROR = 2;

    int status;
    boolean irqDisabled;
    /** local_irq_save / spin_lock_irqsave stack of saved "disabled" bits, innermost in bit 0. */
    int irqSaveDepth;
    int irqSaveBits;
    /** Softirqs disabled, as levels (local_bh_disable, spin_lock_bh, running a softirq); 0 lets one arrive. */
    int bhDepth;
    int nofsDepth;
    int noioDepth;
    int noreclaimDepth;
    /** pagefault_disable() depth: a user copy comes back short instead of faulting. */
    int pagefaultDepth;
    Frame[] frames;
    /** The thread's per-thread variables ({@code current->journal_info}), by slot. */
    int[] current;

    ThreadState(Frame[] frames, int[] current) {
        this.frames = frames;
        this.current = current;
    }

    ThreadState copy() {
        ThreadState t = new ThreadState(new Frame[frames.length], current.clone());
        for (int i = 0; i < frames.length; i++) t.frames[i] = frames[i].copy();
        t.status = status;
        t.irqDisabled = irqDisabled;
        t.irqSaveDepth = irqSaveDepth;
        t.irqSaveBits = irqSaveBits;
        t.bhDepth = bhDepth;
        t.nofsDepth = nofsDepth;
        t.noioDepth = noioDepth;
        t.noreclaimDepth = noreclaimDepth;
        t.pagefaultDepth = pagefaultDepth;
        return t;
    }

    Frame top() {
        return frames[frames.length - 1];
    }

    void push(Frame f) {
        frames = Arrays.copyOf(frames, frames.length + 1);
        frames[frames.length - 1] = f;
    }

    Frame pop() {
        Frame f = top();
        frames = Arrays.copyOf(frames, frames.length - 1);
        return f;
    }

    boolean inFrameOfKind(int kind) {
        for (Frame f : frames) {
            if (f.kind == kind) return true;
        }
        return false;
    }

    /** In a hard interrupt or a softirq handler: interrupt context, where nothing may sleep. */
    boolean inInterrupt() {
        return inFrameOfKind(Frame.INTERRUPT) || inFrameOfKind(Frame.SOFTIRQ);
    }

    /**
     * The context lockdep's usage bits read, with interrupts and softirqs as {@code irqsOn} and
     * {@code softirqsOn} say (they may change at the step).
     */
    io.vmlock.findings.StepContext context(boolean irqsOn, boolean softirqsOn, boolean fsReclaimAllocation) {
        return new io.vmlock.findings.StepContext(irqsOn, inFrameOfKind(Frame.INTERRUPT), inFrameOfKind(Frame.RECLAIM),
                fsReclaimAllocation, irqsOn && softirqsOn, inFrameOfKind(Frame.SOFTIRQ));
    }

    /** PF_MEMALLOC: set while running a reclaim path, and in a memalloc_noreclaim scope. */
    boolean noDirectReclaim() {
        return noreclaimDepth > 0 || inFrameOfKind(Frame.RECLAIM);
    }

    void saveIrq() {
        irqSaveBits = (irqSaveBits << 1) | (irqDisabled ? 1 : 0);
        irqSaveDepth++;
        irqDisabled = true;
    }

    /** local_bh_enable: one level less; an unbalanced one leaves softirqs on (the kernel warns). */
    void enableBh() {
        if (bhDepth > 0) bhDepth--;
    }

    /** An unbalanced restore just enables, as restoring a zeroed flags word would. */
    void restoreIrq() {
        if (irqSaveDepth == 0) {
            irqDisabled = false;
            return;
        }
        irqDisabled = (irqSaveBits & 1) != 0;
        irqSaveBits >>>= 1;
        irqSaveDepth--;
    }
}
