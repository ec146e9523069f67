package io.vmlock.explore.system;

import io.vmlock.ir.IrExpr;
import io.vmlock.ir.MappingDef;
import io.vmlock.ir.Op;
import io.vmlock.ir.ReclaimPath;
import io.vmlock.ir.VarRef;

/** The rules of {@link StepRules}, one visit per kind of step operation, on one path. */
final class StepVisitor implements Op.Visitor<Void> {
    private final StepRules rules;
    private final StepPath p;
    private final StepRules.Outcome out;

    StepVisitor(StepRules rules, StepPath p, StepRules.Outcome out) {
        this.rules = rules;
        this.p = p;
        this.out = out;
    }

    public Void visitAcquire(Op.Acquire op) {
        if (op.mode().nests()) {
            rules.perInstance(p, op.lock(), out, (q, k) -> { // only a first hold may sleep
                Expr first = Expr.eq(q.read(rules.fields.object(k, 1 + q.thread)), Expr.FALSE);
                if (rules.mayRun(q, op.mode().sleeps() ? first : Expr.FALSE, out)) rules.locks.acquire(q, op, k, out);
            });
        } else if (rules.mayRun(p, Expr.constant(op.mode().sleeps() ? 1 : 0), out)) {
            rules.perInstance(p, op.lock(), out, (q, k) -> rules.locks.acquire(q, op, k, out));
        }
        return null;
    }

    public Void visitRelease(Op.Release op) {
        rules.perInstance(p, op.lock(), out, (q, k) -> rules.locks.release(q, op, k, out));
        return null;
    }

    public Void visitTryAcquire(Op.TryAcquire op) {
        rules.perInstance(p, op.lock(), out, (q, k) -> rules.locks.tryAcquire(q, op, k, out));
        return null;
    }

    public Void visitJournalDrain(Op.JournalDrain op) {
        if (rules.mayRun(p, Expr.TRUE, out)) rules.perInstance(p, op.journal(), out, (q, k) -> rules.locks.drain(q, op, k, out));
        return null;
    }

    public Void visitWaitCompletion(Op.WaitCompletion op) {
        if (rules.mayRun(p, Expr.TRUE, out)) rules.perInstance(p, op.completion(), out, (q, k) -> rules.locks.waitForCompletion(q, op, k, out));
        return null;
    }

    public Void visitSignal(Op.Signal op) {
        rules.perInstance(p, op.completion(), out, (q, k) -> rules.locks.signal(q, op, k, out));
        return null;
    }

    public Void visitWaitEvent(Op.WaitEvent op) {
        if (!rules.mayRun(p, Expr.TRUE, out)) return null;
        if (!rules.unless(p, Expr.not(rules.translate.defined(op.condition(), p)), out)) return null;
        p.when(rules.translate.value(op.condition(), p));
        if (!p.dead) out.proceed(p, op.next());
        return null;
    }

    public Void visitAssign(Op.Assign op) {
        if (!rules.unless(p, Expr.not(rules.translate.defined(op.value(), p)), out)) return null;
        Expr v = rules.translate.value(op.value(), p);
        VarRef target = op.target();
        if (!rules.unless(p, Expr.not(Translate.between(v, target.low(), target.high())), out)) return null;
        IrExpr index = index(target);
        int size = size(target);
        Expr defined = rules.translate.defined(index, p);
        Expr valid = Expr.and(defined, Translate.inRange(rules.translate.value(index, p), size));
        if (!rules.unless(p, Expr.not(valid), out)) return null;
        Expr i = rules.translate.value(index, p);
        for (int element = 0; element < size; element++) {
            StepPath q = i instanceof Expr.Const ? p : p.copy().when(Expr.eq(i, Expr.constant(element)));
            if (q.dead || (i instanceof Expr.Const c && c.value() != element)) continue;
            q.write(field(q, target, element), v);
            out.proceed(q, op.next());
        }
        return null;
    }

    private int field(StepPath q, VarRef target, int element) {
        if (target instanceof VarRef.LocalVar l) {
            return rules.translate.localField(q, q.depth(), l.slot().index() + element);
        }
        if (target instanceof VarRef.CurrentElement c) return rules.fields.current(q.thread, c.variable().firstSlot() + element);
        return rules.fields.global(((VarRef.GlobalElement) target).variable().firstSlot() + element);
    }

    private static IrExpr index(VarRef target) {
        return target instanceof VarRef.LocalVar l ? l.index() : ((VarRef.Element) target).index();
    }

    private static int size(VarRef target) {
        return target instanceof VarRef.LocalVar l ? l.slot().size() : ((VarRef.Element) target).variable().size();
    }

    public Void visitCheck(Op.Check op) {
        if (!rules.unless(p, Expr.not(rules.translate.defined(op.condition(), p)), out)) return null;
        Expr v = rules.translate.value(op.condition(), p);
        Expr passes = op.builtin() == io.vmlock.ast.BuiltinOp.BUG_ON ? Expr.not(v) : Expr.truth(v);
        if (rules.unless(p, Expr.not(passes), out)) out.proceed(p, op.next());
        return null;
    }

