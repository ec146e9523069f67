package io.vmlock.explore;

import io.vmlock.ast.SourceSpan;
import io.vmlock.explore.system.ControlPosition;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.LocalSlot;
import io.vmlock.ir.Op;
import io.vmlock.ir.Procedure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves control nodes (branches, choices, local inits, calls, returns), which are never steps
 * of their own. After a step, control that reads no global is followed at once ({@link
 * #settle}), so equivalent positions are one state and a thread whose last step is done is
 * finished. What remains (conditions on globals, either) is resolved with the thread's next step
 * ({@link #resolve}), one outcome per way control can go.
 */
final class ControlFlow {
    /** Where resolving control left a thread. */
    enum Stop { STEP, EXIT, SPINS, PROBLEM }

    record Resolved(ThreadState thread, Stop stop, Optional<Problem> problem) {
    }

    private final IrProgram program;
    private final Names names;

    ControlFlow(IrProgram program, Names names) {
        this.program = program;
        this.names = names;
    }

    /** After a step: follows global-free control in place. Only a failed evaluation is reported. */
    Optional<Problem> settle(State s, int thread) {
        List<Resolved> out = new ArrayList<>();
        ThreadState t = s.threads[thread];
        walk(s, thread, t, true, new HashSet<>(), out);
        if (out.isEmpty()) return Optional.empty();
        Resolved r = out.get(0);
        if (r.stop() == Stop.EXIT) t.status = ThreadState.FINISHED;
        return r.problem();
    }

    /** At a step: every way control can reach a step, the thread's end, or a problem. */
    List<Resolved> resolve(State s, int thread) {
        List<Resolved> out = new ArrayList<>();
        walk(s, thread, s.threads[thread].copy(), false, new HashSet<>(), out);
        return out;
    }

    private void walk(State s, int thread, ThreadState t, boolean settling, Set<ControlPosition> seen, List<Resolved> out) {
        while (true) {
            Frame f = t.top();
            Op op = program.procedure(f.proc).node(f.pc);
            if (op.isStep()) {
                if (!settling) out.add(new Resolved(t, Stop.STEP, Optional.empty()));
                return;
            }
            if (!seen.add(position(t))) {
                if (!settling) out.add(new Resolved(t, Stop.SPINS, Optional.empty()));
                return;
            }
            if (settling && readsGlobals(op)) return;
            try {
                if (op instanceof Op.Choice c) {
                    if (!settling) choose(s, thread, t, c, seen, out);
                    return;
                }
                if (!advance(s, t, op)) {
                    out.add(new Resolved(t, Stop.EXIT, Optional.empty()));
                    return;
                }
            } catch (IrExpr.EvaluationException e) {
                out.add(new Resolved(t, Stop.PROBLEM, Optional.of(evaluationProblem(thread, op.span(), e))));
                return;
            }
        }
    }

    private void choose(State s, int thread, ThreadState t, Op.Choice c, Set<ControlPosition> seen, List<Resolved> out) {
        for (int branch : c.branches()) {
            ThreadState copy = t.copy();
            copy.top().pc = branch;
            walk(s, thread, copy, false, new HashSet<>(seen), out);
        }
    }

    private static ControlPosition position(ThreadState t) {
        int[] procs = new int[t.frames.length];
        int[] pcs = new int[t.frames.length];
        for (int i = 0; i < procs.length; i++) {
            procs[i] = t.frames[i].proc;
            pcs[i] = t.frames[i].pc;
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

    /** Executes one control node; false when the thread's bottom frame returned. */
    private boolean advance(State s, ThreadState t, Op op) {
        Frame f = t.top();
        FrameValues values = FrameValues.of(t, s);
        if (op instanceof Op.Branch b) {
            f.pc = b.condition().eval(values) != 0 ? b.then() : b.otherwise();
        } else if (op instanceof Op.Init i) {
            int v = i.value().eval(values);
            checkRange(i.target().low(), i.target().high(), v, i.target().text());
            f.locals[i.target().resolve(values)] = v;
            f.pc = i.next();
        } else if (op instanceof Op.Call c) {
            int[] args = c.args().stream().mapToInt(a -> a.eval(values)).toArray();
            f.pc = c.next();
            t.push(newFrame(c.procedure(), Frame.CALL, args));
        } else {
            Op.Return r = (Op.Return) op;
            return leave(t, r.value().isPresent() ? r.value().get().eval(values) : 0);
        }
        return true;
    }

    /** Returns from the top frame, undoing what entering it did; a caller that uses the value gets it. */
    private boolean leave(ThreadState t, int value) {
        if (t.frames.length == 1) return false;
        Frame f = t.pop();
        if (f.kind == Frame.INTERRUPT) t.irqDisabled = false;
        if (f.kind == Frame.SOFTIRQ) t.bhDepth--;
        if (f.kind == Frame.CALL) {
            Frame caller = t.top();
            program.procedure(caller.proc).resultAt(caller.pc).ifPresent(r -> caller.locals[r.slot().index()] = value);
        }
        return true;
    }

    Frame newFrame(int proc, int kind, int[] args) {
        Procedure p = program.procedure(proc);
        int[] locals = new int[p.frameSize()];
        for (LocalSlot slot : p.slots()) {
            for (int i = 0; i < slot.size(); i++) locals[slot.index() + i] = slot.defaultValue();
        }
        System.arraycopy(args, 0, locals, 0, Math.min(args.length, p.paramCount()));
        return new Frame(proc, p.entry(), kind, locals);
    }

    static void checkRange(int low, int high, int v, String what) {
        if (v < low || v > high) {
            throw new IrExpr.EvaluationException(what + " = " + v + " is outside its range " + low + ".." + high);
        }
    }

    private Problem evaluationProblem(int thread, SourceSpan span, IrExpr.EvaluationException e) {
        return Problem.assertion(e.getMessage(), List.of(), span, thread);
    }
}
