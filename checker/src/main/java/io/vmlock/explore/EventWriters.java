package io.vmlock.explore;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ir.GlobalVar;
import io.vmlock.ir.InterruptDef;
import io.vmlock.ir.Invocation;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.MappingDef;
import io.vmlock.ir.ObjectClass;
import io.vmlock.ir.ObjectRef;
import io.vmlock.ir.Op;
import io.vmlock.ir.Procedure;
import io.vmlock.ir.ReclaimPath;
import io.vmlock.ir.VarRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which threads could still bring an event about: a static over-approximation of what a thread
 * may yet do from where it stands. Its remaining code is everything reachable from the pc of
 * each of its frames (the callers continue where they called), following loops, calls, the
 * reclaim paths an allocation may enter, the fault handler a user copy may enter, and the
 * interrupt handlers that may run on it. The thread could make a {@code wait_event} condition
 * true if that code assigns one of the global elements the condition reads, and could wake a
 * completion waiter if it may {@code complete}/{@code complete_all} that completion.
 *
 * <p>Indexes are precise where they are known: constants (foreach variables are unrolled to
 * constants), and parameters the procedure never assigns, bound by the frame or by a call whose
 * argument is known. Anything else (an index read from a global, a local) stands for every
 * element: conservative, so an edge may be one the thread would in fact never take, never the
 * other way round.
 */
final class EventWriters {
    /** What would wake a waiter: a write to one of {@code slots}, or completing {@code completion}. */
    record Need(BitSet slots, int completion) {
        static Need completion(int instance) {
            return new Need(new BitSet(), instance);
        }

        static Need condition(BitSet slots) {
            return new Need(slots, -1);
        }
    }

    /** What some code may do: the global slots it may assign, the completions it may complete. */
    static final class Effects {
        final BitSet slots = new BitSet();
        final BitSet completions = new BitSet();

        boolean satisfies(Need need) {
            return need.completion() >= 0 ? completions.get(need.completion()) : slots.intersects(need.slots());
        }

        void add(Effects other) {
            slots.or(other.slots);
            completions.or(other.completions);
        }
    }

    /** A procedure entered from its entry with some parameter values known ({@code null}: unknown). */
    private record Context(int proc, List<Integer> args) {
    }

    /** The effects of a context's own steps and the contexts it may enter. */
    private record Summary(Effects effects, Set<Context> entered) {
    }

    /** Evaluation gave up: the value depends on something not known statically. */
    private static final class Unknown extends RuntimeException {
        Unknown() {
            super(null, null, false, false);
        }
    }

    private static final Unknown UNKNOWN = new Unknown();

    private final IrProgram program;
    /** Per procedure: the frame slots some step or declaration of it writes. */
    private final BitSet[] assigned;
    private final Map<Context, Summary> summaries = new HashMap<>();

    EventWriters(IrProgram program) {
        this.program = program;
        this.assigned = new BitSet[program.procedures().size()];
        for (Procedure p : program.procedures()) {
            BitSet written = new BitSet();
            for (Op op : p.nodes()) {
                VarRef target = op instanceof Op.Assign a ? a.target() : op instanceof Op.Init i ? i.target() : null;
                if (op instanceof Op.Call c && c.result().isPresent()) target = c.result().get();
                if (target instanceof VarRef.LocalVar l) written.set(l.slot().index(), l.slot().index() + l.slot().size());
            }
            assigned[p.id()] = written;
        }
    }

    /** The global slots a {@code wait_event} condition reads, with the waiter's frame values for indexes. */
    static Need condition(IrExpr condition, FrameValues values) {
        BitSet slots = new BitSet();
        reads(condition, values, slots);
        return Need.condition(slots);
    }

    private static void reads(IrExpr e, FrameValues values, BitSet slots) {
        if (e instanceof IrExpr.Global g) {
            GlobalVar v = g.variable();
            int index = -1;
            if (!g.index().readsGlobals()) {
                try {
                    index = g.index().eval(values);
                } catch (IrExpr.EvaluationException ex) {
                    index = -1;
                }
            }
            if (index >= 0 && index < v.size()) {
                slots.set(v.slot(index));
            } else {
                slots.set(v.firstSlot(), v.firstSlot() + v.size());
            }
            reads(g.index(), values, slots);
        } else if (e instanceof IrExpr.LocalElement l) {
            reads(l.index(), values, slots);
        } else if (e instanceof IrExpr.ObjectValue o && o.ref() instanceof ObjectRef.Named n) {
            reads(n.index(), values, slots);
        } else if (e instanceof IrExpr.Unary u) {
            reads(u.operand(), values, slots);
        } else if (e instanceof IrExpr.Binary b) {
            reads(b.left(), values, slots);
            reads(b.right(), values, slots);
        }
    }

    /** Everything thread {@code t} of state {@code s} may still do, by the rules above. */
    Effects of(State s, int t) {
        return of(s, t, true);
    }

