package io.vmlock.explore.system;

import io.vmlock.ast.ObjectKind;
import io.vmlock.ir.Invocation;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.LockMode;
import io.vmlock.ir.MappingDef;
import io.vmlock.ir.ObjectRef;
import io.vmlock.ir.Op;
import io.vmlock.ir.ReclaimPath;
import io.vmlock.ir.VarRef;
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
        void fail(Path p);

        /** The step may sleep in atomic context: a finding that stops the thread at the step. */
        void sleepsInAtomic(Path p);

        /** The step is done; control goes on at {@code next}. */
        void proceed(Path p, int next);

        /** down_write joined the rwsem's queue: the thread stays at the step. */
        void queued(Path p);

        /** The step enters a reclaim path or fault handler, returning to {@code next}. */
        void enter(Path p, int next, Invocation invocation, int kind);
    }

    private final IrProgram program;
    private final Translate tr;
    private final Fields fields;
    private final LockRules locks;

    StepRules(IrProgram program, Translate tr, Fields fields) {
        this.program = program;
        this.tr = tr;
        this.fields = fields;
        this.locks = new LockRules(tr, fields, this);
    }

    void execute(Path p, Op op, Outcome out) {
        op.accept(new Rules(p, out));
    }

    /** Splits off the failing path; false when nothing is left. */
    boolean unless(Path p, Expr failure, Outcome out) {
        if (!Expr.isFalse(failure)) {
            Path f = p.copy().when(failure);
            if (!f.dead) out.fail(f);
            p.when(Expr.not(failure));
        }
        return !p.dead;
    }

    /** The sleep-in-atomic rule: an operation that may sleep, with a spinlock held, irqs off or in a handler. */
    boolean mayRun(Path p, Expr sleeps, Outcome out) {
        Expr failure = Expr.and(sleeps, atomicContext(p));
        if (!Expr.isFalse(failure)) {
            Path f = p.copy().when(failure);
            if (!f.dead) out.sleepsInAtomic(f);
            p.when(Expr.not(failure));
        }
        return !p.dead;
    }

    Expr atomicContext(Path p) {
        if (p.inFrameOfKind(FrameSig.INTERRUPT)) return Expr.TRUE;
        Expr atomic = Expr.truth(p.read(fields.flag(p.thread, Flag.IRQ)));
        for (int i = 0; i < fields.instances(); i++) {
            if (fields.kind(i) == ObjectKind.SPINLOCK) atomic = Expr.or(atomic, heldBy(p, fields.object(i, 0)));
        }
        return atomic;
    }

    /** The owner word names the thread, in task or interrupt context. */
    Expr heldBy(Path p, int ownerField) {
        Expr owner = p.read(ownerField);
        return Expr.or(Expr.eq(owner, Expr.constant(p.thread + 1)),
                Expr.eq(owner, Expr.constant(p.thread + 1 + fields.threads())));
    }

    /** The owner token of the thread where it runs: task or interrupt context. */
    int token(Path p) {
        return p.thread + 1 + (p.inFrameOfKind(FrameSig.INTERRUPT) ? fields.threads() : 0);
    }

    /** Evaluates the reference (failing when it has no instance), then runs the rule per instance it may name. */
    void perInstance(Path p, ObjectRef ref, Outcome out, BiConsumer<Path, Integer> rule) {
        if (!unless(p, Expr.not(tr.defined(ref, p)), out)) return;
        Expr instance = tr.instance(ref, p);
        if (instance instanceof Expr.Const c) {
            rule.accept(p, c.value());
            return;
        }
        for (int k : tr.candidates(ref)) {
            Path q = p.copy().when(Expr.eq(instance, Expr.constant(k)));
            if (!q.dead) rule.accept(q, k);
        }
    }

    void saveIrq(Path p) {
        int irq = fields.flag(p.thread, Flag.IRQ);
        int depth = fields.flag(p.thread, Flag.IRQ_SAVE);
        int bits = fields.irqBits(p.thread);
        p.write(bits, Expr.binary(io.vmlock.ast.Expr.BinaryOp.ADD,
                Expr.binary(io.vmlock.ast.Expr.BinaryOp.MUL, p.read(bits), Expr.constant(2)), Expr.truth(p.read(irq))));
        p.write(depth, Expr.binary(io.vmlock.ast.Expr.BinaryOp.ADD, p.read(depth), Expr.TRUE));
        p.write(irq, Expr.TRUE);
    }

    /** An unbalanced restore just enables; otherwise pops the innermost saved bit. The path forks. */
    void restoreIrq(Path p, int next, Outcome out) {
        int irq = fields.flag(p.thread, Flag.IRQ);
        int depth = fields.flag(p.thread, Flag.IRQ_SAVE);
        int bits = fields.irqBits(p.thread);
        Expr empty = Expr.eq(p.read(depth), Expr.FALSE);
        Path none = p.copy().when(empty);
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

    private final class Rules implements Op.Visitor<Void> {
        private final Path p;
        private final Outcome out;

        Rules(Path p, Outcome out) {
            this.p = p;
            this.out = out;
        }

        public Void visitAcquire(Op.Acquire op) {
            if (op.mode() == LockMode.HANDLE) {
                perInstance(p, op.lock(), out, (q, k) -> {
                    Expr first = Expr.eq(q.read(fields.object(k, 1 + q.thread)), Expr.FALSE);
                    if (mayRun(q, first, out)) locks.acquire(q, op, k, out);
                });
            } else if (mayRun(p, Expr.constant(op.mode().sleeps() ? 1 : 0), out)) {
                perInstance(p, op.lock(), out, (q, k) -> locks.acquire(q, op, k, out));
            }
            return null;
        }

        public Void visitRelease(Op.Release op) {
            perInstance(p, op.lock(), out, (q, k) -> locks.release(q, op, k, out));
            return null;
        }

        public Void visitTryAcquire(Op.TryAcquire op) {
            perInstance(p, op.lock(), out, (q, k) -> locks.tryAcquire(q, op, k, out));
            return null;
        }

        public Void visitJournalDrain(Op.JournalDrain op) {
            if (mayRun(p, Expr.TRUE, out)) perInstance(p, op.journal(), out, (q, k) -> locks.drain(q, op, k, out));
            return null;
        }

        public Void visitWaitCompletion(Op.WaitCompletion op) {
            if (mayRun(p, Expr.TRUE, out)) perInstance(p, op.completion(), out, (q, k) -> locks.waitFor(q, op, k, out));
            return null;
        }

        public Void visitSignal(Op.Signal op) {
            perInstance(p, op.completion(), out, (q, k) -> locks.signal(q, op, k, out));
            return null;
        }

        public Void visitWaitEvent(Op.WaitEvent op) {
            if (!mayRun(p, Expr.TRUE, out)) return null;
            if (!unless(p, Expr.not(tr.defined(op.condition(), p)), out)) return null;
            p.when(tr.value(op.condition(), p));
            if (!p.dead) out.proceed(p, op.next());
            return null;
        }

        public Void visitAssign(Op.Assign op) {
            if (!unless(p, Expr.not(tr.defined(op.value(), p)), out)) return null;
            Expr v = tr.value(op.value(), p);
            VarRef target = op.target();
            if (!unless(p, Expr.not(Translate.between(v, target.low(), target.high())), out)) return null;
            IrExpr index = target instanceof VarRef.LocalVar l ? l.index() : ((VarRef.GlobalElement) target).index();
            int size = target instanceof VarRef.LocalVar l ? l.slot().size() : ((VarRef.GlobalElement) target).variable().size();
            if (!unless(p, Expr.not(Expr.and(tr.defined(index, p), Translate.inRange(tr.value(index, p), size))), out)) {
                return null;
            }
            Expr i = tr.value(index, p);
            for (int element = 0; element < size; element++) {
                Path q = i instanceof Expr.Const ? p : p.copy().when(Expr.eq(i, Expr.constant(element)));
                if (q.dead || (i instanceof Expr.Const c && c.value() != element)) continue;
                q.write(field(q, target, element), v);
                out.proceed(q, op.next());
            }
            return null;
        }

        private int field(Path q, VarRef target, int element) {
            if (target instanceof VarRef.LocalVar l) return tr.localField(q, q.depth(), l.slot().index() + element);
            return fields.global(((VarRef.GlobalElement) target).variable().firstSlot() + element);
        }

        public Void visitCheck(Op.Check op) {
            if (!unless(p, Expr.not(tr.defined(op.condition(), p)), out)) return null;
            Expr v = tr.value(op.condition(), p);
            Expr passes = op.builtin() == io.vmlock.ast.BuiltinOp.BUG_ON ? Expr.not(v) : Expr.truth(v);
            if (unless(p, Expr.not(passes), out)) out.proceed(p, op.next());
            return null;
        }

        public Void visitAssertHeld(Op.AssertHeld op) {
            perInstance(p, op.lock(), out, (q, k) -> {
                if (unless(q, Expr.not(locks.holds(q, k)), out)) out.proceed(q, op.next());
            });
            return null;
        }

        public Void visitAlloc(Op.Alloc op) {
            if (!mayRun(p, Expr.constant(op.gfp().mayReclaim() ? 1 : 0), out)) return null;
            out.proceed(p.copy(), op.next());
            if (!op.gfp().mayReclaim() || p.inFrameOfKind(FrameSig.RECLAIM)) return null;
            Expr noreclaim = Expr.truth(p.read(fields.flag(p.thread, Flag.NORECLAIM)));
            Expr noio = Expr.truth(p.read(fields.flag(p.thread, Flag.NOIO)));
            Expr nofs = Expr.truth(p.read(fields.flag(p.thread, Flag.NOFS)));
            for (ReclaimPath path : program.reclaimPaths()) {
                Expr allowed = switch (path.needs()) {
                    case NONE -> Expr.TRUE;
                    case IO -> Expr.and(Expr.constant(op.gfp().allowsIo() ? 1 : 0), Expr.not(noio));
                    case FS -> Expr.and(Expr.constant(op.gfp().allowsFs() ? 1 : 0), Expr.and(Expr.not(nofs), Expr.not(noio)));
                };
                Path q = p.copy().when(Expr.not(noreclaim)).when(allowed);
                if (!q.dead) out.enter(q, op.next(), path.invocation(), FrameSig.RECLAIM);
            }
            return null;
        }

        public Void visitMemallocScope(Op.MemallocScope op) {
            int field = fields.flag(p.thread, switch (op.scope()) {
                case NOFS -> Flag.NOFS;
                case NOIO -> Flag.NOIO;
                case NORECLAIM -> Flag.NORECLAIM;
            });
            Expr depth = p.read(field);
            Expr atLimit = Expr.eq(depth, Expr.constant(op.save() ? SCOPE_CAP : 0));
            Path stays = p.copy().when(atLimit);
            if (!stays.dead) out.proceed(stays, op.next());
            p.when(Expr.not(atLimit));
            if (p.dead) return null;
            p.write(field, Expr.binary(op.save() ? io.vmlock.ast.Expr.BinaryOp.ADD : io.vmlock.ast.Expr.BinaryOp.SUB,
                    depth, Expr.TRUE));
            out.proceed(p, op.next());
            return null;
        }

        public Void visitUserCopy(Op.UserCopy op) {
            if (!mayRun(p, Expr.TRUE, out)) return null;
            if (!unless(p, Expr.not(tr.defined(op.mapping(), p)), out)) return null;
            Expr mapping = tr.value(op.mapping(), p);
            for (MappingDef m : program.mappings()) {
                Path q = mapping instanceof Expr.Const ? p.copy() : p.copy().when(Expr.eq(mapping, Expr.constant(m.id())));
                if (q.dead || (mapping instanceof Expr.Const c && c.value() != m.id())) continue;
                Path fault = q.copy();
                out.proceed(q, op.next());
                if (m.fault().isPresent() && !fault.inFrameOfKind(FrameSig.FAULT)) {
                    out.enter(fault, op.next(), m.fault().get(), FrameSig.FAULT);
                }
            }
            return null;
        }

        public Void visitIrq(Op.Irq op) {
            int irq = fields.flag(p.thread, Flag.IRQ);
            switch (op.builtin()) {
                case LOCAL_IRQ_DISABLE -> p.write(irq, Expr.TRUE);
                case LOCAL_IRQ_ENABLE -> p.write(irq, Expr.FALSE);
                case LOCAL_IRQ_SAVE -> saveIrq(p);
                default -> {
                    restoreIrq(p, op.next(), out);
                    return null;
                }
            }
            out.proceed(p, op.next());
            return null;
        }

        public Void visitMightSleep(Op.MightSleep op) {
            if (mayRun(p, Expr.TRUE, out)) out.proceed(p, op.next());
            return null;
        }

        public Void visitBranch(Op.Branch op) {
            throw new IllegalStateException("control is not a step");
        }

        public Void visitChoice(Op.Choice op) {
            throw new IllegalStateException("control is not a step");
        }

        public Void visitInit(Op.Init op) {
            throw new IllegalStateException("control is not a step");
        }

        public Void visitCall(Op.Call op) {
            throw new IllegalStateException("control is not a step");
        }

        public Void visitReturn(Op.Return op) {
            throw new IllegalStateException("control is not a step");
        }
    }
}
