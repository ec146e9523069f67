package io.vmlock.explore;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.explore.CodeContexts.Context;
import io.vmlock.ir.GlobalVar;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.ObjectRef;
import io.vmlock.ir.Op;
import io.vmlock.ir.Procedure;
import io.vmlock.ir.VarRef;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which threads could still bring an event about, the one place reports and the wait-for graph
 * ask ({@link InState#canBringAbout}). For a {@code wait_event} condition or a completion: a static
 * over-approximation of what a thread may yet do from where it stands. Its remaining code
 * ({@link CodeContexts}) is everything reachable from the pc of each of its frames (the callers
 * continue where they called), following loops, calls, the reclaim paths an allocation may enter,
 * the fault handler a user copy may enter, and the interrupt handlers that may run on it. The
 * thread could make a condition true if that code assigns one of the global elements the
 * condition reads, and could wake a completion waiter if it may {@code complete}/{@code
 * complete_all} that completion. For a bit lock's clearing the order matters too: see
 * {@link BitClears}.
 *
 * <p>Unknown indexes stand for every element: conservative, so an edge may be one the thread
 * would in fact never take, never the other way round.
 */
final class EventWriters {
    /**
     * What would wake a waiter: a write to one of {@code slots}, completing {@code completion},
     * or clearing bit lock {@code bit} (-1: not that kind of need).
     */
    record Need(BitSet slots, int completion, int bit) {
        static Need completion(int instance) {
            return new Need(new BitSet(), instance, -1);
        }

        static Need condition(BitSet slots) {
            return new Need(slots, -1, -1);
        }

        static Need bitClear(int instance) {
            return new Need(new BitSet(), -1, instance);
        }
    }

    /**
     * What some code may do, in any order: the global slots it may assign, the completions it
     * may complete, the bit locks it may clear.
     */
    static final class Effects {
        final BitSet slots = new BitSet();
        final BitSet completions = new BitSet();
        final BitSet clears = new BitSet();

        boolean satisfies(Need need) {
            if (need.bit() >= 0) return clears.get(need.bit());
            return need.completion() >= 0 ? completions.get(need.completion()) : slots.intersects(need.slots());
        }

        void add(Effects other) {
            slots.or(other.slots);
            completions.or(other.completions);
            clears.or(other.clears);
        }
    }

    /** The effects of a context's own steps and the contexts it may enter. */
    private record Summary(Effects effects, Set<Context> entered) {
    }

    private final CodeContexts contexts;
    private final BitClears bitClears;
    private final Map<Context, Summary> summaries = new HashMap<>();

    EventWriters(io.vmlock.ir.IrProgram program) {
        this.contexts = new CodeContexts(program);
        this.bitClears = new BitClears(contexts);
    }

    /** The threads of one state, asked about: what each may do is worked out once. */
    final class InState {
        private final State state;
        private final Map<Integer, Effects> effects = new HashMap<>();

        private InState(State state) {
            this.state = state;
        }

        /**
         * Whether thread {@code t} could bring the event about from where it stands (with the
         * interrupt handlers that may run on it): for a condition or completion, its remaining
         * code may write it; for a bit lock, it may clear the bit before it needs the bit clear.
         */
        boolean canBringAbout(int t, Need need) {
            if (need.bit() >= 0) return bitClears.canClear(state, t, need.bit(), true);
            return anyOrder(t).satisfies(need);
        }

        /** What thread {@code t} may still do in any order, interrupt handlers included. */
        Effects anyOrder(int t) {
            return effects.computeIfAbsent(t, x -> of(state, t, true));
        }
    }

    /** Questions about the threads of state {@code s}. */
    InState in(State s) {
        return new InState(s);
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

    /**
     * What thread {@code t} may still do, in any order, counting the interrupt handlers that may
     * run on it or not: without them, what its own code does.
     */
    Effects of(State s, int t, boolean withInterrupts) {
        Effects all = new Effects();
        Set<Context> entered = new HashSet<>();
        for (Frame f : s.threads[t].frames) {
            Summary frame = walk(f.proc, f.pc, contexts.known(f));
            all.add(frame.effects());
            entered.addAll(frame.entered());
        }
        if (withInterrupts) entered.addAll(contexts.interrupts(t));
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
        Procedure p = contexts.program().procedure(c.proc());
        s = walk(c.proc(), p.entry(), contexts.known(c));
        summaries.put(c, s);
        return s;
    }

    /** The effects of every node reachable from {@code pc} in the procedure, and what they enter. */
    private Summary walk(int proc, int pc, Integer[] known) {
        Effects effects = new Effects();
        Set<Context> entered = new HashSet<>();
        contexts.walk(proc, pc, op -> {
            visit(op, known, effects, entered);
            return op.successors();
        });
        return new Summary(effects, entered);
    }

    private void visit(Op op, Integer[] known, Effects effects, Set<Context> entered) {
        if (op instanceof Op.Assign a && a.target() instanceof VarRef.GlobalElement g) {
            GlobalVar v = g.variable();
            Integer index = CodeContexts.value(g.index(), known);
            if (index != null && index >= 0 && index < v.size()) {
                effects.slots.set(v.slot(index));
            } else {
                effects.slots.set(v.firstSlot(), v.firstSlot() + v.size());
            }
        } else if (op instanceof Op.Signal sig
                && (sig.builtin() == BuiltinOp.COMPLETE || sig.builtin() == BuiltinOp.COMPLETE_ALL)) {
            contexts.instances(sig.completion(), known, effects.completions);
        } else if (BitClears.mayClear(op)) {
            contexts.instances(((Op.Release) op).lock(), known, effects.clears);
        } else if (op instanceof Op.Call call) {
            entered.add(CodeContexts.callee(call, known));
        }
        entered.addAll(contexts.sideEntries(op, known));
    }
}
