package io.vmlock.graph;

import io.vmlock.ir.IrExpr;
import io.vmlock.ir.Op;
import io.vmlock.ir.OpText;
import io.vmlock.ir.Procedure;
import io.vmlock.ir.ReclaimPath;
import io.vmlock.ir.VarRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The successors of a walked state, for every IR operation: what a path does to the held locks,
 * the interrupt and allocation state and the frames. Waits, signals and checks order no locks.
 */
final class StepSemantics implements Op.Visitor<List<WalkState>> {
    static final int MAX_CALL_DEPTH = 32;

    private final WalkContext c;
    private final LockSteps locks;
    private final WalkState s;

    StepSemantics(WalkContext context, WalkState state) {
        this.c = context;
        this.locks = new LockSteps(context);
        this.s = state;
    }

    static List<WalkState> successors(WalkContext context, WalkState state) {
        Op op = state.top().procedure().node(state.top().pc());
        return op.accept(new StepSemantics(context, state));
    }

    public List<WalkState> visitAcquire(Op.Acquire op) {
        return locks.acquire(op, s);
    }

    public List<WalkState> visitRelease(Op.Release op) {
        return locks.release(op, s);
    }

    public List<WalkState> visitTryAcquire(Op.TryAcquire op) {
        return locks.tryAcquire(op, s);
    }

    public List<WalkState> visitJournalDrain(Op.JournalDrain op) {
        return next(op.next());
    }

    public List<WalkState> visitWaitCompletion(Op.WaitCompletion op) {
        return next(op.next());
    }

    public List<WalkState> visitSignal(Op.Signal op) {
        return next(op.next());
    }

    public List<WalkState> visitWaitEvent(Op.WaitEvent op) {
        return next(op.next());
    }

    public List<WalkState> visitAssign(Op.Assign op) {
        if (op.target() instanceof VarRef.CurrentElement current) return List.of(assign(current, op.value(), op.next()));
        if (!(op.target() instanceof VarRef.LocalVar local)) return next(op.next());
        return List.of(assign(local, op.value(), op.next()));
    }

    /** A per-thread variable is this thread's own: the walk knows what it wrote (all elements unknown if not where). */
    private WalkState assign(VarRef.CurrentElement target, IrExpr value, int next) {
        SlotValue v = c.eval.eval(value, s);
        List<SlotValue> current = new ArrayList<>(s.current());
        var slot = c.eval.currentSlot(target.variable(), target.index(), s.top(), s.current());
        if (slot.isPresent()) {
            current.set(slot.getAsInt(), v);
        } else {
            for (int i = 0; i < target.variable().size(); i++) current.set(target.variable().firstSlot() + i, c.eval.unknown());
        }
        return s.withCurrent(current).at(next);
    }

    public List<WalkState> visitInit(Op.Init op) {
        return List.of(assign(op.target(), op.value(), op.next()));
    }

    private WalkState assign(VarRef.LocalVar target, IrExpr value, int next) {
        SlotValue v = c.eval.eval(value, s);
        WalkFrame f = s.top();
        SlotValue index = c.eval.eval(target.index(), s);
        if (index instanceof SlotValue.Known k && k.value() >= 0 && k.value() < target.slot().size()) {
            return s.withTop(f.with(target.slot().index() + k.value(), v, next));
        }
        for (int i = 0; i < target.slot().size(); i++) f = f.with(target.slot().index() + i, c.eval.unknown(), next);
        return s.withTop(f);
    }

    public List<WalkState> visitCheck(Op.Check op) {
        return next(op.next());
    }

    public List<WalkState> visitAssertHeld(Op.AssertHeld op) {
        return next(op.next());
    }

    public List<WalkState> visitMightSleep(Op.MightSleep op) {
        return next(op.next());
    }

    /**
     * An allocation that may reclaim takes, for a moment, the pseudo-lock of each reclaim it may
     * enter; one lockdep does not see (__GFP_NOLOCKDEP) takes none.
     */
    public List<WalkState> visitAlloc(Op.Alloc op) {
        if (c.root.inReclaim() || s.noreclaim() > 0 || !op.gfp().mayReclaim() || !op.gfp().lockdepSeesReclaim()) {
            return next(op.next());
        }
        String entry = OpText.source().render(op, c.env.program); // the mask as written
        for (Map.Entry<ReclaimPath.Needs, LockClass> r : c.env.reclaim.entrySet()) {
            if (r.getKey().allows(op.gfp(), s.noio() > 0, s.nofs() > 0)) c.enterContext(s, r.getValue(), op.span(), entry);
        }
        return next(op.next());
    }