    public Void visitAssertHeld(Op.AssertHeld op) {
        rules.perInstance(p, op.lock(), out, (q, k) -> {
            if (rules.unless(q, Expr.not(rules.locks.holds(q, k)), out)) out.proceed(q, op.next());
        });
        return null;
    }

    public Void visitAlloc(Op.Alloc op) {
        if (!rules.mayRun(p, Expr.constant(op.gfp().mayReclaim() ? 1 : 0), out)) return null;
        out.proceed(p.copy(), op.next());
        if (!op.gfp().mayReclaim() || p.inFrameOfKind(FrameSig.RECLAIM)) return null;
        Expr noreclaim = Expr.truth(p.read(rules.fields.flag(p.thread, Flag.NORECLAIM)));
        Expr noio = Expr.truth(p.read(rules.fields.flag(p.thread, Flag.NOIO)));
        Expr nofs = Expr.truth(p.read(rules.fields.flag(p.thread, Flag.NOFS)));
        for (ReclaimPath path : rules.program.reclaimPaths()) {
            Expr allowed = switch (path.needs()) {
                case NONE -> Expr.TRUE;
                case IO -> Expr.and(Expr.constant(op.gfp().allowsIo() ? 1 : 0), Expr.not(noio));
                case FS -> Expr.and(Expr.constant(op.gfp().allowsFs() ? 1 : 0), Expr.and(Expr.not(nofs), Expr.not(noio)));
            };
            StepPath q = p.copy().when(Expr.not(noreclaim)).when(allowed);
            if (!q.dead) out.enter(q, op.next(), path.invocation(), FrameSig.RECLAIM);
        }
        return null;
    }

    public Void visitMemallocScope(Op.MemallocScope op) {
        int field = rules.fields.flag(p.thread, switch (op.scope()) {
            case NOFS -> Flag.NOFS;
            case NOIO -> Flag.NOIO;
            case NORECLAIM -> Flag.NORECLAIM;
            case PAGEFAULT -> Flag.PAGEFAULT;
        });
        Expr depth = p.read(field);
        Expr atLimit = Expr.eq(depth, Expr.constant(op.save() ? StepRules.SCOPE_CAP : 0));
        StepPath stays = p.copy().when(atLimit);
        if (!stays.dead) out.proceed(stays, op.next());
        p.when(Expr.not(atLimit));
        if (p.dead) return null;
        p.write(field, Expr.binary(op.save() ? io.vmlock.ast.Expr.BinaryOp.ADD : io.vmlock.ast.Expr.BinaryOp.SUB,
                depth, Expr.TRUE));
        out.proceed(p, op.next());
        return null;
    }

    public Void visitUserCopy(Op.UserCopy op) {
        if (!rules.mayRun(p, Expr.TRUE, out)) return null;
        if (!rules.unless(p, Expr.not(rules.translate.defined(op.mapping(), p)), out)) return null;
        Expr mapping = rules.translate.value(op.mapping(), p);
        for (MappingDef m : rules.program.mappings()) {
            StepPath q = mapping instanceof Expr.Const
                    ? p.copy() : p.copy().when(Expr.eq(mapping, Expr.constant(m.id())));
            if (q.dead || (mapping instanceof Expr.Const c && c.value() != m.id())) continue;
            // with page faults disabled the copy that would fault comes back short instead
            StepPath fault = q.copy().when(Expr.not(Expr.truth(p.read(rules.fields.flag(p.thread, Flag.PAGEFAULT)))));
            out.proceed(q, op.next());
            if (m.fault().isPresent() && !fault.dead && !fault.inFrameOfKind(FrameSig.FAULT)) {
                out.enter(fault, op.next(), m.fault().get(), FrameSig.FAULT);
            }
        }
        return null;
    }

    public Void visitIrq(Op.Irq op) {
        int irq = rules.fields.flag(p.thread, Flag.IRQ);
        switch (op.builtin()) {
            case LOCAL_IRQ_DISABLE -> p.write(irq, Expr.TRUE);
            case LOCAL_IRQ_ENABLE -> p.write(irq, Expr.FALSE);
            case LOCAL_IRQ_SAVE -> rules.saveIrq(p);
            case LOCAL_BH_DISABLE -> rules.disableBh(p);
            case LOCAL_BH_ENABLE -> {
                rules.enableBh(p, op.next(), out);
                return null;
            }
            default -> {
                rules.restoreIrq(p, op.next(), out);
                return null;
            }
        }
        out.proceed(p, op.next());
        return null;
    }

    public Void visitMightSleep(Op.MightSleep op) {
        if (rules.mayRun(p, Expr.TRUE, out)) out.proceed(p, op.next());
        return null;
    }

    /** lockdep's alone: the search takes nothing. */
    public Void visitMightLock(Op.MightLock op) {
        if (rules.mayRun(p, Expr.TRUE, out)) out.proceed(p, op.next());
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
