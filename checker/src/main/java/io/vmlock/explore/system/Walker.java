package io.vmlock.explore.system;

import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.LocalSlot;
import io.vmlock.ir.Op;
import io.vmlock.ir.OpText;
import io.vmlock.ir.Procedure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Control flow, walked symbolically exactly as the explorer's {@code ControlFlow} walks it
 * concretely: {@link #resolve} follows control from where a thread rests to its next step (every
 * way it can go), {@link #settle} follows the control a step leaves behind until it must stop
 * (a step, a choice, a condition on globals, a loop without a step). Conditions the walk cannot
 * decide become guards, and the walk forks.
 */
final class Walker {
    /** Deeper stacks than this are taken for unbounded recursion. */
    static final int MAX_DEPTH = 48;
    /**
     * More paths than this from one resting place to its next steps are taken for control that
     * forks per global it tests (a loop without a step testing a flag per element, 2^N paths):
     * the reference semantics, which only follows the values a state has, searches it instead.
     */
    static final int MAX_PATHS = 4096;

    /** Where walks end. */
    interface Sink {
        /** Resolving reached a step. */
        default void step(StepPath p, Op op) {
            throw new IllegalStateException("settling never runs a step");
        }

        /** Resolving met a loop without a step: the thread stays on the CPU, going nowhere. */
        default void spins(StepPath p) {
        }

        /** The bottom frame returned. */
        void exit(StepPath p, Op ret);

        /** Evaluating control failed (an index outside its set): a finding stops the thread there. */
        void problem(StepPath p, Op at);

        /** Settling stopped: the thread rests at its top frame's pc. */
        default void rest(StepPath p) {
            throw new IllegalStateException("resolving never rests");
        }
    }

    private final IrProgram program;
    private final Translate translate;
    private final Fields fields;
    /** The file's budget: walks that fork often take long, and every node walked counts. */
    private final Budget budget;
    private long nodesWalked;

    Walker(IrProgram program, Translate translate, Fields fields, Budget budget) {
        this.program = program;
        this.translate = translate;
        this.fields = fields;
        this.budget = budget;
    }

    /** Throws {@link io.vmlock.budget.BudgetExhausted} when the file's budget is spent (checked every 64 calls). */
    void checkBudget() {
        if ((++nodesWalked & 63) == 0) budget.check(Phase.COMPILE);
    }

    void resolve(StepPath p, Sink sink) {
        p.seen = new HashSet<>();
        walk(p, false, sink);
    }

    void settle(StepPath p, Sink sink) {
        p.seen = new HashSet<>();
        walk(p, true, sink);
    }

    private Op node(FrameSig f) {
        return program.procedure(f.proc()).node(f.pc());
    }

    private void walk(StepPath p, boolean settling, Sink sink) {
        while (!p.dead) {
            checkBudget();
            FrameSig f = p.top();
            Op op = node(f);
            if (op.isStep()) {
                if (settling) sink.rest(p);
                else sink.step(p, op);
                return;
            }
            if (!p.seen.add(position(p))) {
                if (settling) sink.rest(p);
                else sink.spins(p);
                return;
            }
            if (settling && (readsGlobals(op) || op instanceof Op.Choice)) {
                sink.rest(p);
                return;
            }
            if (op instanceof Op.Choice c) {
                for (int branch : c.branches()) {
                    StepPath q = forked(p.copy(), c);
                    q.setPc(branch);
                    walk(q, false, sink);
                }
                return;
            }
            List<StepPath> next = advance(p, op, sink);
            if (next.isEmpty()) return;
            for (int i = 1; i < next.size(); i++) walk(next.get(i), settling, sink);
            p = next.get(0);
        }
    }

    private static ControlPosition position(StepPath p) {
        int[] procs = new int[p.frames.size()];
        int[] pcs = new int[procs.length];
        for (int i = 0; i < procs.length; i++) {
            procs[i] = p.frames.get(i).proc();
            pcs[i] = p.frames.get(i).pc();
        }
        return ControlPosition.of(procs, pcs);
    }

    private static boolean readsGlobals(Op op) {
        if (op instanceof Op.Branch b) return b.condition().readsGlobals();
        if (op instanceof Op.Init i) return i.value().readsGlobals();
        if (op instanceof Op.Call c) return c.args().stream().anyMatch(IrExpr::readsGlobals);
        if (op instanceof Op.Return r) return r.value().map(IrExpr::readsGlobals).orElse(false);
        return false;
    }

    /** A path just forked at {@code at}, unless the walk has forked too often to compile. */
    private StepPath forked(StepPath p, Op at) {
        if (p.familySize() <= MAX_PATHS) return p;
        throw new Unsupported("thread " + program.threads().get(p.thread).name() + " forks into more than "
                + MAX_PATHS + " paths between two steps at '" + OpText.source().render(at, program) + "'"
                + " (a condition on globals in a loop without a step?)", at.span(), Unsupported.Reason.TOO_MANY_PATHS);
    }

    /** Splits off the path where evaluation fails; false when no path is left where it succeeds. */
    private boolean evaluates(StepPath p, Expr defined, Op op, Sink sink) {
        if (!Expr.isTrue(defined)) {
            StepPath failing = forked(p.copy(), op).when(Expr.not(defined));
            if (!failing.dead) sink.problem(failing, op);
            p.when(defined);
        }
        return !p.dead;
    }

    /** Executes one control node; the paths that go on (several when a condition forks). */
    private List<StepPath> advance(StepPath p, Op op, Sink sink) {
        if (op instanceof Op.Branch b) {
            if (!evaluates(p, translate.defined(b.condition(), p), op, sink)) return List.of();
            Expr c = Expr.truth(translate.value(b.condition(), p));
            if (c instanceof Expr.Const k) {
                p.setPc(k.value() != 0 ? b.then() : b.otherwise());
                return List.of(p);
            }
            StepPath then = forked(p.copy(), b).when(c);
            then.setPc(b.then());
            p.when(Expr.not(c));
            p.setPc(b.otherwise());
            return List.of(then, p);
        }
        if (op instanceof Op.Init i) {
            Expr v = translate.value(i.value(), p);
            Expr defined = translate.defined(i.value(), p);
            Expr ok = Expr.and(defined, Translate.between(v, i.target().low(), i.target().high()));
            if (!evaluates(p, ok, op, sink)) return List.of();
            p.write(translate.localField(p, p.depth(), i.target().slot().index()), v);
            p.setPc(i.next());
            return List.of(p);
        }
        if (op instanceof Op.Call c) {
            Expr ok = Expr.TRUE;
            List<Expr> args = new ArrayList<>();
            for (IrExpr a : c.args()) {
                ok = Expr.and(ok, translate.defined(a, p));
                args.add(translate.value(a, p));
            }
            if (!evaluates(p, ok, op, sink)) return List.of();
            p.setPc(c.next());
            return push(p, c.procedure(), FrameSig.CALL, c.args(), args);
        }
        if (p.frames.size() == 1) {
            sink.exit(p, op);
            return List.of();
        }
        Op.Return r = (Op.Return) op;
        if (r.value().isEmpty()) {
            pop(p);
            return List.of(p);
        }
        if (!evaluates(p, translate.defined(r.value().get(), p), op, sink)) return List.of();
        Expr value = translate.value(r.value().get(), p);
        boolean call = p.top().kind() == FrameSig.CALL;
        pop(p);
        if (call) {
            FrameSig caller = p.top();
            program.procedure(caller.proc()).resultAt(caller.pc()).ifPresent(target ->
                    p.write(translate.localField(p, p.depth(), target.slot().index()), value));
        }
        return List.of(p);
    }

    /**
     * Returns from the top frame: its locals go back to 0, an interrupt handler re-enables irqs, a
     * softirq drops its level of softirq masking (unguarded, as the reference's {@code ControlFlow}).
     */
    void pop(StepPath p) {
        FrameSig top = p.top();
        Procedure proc = program.procedure(top.proc());
        for (int slot = 0; slot < proc.frameSize(); slot++) {
            int field = translate.localField(p, p.depth(), slot);
            if (field >= 0) p.write(field, Expr.FALSE);
        }
        p.frames.remove(p.frames.size() - 1);
        if (top.kind() == FrameSig.INTERRUPT) p.write(fields.flag(p.thread, Flag.IRQ), Expr.FALSE);
        if (top.kind() == FrameSig.SOFTIRQ) {
            int bh = fields.flag(p.thread, Flag.BH);
            p.write(bh, Expr.binary(io.vmlock.ast.Expr.BinaryOp.SUB, p.read(bh), Expr.TRUE));
        }
    }

    /**
     * Pushes a frame with its arguments bound. A pinned parameter is part of the position, so an
     * argument only known at run time forks the path per instance it may name.
     */
    List<StepPath> push(StepPath p, int proc, int kind, List<IrExpr> irArgs, List<Expr> args) {
        if (p.frames.size() >= MAX_DEPTH) {
            throw new Unsupported("calls nest deeper than " + MAX_DEPTH + " frames (recursion?)",
                    program.procedure(proc).span());
        }
        List<StepPath> out = new ArrayList<>();
        bind(p, proc, kind, irArgs, args, 0, new ArrayList<>(), out);
        return out;
    }

    private void bind(StepPath p, int proc, int kind, List<IrExpr> irArgs, List<Expr> args, int param,
                      List<Integer> pinned, List<StepPath> out) {
        Procedure callee = program.procedure(proc);
        if (param == callee.paramCount()) {
            enter(p, callee, kind, args, pinned);
            out.add(p);
            return;
        }
        Expr arg = param < args.size() ? args.get(param) : Expr.FALSE;
        if (!translate.isPinned(proc, param) || arg instanceof Expr.Const) {
            pinned.add(translate.isPinned(proc, param) ? ((Expr.Const) arg).value() : 0);
            bind(p, proc, kind, irArgs, args, param + 1, pinned, out);
            return;
        }
        if (!(irArgs.get(param) instanceof IrExpr.ObjectValue o && o.ref() instanceof io.vmlock.ir.ObjectRef.Named n)) {
            throw new Unsupported("parameter " + callee.slots().get(param).name() + " of " + callee.name()
                    + " is bound to a value computed at run time", callee.span());
        }
        for (int instance : n.objectClass().instances()) {
            StepPath q = p.copy().when(Expr.eq(arg, Expr.constant(instance)));
            if (q.dead) continue;
            List<Integer> more = new ArrayList<>(pinned);
            more.add(instance);
            bind(q, proc, kind, irArgs, args, param + 1, more, out);
        }
    }

    private void enter(StepPath p, Procedure callee, int kind, List<Expr> args, List<Integer> pinned) {
        p.frames.add(new FrameSig(callee.id(), callee.entry(), kind, pinned));
        for (LocalSlot slot : callee.slots()) {
            for (int i = 0; i < slot.size(); i++) {
                int element = slot.index() + i;
                int field = translate.localField(p, p.depth(), element);
                if (field < 0) continue;
                boolean param = element < callee.paramCount();
                p.write(field, param && element < args.size() ? args.get(element) : Expr.constant(slot.defaultValue()));
            }
        }
    }
}
