package io.vmlock.graph;

import io.vmlock.ast.Expr;
import io.vmlock.ir.GlobalVar;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.ObjectClass;
import io.vmlock.ir.ObjectRef;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Evaluates IR expressions over what a walked path knows: constants, locals and per-thread
 * variables with known values compute, and so do stable globals (no run assigns them: every
 * thread reads their initial value); other globals and whatever depends on them are unknown,
 * each with a fresh id. {@code &&} and {@code ||} are decided by either side alone when it
 * decides them, so a condition on a stable variable picks its branch even next to an unknown.
 */
final class SlotValueEvaluator {
    private final IntSupplier fresh;
    private final Set<String> stable;

    /** {@code stable}: the names of the global variables no run assigns. */
    SlotValueEvaluator(IntSupplier fresh, Set<String> stable) {
        this.fresh = fresh;
        this.stable = Set.copyOf(stable);
    }

    /** In the top frame of a walked state, with its thread's per-thread variables. */
    SlotValue eval(IrExpr e, WalkState s) {
        return eval(e, s.top(), s.current());
    }

    /** In a frame alone: per-thread variables are unknown. */
    SlotValue eval(IrExpr e, WalkFrame frame) {
        return eval(e, frame, List.of());
    }

    SlotValue eval(IrExpr e, WalkFrame frame, List<SlotValue> current) {
        if (e instanceof IrExpr.Const c) return new SlotValue.Known(c.value());
        if (e instanceof IrExpr.Local l) return frame.slots().get(l.slot());
        if (e instanceof IrExpr.LocalElement el) return element(el, frame, current);
        if (e instanceof IrExpr.Current c) return current(c, frame, current);
        if (e instanceof IrExpr.ObjectValue o) return object(o.ref(), frame, current);
        if (e instanceof IrExpr.Unary u) return unary(u, frame, current);
        if (e instanceof IrExpr.Binary b) return binary(b, frame, current);
        return global((IrExpr.Global) e, frame, current);
    }

    /**
     * A stable global's initial value: of the element its index names, or of every element when
     * they all start alike. Any other global is unknown: another thread may have changed it.
     */
    private SlotValue global(IrExpr.Global g, WalkFrame frame, List<SlotValue> current) {
        GlobalVar v = g.variable();
        if (!stable.contains(v.name())) return unknown();
        SlotValue index = eval(g.index(), frame, current);
        if (index instanceof SlotValue.Known k) {
            return k.value() >= 0 && k.value() < v.size() ? new SlotValue.Known(v.initial().get(k.value())) : unknown();
        }
        return v.initial().stream().distinct().count() == 1 ? new SlotValue.Known(v.initial().get(0)) : unknown();
    }

    /** The per-thread slot an element of {@code current->x} names, if the index is known and in range. */
    OptionalInt currentSlot(GlobalVar variable, IrExpr index, WalkFrame frame, List<SlotValue> current) {
        if (!(eval(index, frame, current) instanceof SlotValue.Known k)) return OptionalInt.empty();
        if (k.value() < 0 || k.value() >= variable.size()) return OptionalInt.empty();
        return OptionalInt.of(variable.firstSlot() + k.value());
    }

    private SlotValue current(IrExpr.Current c, WalkFrame frame, List<SlotValue> current) {
        OptionalInt slot = currentSlot(c.variable(), c.index(), frame, current);
        return slot.isPresent() && slot.getAsInt() < current.size() ? current.get(slot.getAsInt()) : unknown();
    }

    SlotValue unknown() {
        return new SlotValue.Unknown(fresh.getAsInt());
    }

    private SlotValue element(IrExpr.LocalElement el, WalkFrame frame, List<SlotValue> current) {
        if (!(eval(el.index(), frame, current) instanceof SlotValue.Known k)) return unknown();
        if (k.value() < 0 || k.value() >= el.slot().size()) return unknown();
        return frame.slots().get(el.slot().index() + k.value());
    }

    /** A lock passed as an argument: its instance id, or its class with an unknown instance. */
    SlotValue object(ObjectRef ref, WalkState s) {
        return object(ref, s.top(), s.current());
    }

    private SlotValue object(ObjectRef ref, WalkFrame frame, List<SlotValue> current) {
        if (ref instanceof ObjectRef.Param p) return frame.slots().get(p.slot());
        ObjectRef.Named n = (ObjectRef.Named) ref;
        ObjectClass c = n.objectClass();
        SlotValue index = eval(n.index(), frame, current);
        if (index instanceof SlotValue.Known k && k.value() >= 0 && k.value() < c.size()) {
            return new SlotValue.Known(c.instance(k.value()));
        }
        return new SlotValue.LockOf(c, index instanceof SlotValue.Unknown u ? u.id() : fresh.getAsInt());
    }

    private SlotValue unary(IrExpr.Unary u, WalkFrame frame, List<SlotValue> current) {
        if (!(eval(u.operand(), frame, current) instanceof SlotValue.Known k)) return unknown();
        return new SlotValue.Known(u.op() == Expr.UnaryOp.NOT ? (k.value() == 0 ? 1 : 0) : -k.value());
    }

    private SlotValue binary(IrExpr.Binary b, WalkFrame frame, List<SlotValue> current) {
        SlotValue l = eval(b.left(), frame, current);
        Optional<SlotValue> decided = decides(b.op(), l);
        if (decided.isPresent()) return decided.get();
        SlotValue r = eval(b.right(), frame, current);
        decided = decides(b.op(), r);
        if (decided.isPresent()) return decided.get();
        if (!(l instanceof SlotValue.Known x) || !(r instanceof SlotValue.Known y)) return unknown();
        var result = b.op().apply(x.value(), y.value());
        return result.isPresent() ? new SlotValue.Known((int) result.getAsLong()) : unknown();
    }

    /** One side that decides a conjunction (false) or a disjunction (true) whatever the other is. */
    private static Optional<SlotValue> decides(Expr.BinaryOp op, SlotValue side) {
        if (!(side instanceof SlotValue.Known k)) return Optional.empty();
        if (op == Expr.BinaryOp.AND && k.value() == 0) return Optional.of(new SlotValue.Known(0));
        if (op == Expr.BinaryOp.OR && k.value() != 0) return Optional.of(new SlotValue.Known(1));
        return Optional.empty();
    }
}
