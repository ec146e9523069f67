package io.vmlock.explore.system;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.LocalSlot;
import io.vmlock.ir.ObjectClass;
import io.vmlock.ir.ObjectRef;
import io.vmlock.ir.Procedure;
import java.util.ArrayList;
import java.util.List;

/**
 * IR expressions of the executing frame as {@link Expr}s over the state before the step, and
 * the condition under which evaluating them does not fail (an index outside its set, division by
 * zero): the explorer reports such a failure as an assertion, so the compiler makes it a guard.
 */
final class Translate {
    private final IrProgram program;
    private final Fields fields;
    /** Per procedure: frame slot element -> local number, -1 for pinned parameters. */
    private final int[][] localIndex;

    Translate(IrProgram program, Fields fields) {
        this.program = program;
        this.fields = fields;
        this.localIndex = new int[program.procedures().size()][];
        for (Procedure p : program.procedures()) {
            int[] index = new int[p.frameSize()];
            int next = 0;
            for (LocalSlot s : p.slots()) {
                for (int i = 0; i < s.size(); i++) {
                    index[s.index() + i] = ThreadScan.pinned(p, s.index()) ? -1 : next++;
                }
            }
            localIndex[p.id()] = index;
        }
    }

    /** The field of frame slot element {@code slot} of the frame at {@code depth}; -1 if pinned. */
    int localField(StepPath p, int depth, int slot) {
        FrameSig f = p.frames.get(depth);
        int k = localIndex[f.proc()][slot];
        if (k < 0) return -1;
        LocalSlot s = slotOf(program.procedure(f.proc()), slot);
        return fields.local(p.thread, depth, k, s.low(), s.high());
    }

    static LocalSlot slotOf(Procedure proc, int element) {
        for (LocalSlot s : proc.slots()) {
            if (element >= s.index() && element < s.index() + s.size()) return s;
        }
        throw new IllegalArgumentException("no slot " + element + " in " + proc.name());
    }

    int[][] localNumbers() {
        return localIndex;
    }

    boolean isPinned(int proc, int slot) {
        return localIndex[proc][slot] < 0;
    }

    /** A slot element of the top frame. */
    Expr local(StepPath p, int slot) {
        int field = localField(p, p.depth(), slot);
        if (field >= 0) return p.read(field);
        return Expr.constant(p.top().pinned().get(slot));
    }

    Expr value(IrExpr e, StepPath p) {
        if (e instanceof IrExpr.Const c) return Expr.constant(c.value());
        if (e instanceof IrExpr.Local l) return local(p, l.slot());
        if (e instanceof IrExpr.LocalElement le) {
            List<Expr> elements = new ArrayList<>();
            for (int i = 0; i < le.slot().size(); i++) elements.add(local(p, le.slot().index() + i));
            return element(elements, value(le.index(), p));
        }
        if (e instanceof IrExpr.Global g) {
            List<Expr> elements = new ArrayList<>();
            for (int i = 0; i < g.variable().size(); i++) elements.add(p.read(fields.global(g.variable().firstSlot() + i)));
            return element(elements, value(g.index(), p));
        }
        if (e instanceof IrExpr.Current c) {
            List<Expr> elements = new ArrayList<>();
            for (int i = 0; i < c.variable().size(); i++) elements.add(p.read(fields.current(p.thread, c.variable().firstSlot() + i)));
            return element(elements, value(c.index(), p));
        }
        if (e instanceof IrExpr.ObjectValue o) return instance(o.ref(), p);
        if (e instanceof IrExpr.Unary u) return Expr.unary(u.op(), value(u.operand(), p));
        IrExpr.Binary b = (IrExpr.Binary) e;
        return Expr.binary(b.op(), value(b.left(), p), value(b.right(), p));
    }

    private static Expr element(List<Expr> elements, Expr index) {
        if (index instanceof Expr.Const c) {
            return c.value() >= 0 && c.value() < elements.size() ? elements.get(c.value()) : Expr.FALSE;
        }
        if (elements.size() == 1) return elements.get(0);
        return new Expr.ReadAt(elements, index);
    }

    /** When evaluating {@code e} succeeds. */
    Expr defined(IrExpr e, StepPath p) {
        if (e instanceof IrExpr.Const || e instanceof IrExpr.Local) return Expr.TRUE;
        if (e instanceof IrExpr.LocalElement le) return Expr.and(defined(le.index(), p), inRange(value(le.index(), p), le.slot().size()));
        if (e instanceof IrExpr.Global g) return Expr.and(defined(g.index(), p), inRange(value(g.index(), p), g.variable().size()));
        if (e instanceof IrExpr.Current c) return Expr.and(defined(c.index(), p), inRange(value(c.index(), p), c.variable().size()));
        if (e instanceof IrExpr.ObjectValue o) return defined(o.ref(), p);
        if (e instanceof IrExpr.Unary u) return defined(u.operand(), p);
        IrExpr.Binary b = (IrExpr.Binary) e;
        Expr left = defined(b.left(), p);
        Expr right = defined(b.right(), p);
        return switch (b.op()) {
            case AND -> Expr.and(left, Expr.or(Expr.not(value(b.left(), p)), right));
            case OR -> Expr.and(left, Expr.or(Expr.truth(value(b.left(), p)), right));
            case DIV, MOD -> Expr.and(Expr.and(left, right), Expr.ne(value(b.right(), p), Expr.FALSE));
            default -> Expr.and(left, right);
        };
    }

    static Expr inRange(Expr index, int size) {
        return Expr.and(Expr.binary(BinaryOp.GE, index, Expr.FALSE), Expr.binary(BinaryOp.LT, index, Expr.constant(size)));
    }

    static Expr between(Expr v, int low, int high) {
        return Expr.and(Expr.binary(BinaryOp.GE, v, Expr.constant(low)), Expr.binary(BinaryOp.LE, v, Expr.constant(high)));
    }

    /** The instance id a lock or completion reference names. */
    Expr instance(ObjectRef ref, StepPath p) {
        if (ref instanceof ObjectRef.Param param) return local(p, param.slot());
        ObjectRef.Named n = (ObjectRef.Named) ref;
        return Expr.binary(BinaryOp.ADD, Expr.constant(n.objectClass().firstInstance()), value(n.index(), p));
    }

    Expr defined(ObjectRef ref, StepPath p) {
        if (ref instanceof ObjectRef.Param) return Expr.TRUE;
        ObjectRef.Named n = (ObjectRef.Named) ref;
        return Expr.and(defined(n.index(), p), inRange(value(n.index(), p), n.objectClass().size()));
    }

    /** The instances a reference may name, for splitting a step per instance. */
    List<Integer> candidates(ObjectRef ref) {
        if (ref instanceof ObjectRef.Named n) return n.objectClass().instances();
        List<Integer> all = new ArrayList<>();
        for (ObjectClass c : program.objects()) {
            if (c.kind() == ref.kind()) all.addAll(c.instances());
        }
        return all;
    }
}
