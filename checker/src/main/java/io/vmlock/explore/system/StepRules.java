package io.vmlock.explore.system;

import io.vmlock.ir.Invocation;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.ObjectRef;
import io.vmlock.ir.Op;
import java.util.function.BiConsumer;

/**
 * The step operations as guarded updates, rule for rule the explorer's {@code Steps}: the
 * sleep-in-atomic check first for operations that may sleep, then the operation, each way it can
 * go (proceed, block, fail with a finding) as its own path. Lock rules are in {@link LockRules}.
 */
final class StepRules {
    static final int COMPLETION_CAP = 15;
    static final int SCOPE_CAP = 15;

    /** What a step leads to. */
    interface Outcome {
        /** A finding stops the thread at the step. */
        void fail(StepPath p);

        /** The step may sleep in atomic context: a finding that stops the thread at the step. */
        void sleepsInAtomic(StepPath p);

        /** The step is done; control goes on at {@code next}. */
        void proceed(StepPath p, int next);

        /** down_write joined the rwsem's queue: the thread stays at the step. */
        void queued(StepPath p);

        /** The step enters a reclaim path or fault handler, returning to {@code next}. */
        void enter(StepPath p, int next, Invocation invocation, int kind);
    }

    final IrProgram program;
    final Translate translate;
    final Fields fields;
    final LockRules locks;

    StepRules(IrProgram program, Translate translate, Fields fields) {
        this.program = program;
        this.translate = translate;
        this.fields = fields;
        this.locks = new LockRules(translate, fields, this);
    }

    void execute(StepPath p, Op op, Outcome out) {
        op.accept(new StepVisitor(this, p, out));
    }

    /** Splits off the failing path; false when nothing is left. */
    boolean unless(StepPath p, Expr failure, Outcome out) {
        if (!Expr.isFalse(failure)) {
            StepPath f = p.copy().when(failure);
            if (!f.dead) out.fail(f);
            p.when(Expr.not(failure));
        }
        return !p.dead;
    }

    /** The sleep-in-atomic rule: an operation that may sleep, with a spinlock held, irqs off, softirqs masked or in a handler (softirqs too). */
    boolean mayRun(StepPath p, Expr sleeps, Outcome out) {
        Expr failure = Expr.and(sleeps, atomicContext(p));
        if (!Expr.isFalse(failure)) {
            StepPath f = p.copy().when(failure);
            if (!f.dead) out.sleepsInAtomic(f);
            p.when(Expr.not(failure));
        }
        return !p.dead;
    }

    Expr atomicContext(StepPath p) {
        if (p.inFrameOfKind(FrameSig.INTERRUPT) || p.inFrameOfKind(FrameSig.SOFTIRQ)) return Expr.TRUE;
        Expr atomic = Expr.truth(p.read(fields.flag(p.thread, Flag.IRQ)));
        // local_bh_disable adds SOFTIRQ_DISABLE_OFFSET to preempt_count, which __might_resched reads
        atomic = Expr.or(atomic, Expr.binary(io.vmlock.ast.Expr.BinaryOp.GT, p.read(fields.flag(p.thread, Flag.BH)), Expr.FALSE));
        for (int i = 0; i < fields.instances(); i++) {
            if (fields.kind(i).atomicWhileHeld()) atomic = Expr.or(atomic, heldBy(p, fields.object(i, 0)));
        }
        return atomic;
    }

    /** The owner word names the thread, in task, interrupt or (when the program has softirqs) softirq context. */
    Expr heldBy(StepPath p, int ownerField) {
        Expr owner = p.read(ownerField);
        Expr held = Expr.eq(owner, Expr.constant(p.thread + 1));
        for (int context = 1; context < fields.contexts(); context++) {
            held = Expr.or(held, Expr.eq(owner, Expr.constant(p.thread + 1 + context * fields.threads())));
        }
        return held;
    }