    public List<WalkState> visitMemallocScope(Op.MemallocScope op) {
        int delta = op.save() ? 1 : -1;
        int nofs = s.nofs() + (op.scope() == Op.Scope.NOFS ? delta : 0);
        int noio = s.noio() + (op.scope() == Op.Scope.NOIO ? delta : 0);
        int noreclaim = s.noreclaim() + (op.scope() == Op.Scope.NORECLAIM ? delta : 0);
        int pagefault = s.pagefault() + (op.scope() == Op.Scope.PAGEFAULT ? delta : 0);
        return List.of(s.withScopes(Math.max(0, nofs), Math.max(0, noio), Math.max(0, noreclaim), Math.max(0, pagefault))
                .at(op.next()));
    }

    /**
     * A user copy may fault: the mapping's fault handler runs in this thread, under its locks;
     * with page faults disabled it comes back short and nests nothing.
     */
    public List<WalkState> visitUserCopy(Op.UserCopy op) {
        if (c.root.inFault() || s.pagefault() > 0) return next(op.next());
        SlotValue m = c.eval.eval(op.mapping(), s);
        for (Map.Entry<Integer, LockClass> f : c.env.faults.entrySet()) {
            if (!(m instanceof SlotValue.Known k) || k.value() == f.getKey()) {
                c.enterContext(s, f.getValue(), op.span(), op.builtin().spelling());
            }
        }
        return next(op.next());
    }

    public List<WalkState> visitIrq(Op.Irq op) {
        WalkState after = switch (op.builtin()) {
            case LOCAL_IRQ_DISABLE -> s.withIrqs(true, s.savedIrqs());
            case LOCAL_IRQ_ENABLE -> s.withIrqs(false, s.savedIrqs());
            case LOCAL_IRQ_SAVE -> s.withIrqs(true, LockSteps.pushed(s.savedIrqs(), s.irqsOff()));
            case LOCAL_IRQ_RESTORE -> LockSteps.restored(s);
            case LOCAL_BH_DISABLE -> s.withBhDisabled(s.bhDisabled() + 1);
            case LOCAL_BH_ENABLE -> s.withBhDisabled(s.bhDisabled() - 1);
            default -> throw new IllegalArgumentException(op.builtin() + " is no interrupt operation");
        };
        c.unmasked(s, after, op.span());
        return List.of(after.at(op.next()));
    }

    /**
     * A condition the walk can compute picks its branch (a condition on a stable variable among
     * them: the branch it rules out is not walked); otherwise both are walked.
     */
    public List<WalkState> visitBranch(Op.Branch op) {
        SlotValue v = c.eval.eval(op.condition(), s);
        if (v instanceof SlotValue.Known k) return next(k.value() != 0 ? op.then() : op.otherwise());
        return List.of(s.at(op.then()), s.at(op.otherwise()));
    }

    public List<WalkState> visitChoice(Op.Choice op) {
        return op.branches().stream().map(s::at).toList();
    }

    public List<WalkState> visitCall(Op.Call op) {
        if (s.frames().size() >= MAX_CALL_DEPTH) return List.of();
        Procedure callee = c.env.program.procedure(op.procedure());
        List<SlotValue> args = new ArrayList<>();
        for (IrExpr a : op.args()) args.add(c.eval.eval(a, s));
        return List.of(s.push(s.top().at(op.next()), WalkFrame.enter(callee, args, Optional.of(op.span()))));
    }

    /**
     * A returned value the walk knows (a wrapper's {@code return true} after its trylock took the
     * lock) reaches the caller's test, so the caller's branch follows the path that holds the lock.
     */
    public List<WalkState> visitReturn(Op.Return op) {
        if (s.frames().size() == 1) return List.of();
        if (op.value().isEmpty()) return List.of(s.pop());
        SlotValue v = c.eval.eval(op.value().get(), s);
        WalkState popped = s.pop();
        WalkFrame caller = popped.top();
        return List.of(caller.procedure().resultAt(caller.pc())
                .map(r -> popped.withTop(caller.with(r.slot().index(), v, caller.pc()))).orElse(popped));
    }

    /** might_lock: lockdep's acquisition and release of the lock's map, an order edge and nothing held after. */
    public List<WalkState> visitMightLock(Op.MightLock op) {
        List<WalkState> after = new java.util.ArrayList<>();
        for (WalkState taken : locks.acquire(new Op.Acquire(op.builtin(), op.lock(), op.mode(), op.next(), op.span()), s)) {
            after.addAll(locks.release(new Op.Release(op.builtin(), op.lock(), op.mode(), op.next(), op.span()), taken));
        }
        return after;
    }

    private List<WalkState> next(int pc) {
        return List.of(s.at(pc));
    }
}