    /**
     * What thread {@code t} may still do, counting the interrupt handlers that may run on it or
     * not: without them, what its own code does.
     */
    Effects of(State s, int t, boolean withInterrupts) {
        Effects all = new Effects();
        Set<Context> entered = new HashSet<>();
        for (Frame f : s.threads[t].frames) {
            Integer[] known = new Integer[program.procedure(f.proc).frameSize()];
            Procedure p = program.procedure(f.proc);
            for (int i = 0; i < p.paramCount(); i++) {
                int slot = p.slots().get(i).index();
                if (!assigned[f.proc].get(slot)) known[slot] = f.locals[slot];
            }
            Summary frame = walk(f.proc, f.pc, known);
            all.add(frame.effects());
            entered.addAll(frame.entered());
        }
        for (InterruptDef irq : program.interrupts()) {
            if (withInterrupts && irq.threads().contains(t)) entered.add(new Context(irq.body(), List.of()));
        }
        Deque<Context> work = new ArrayDeque<>(entered);
        while (!work.isEmpty()) {
            Summary sum = summary(work.pop());
            all.add(sum.effects());
            for (Context c : sum.entered()) {
                if (entered.add(c)) work.push(c);
            }
        }
        return all;
    }

    private Summary summary(Context c) {
        Summary s = summaries.get(c);
        if (s != null) return s;
        Procedure p = program.procedure(c.proc());
        Integer[] known = new Integer[p.frameSize()];
        for (int i = 0; i < c.args().size(); i++) {
            int slot = p.slots().get(i).index();
            if (!assigned[c.proc()].get(slot)) known[slot] = c.args().get(i);
        }
        s = walk(c.proc(), p.entry(), known);
        summaries.put(c, s);
        return s;
    }

    /** The effects of every node reachable from {@code pc} in the procedure, and what they enter. */
    private Summary walk(int proc, int pc, Integer[] known) {
        Procedure p = program.procedure(proc);
        Effects effects = new Effects();
        Set<Context> entered = new HashSet<>();
        BitSet seen = new BitSet();
        Deque<Integer> work = new ArrayDeque<>();
        work.push(pc);
        seen.set(pc);
        while (!work.isEmpty()) {
            Op op = p.node(work.pop());
            visit(op, known, effects, entered);
            for (int next : op.successors()) {
                if (!seen.get(next)) {
                    seen.set(next);
                    work.push(next);
                }
            }
        }
        return new Summary(effects, entered);
    }

    private void visit(Op op, Integer[] known, Effects effects, Set<Context> entered) {
        if (op instanceof Op.Assign a && a.target() instanceof VarRef.GlobalElement g) {
            GlobalVar v = g.variable();
            Integer index = value(g.index(), known);
            if (index != null && index >= 0 && index < v.size()) {
                effects.slots.set(v.slot(index));
            } else {
                effects.slots.set(v.firstSlot(), v.firstSlot() + v.size());
            }
        } else if (op instanceof Op.Signal sig
                && (sig.builtin() == BuiltinOp.COMPLETE || sig.builtin() == BuiltinOp.COMPLETE_ALL)) {
            completions(sig.completion(), known, effects.completions);
        } else if (op instanceof Op.Release r && r.mode().kind().ownerless()) {
            // clearing a bit lock wakes its waiters as complete() does a completion's
            completions(r.lock(), known, effects.completions);
        } else if (op instanceof Op.Call call) {
            List<Integer> args = new ArrayList<>();
            for (IrExpr arg : call.args()) args.add(value(arg, known));
            entered.add(new Context(call.procedure(), args));
        } else if (op instanceof Op.Alloc alloc && alloc.gfp().mayReclaim()) {
            for (ReclaimPath path : program.reclaimPaths()) {
                if (path.needs().allows(alloc.gfp(), false, false)) entered.add(constant(path.invocation()));
            }
        } else if (op instanceof Op.UserCopy copy) {
            Integer mapping = value(copy.mapping(), known);
            for (MappingDef m : program.mappings()) {
                if (m.fault().isPresent() && (mapping == null || mapping == m.id())) entered.add(constant(m.fault().get()));
            }
        }
    }

    private void completions(ObjectRef ref, Integer[] known, BitSet out) {
        if (ref instanceof ObjectRef.Named n) {
            ObjectClass c = n.objectClass();
            Integer index = value(n.index(), known);
            if (index != null && index >= 0 && index < c.size()) {
                out.set(c.instance(index));
            } else {
                out.set(c.firstInstance(), c.firstInstance() + c.size());
            }
            return;
        }
        ObjectRef.Param param = (ObjectRef.Param) ref;
        Integer instance = param.slot() < known.length ? known[param.slot()] : null;
        if (instance != null) {
            out.set(instance);
            return;
        }
        for (ObjectClass c : program.objects()) {
            if (c.kind() == param.kind()) out.set(c.firstInstance(), c.firstInstance() + c.size());
        }
    }

    private static Context constant(Invocation inv) {
        List<Integer> args = new ArrayList<>();
        for (IrExpr a : inv.args()) args.add(value(a, new Integer[0]));
        return new Context(inv.procedure(), args);
    }

    /** The value of an expression that reads only constants and known slots; {@code null} otherwise. */
    private static Integer value(IrExpr e, Integer[] known) {
        if (e.readsGlobals()) return null;
        IrExpr.Values values = new IrExpr.Values() {
            public int local(int slot) {
                Integer v = slot < known.length ? known[slot] : null;
                if (v == null) throw UNKNOWN;
                return v;
            }

            public int global(int slot) {
                throw UNKNOWN;
            }

            public int current(int slot) {
                throw UNKNOWN;
            }
        };
        try {
            return e.eval(values);
        } catch (Unknown | IrExpr.EvaluationException ex) {
            return null;
        }
    }
}