    /**
     * The owner token of the thread where it runs: task, hard interrupt (also one that arrived in
     * a softirq) or softirq context, as the reference's {@code Layout#token}.
     */
    int token(StepPath p) {
        if (p.inFrameOfKind(FrameSig.INTERRUPT)) return p.thread + 1 + fields.threads();
        return p.thread + 1 + (p.inFrameOfKind(FrameSig.SOFTIRQ) ? 2 * fields.threads() : 0);
    }

    /** Evaluates the reference (failing when it has no instance), then runs the rule per instance it may name. */
    void perInstance(StepPath p, ObjectRef ref, Outcome out, BiConsumer<StepPath, Integer> rule) {
        if (!unless(p, Expr.not(translate.defined(ref, p)), out)) return;
        Expr instance = translate.instance(ref, p);
        if (instance instanceof Expr.Const c) {
            rule.accept(p, c.value());
            return;
        }
        for (int k : translate.candidates(ref)) {
            StepPath q = p.copy().when(Expr.eq(instance, Expr.constant(k)));
            if (!q.dead) rule.accept(q, k);
        }
    }

    void saveIrq(StepPath p) {
        int irq = fields.flag(p.thread, Flag.IRQ);
        int depth = fields.flag(p.thread, Flag.IRQ_SAVE);
        int bits = fields.irqBits(p.thread);
        p.write(bits, Expr.binary(io.vmlock.ast.Expr.BinaryOp.ADD,
                Expr.binary(io.vmlock.ast.Expr.BinaryOp.MUL, p.read(bits), Expr.constant(2)), Expr.truth(p.read(irq))));
        p.write(depth, Expr.binary(io.vmlock.ast.Expr.BinaryOp.ADD, p.read(depth), Expr.TRUE));
        p.write(irq, Expr.TRUE);
    }

    /** local_bh_disable, spin_lock_bh: one more level of softirq masking. */
    void disableBh(StepPath p) {
        int bh = fields.flag(p.thread, Flag.BH);
        p.write(bh, Expr.binary(io.vmlock.ast.Expr.BinaryOp.ADD, p.read(bh), Expr.TRUE));
    }

    /** local_bh_enable, spin_unlock_bh: one level less; an unbalanced one leaves softirqs on. The path forks. */
    void enableBh(StepPath p, int next, Outcome out) {
        int bh = fields.flag(p.thread, Flag.BH);
        Expr masked = Expr.binary(io.vmlock.ast.Expr.BinaryOp.GT, p.read(bh), Expr.FALSE);
        StepPath unbalanced = p.copy().when(Expr.not(masked));
        if (!unbalanced.dead) out.proceed(unbalanced, next);
        p.when(masked);
        if (p.dead) return;
        p.write(bh, Expr.binary(io.vmlock.ast.Expr.BinaryOp.SUB, p.read(bh), Expr.TRUE));
        out.proceed(p, next);
    }

    /** An unbalanced restore just enables; otherwise pops the innermost saved bit. The path forks. */
    void restoreIrq(StepPath p, int next, Outcome out) {
        int irq = fields.flag(p.thread, Flag.IRQ);
        int depth = fields.flag(p.thread, Flag.IRQ_SAVE);
        int bits = fields.irqBits(p.thread);
        Expr empty = Expr.eq(p.read(depth), Expr.FALSE);
        StepPath none = p.copy().when(empty);
        if (!none.dead) {
            none.write(irq, Expr.FALSE);
            out.proceed(none, next);
        }
        p.when(Expr.not(empty));
        if (p.dead) return;
        p.write(irq, Expr.ne(Expr.binary(io.vmlock.ast.Expr.BinaryOp.MOD, p.read(bits), Expr.constant(2)), Expr.FALSE));
        p.write(bits, Expr.binary(io.vmlock.ast.Expr.BinaryOp.DIV, p.read(bits), Expr.constant(2)));
        p.write(depth, Expr.binary(io.vmlock.ast.Expr.BinaryOp.SUB, p.read(depth), Expr.TRUE));
        out.proceed(p, next);
    }
}
