package io.vmlock.explore;

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
import java.util.List;
import java.util.function.Function;

/**
 * A thread's remaining code as {@link EventWriters} walks it: the procedures it may enter, each
 * with the parameter values known where it is entered, and the values of indexes and instances as
 * far as they are known.
 *
 * <p>Indexes are precise where they are known: constants (foreach variables are unrolled to
 * constants), and parameters the procedure never assigns, bound by the frame or by a call whose
 * argument is known. Anything else (an index read from a global, a local) is unknown, and counts
 * as every element.
 */
final class CodeContexts {
    /** A procedure entered from its entry with some parameter values known ({@code null}: unknown). */
    record Context(int proc, List<Integer> args) {
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

    CodeContexts(IrProgram program) {
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

    IrProgram program() {
        return program;
    }

    /**
     * Visits each node of a procedure reachable from {@code pc} once, going on from a node to
     * the successors {@code onward} returns for it.
     */
    void walk(int proc, int pc, Function<Op, List<Integer>> onward) {
        Procedure p = program.procedure(proc);
        BitSet seen = new BitSet();
        Deque<Integer> work = new ArrayDeque<>();
        work.push(pc);
        seen.set(pc);
        while (!work.isEmpty()) {
            for (int next : onward.apply(p.node(work.pop()))) {
                if (!seen.get(next)) {
                    seen.set(next);
                    work.push(next);
                }
            }
        }
    }

    /** A frame's known slots: the parameters its procedure never assigns, as the frame holds them. */
    Integer[] known(Frame f) {
        Procedure p = program.procedure(f.proc);
        Integer[] known = new Integer[p.frameSize()];
        for (int i = 0; i < p.paramCount(); i++) {
            int slot = p.slots().get(i).index();
            if (!assigned[f.proc].get(slot)) known[slot] = f.locals[slot];
        }
        return known;
    }

    /** A context's known slots at its procedure's entry: the known arguments of parameters never assigned. */
    Integer[] known(Context c) {
        Procedure p = program.procedure(c.proc());
        Integer[] known = new Integer[p.frameSize()];
        for (int i = 0; i < c.args().size(); i++) {
            int slot = p.slots().get(i).index();
            if (!assigned[c.proc()].get(slot)) known[slot] = c.args().get(i);
        }
        return known;
    }

    /** The callee of a call, with the arguments known in the caller. */
    static Context callee(Op.Call call, Integer[] known) {
        List<Integer> args = new ArrayList<>();
        for (IrExpr arg : call.args()) args.add(value(arg, known));
        return new Context(call.procedure(), args);
    }

    /**
     * What a step may enter besides a call, and then come back from: the reclaim paths an
     * allocation may enter, the fault handlers a user copy may enter.
     */
    List<Context> sideEntries(Op op, Integer[] known) {
        List<Context> out = new ArrayList<>();
        if (op instanceof Op.Alloc alloc && alloc.gfp().mayReclaim()) {
            for (ReclaimPath path : program.reclaimPaths()) {
                if (path.needs().allows(alloc.gfp(), false, false)) out.add(constant(path.invocation()));
            }
        } else if (op instanceof Op.UserCopy copy) {
            Integer mapping = value(copy.mapping(), known);
            for (MappingDef m : program.mappings()) {
                if (m.fault().isPresent() && (mapping == null || mapping == m.id())) out.add(constant(m.fault().get()));
            }
        }
        return out;
    }

    /** The interrupt handlers that may run on a thread, each from its entry. */
    List<Context> interrupts(int thread) {
        List<Context> out = new ArrayList<>();
        for (InterruptDef irq : program.interrupts()) {
            if (irq.threads().contains(thread)) out.add(new Context(irq.body(), List.of()));
        }
        return out;
    }

    /** Every instance a reference may name, into {@code out}: one where it is known, its class's (or kind's) all otherwise. */
    void instances(ObjectRef ref, Integer[] known, BitSet out) {
        Integer one = instance(ref, known);
        if (one != null) {
            out.set(one);
        } else if (ref instanceof ObjectRef.Named n) {
            ObjectClass c = n.objectClass();
            out.set(c.firstInstance(), c.firstInstance() + c.size());
        } else {
            for (ObjectClass c : program.objects()) {
                if (c.kind() == ref.kind()) out.set(c.firstInstance(), c.firstInstance() + c.size());
            }
        }
    }

    /** The one instance a reference names where that is known; {@code null} otherwise. */
    static Integer instance(ObjectRef ref, Integer[] known) {
        if (ref instanceof ObjectRef.Named n) {
            ObjectClass c = n.objectClass();
            Integer index = value(n.index(), known);
            return index != null && index >= 0 && index < c.size() ? c.instance(index) : null;
        }
        ObjectRef.Param param = (ObjectRef.Param) ref;
        return param.slot() < known.length ? known[param.slot()] : null;
    }

    private static Context constant(Invocation inv) {
        List<Integer> args = new ArrayList<>();
        for (IrExpr a : inv.args()) args.add(value(a, new Integer[0]));
        return new Context(inv.procedure(), args);
    }

    /** The value of an expression that reads only constants and known slots; {@code null} otherwise. */
    static Integer value(IrExpr e, Integer[] known) {
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
