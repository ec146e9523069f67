package io.vmlock.graph;

import io.vmlock.ast.Expr;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.ObjectClass;
import io.vmlock.ir.ObjectRef;
import java.util.function.IntSupplier;

/**
 * Evaluates IR expressions over what a walked path knows: constants and locals with known values
 * compute; globals and whatever depends on them are unknown, each with a fresh id.
 */
final class SlotValueEvaluator {
    private final IntSupplier fresh;

    SlotValueEvaluator(IntSupplier fresh) {
        this.fresh = fresh;
    }

    SlotValue eval(IrExpr e, WalkFrame frame) {
        if (e instanceof IrExpr.Const c) return new SlotValue.Known(c.value());
        if (e instanceof IrExpr.Local l) return frame.slots().get(l.slot());
        if (e instanceof IrExpr.LocalElement el) return element(el, frame);
        if (e instanceof IrExpr.ObjectValue o) return object(o.ref(), frame);
        if (e instanceof IrExpr.Unary u) return unary(u, frame);
        if (e instanceof IrExpr.Binary b) return binary(b, frame);
        return unknown(); // a global: another thread may have changed it
    }

    SlotValue unknown() {
        return new SlotValue.Unknown(fresh.getAsInt());
    }

    private SlotValue element(IrExpr.LocalElement el, WalkFrame frame) {
        if (!(eval(el.index(), frame) instanceof SlotValue.Known k)) return unknown();
        if (k.value() < 0 || k.value() >= el.slot().size()) return unknown();
        return frame.slots().get(el.slot().index() + k.value());
    }

    /** A lock passed as an argument: its instance id, or its class with an unknown instance. */
    SlotValue object(ObjectRef ref, WalkFrame frame) {
        if (ref instanceof ObjectRef.Param p) return frame.slots().get(p.slot());
        ObjectRef.Named n = (ObjectRef.Named) ref;
        ObjectClass c = n.objectClass();
        SlotValue index = eval(n.index(), frame);
        if (index instanceof SlotValue.Known k && k.value() >= 0 && k.value() < c.size()) {
            return new SlotValue.Known(c.instance(k.value()));
        }
        return new SlotValue.LockOf(c, index instanceof SlotValue.Unknown u ? u.id() : fresh.getAsInt());
    }

    private SlotValue unary(IrExpr.Unary u, WalkFrame frame) {
        if (!(eval(u.operand(), frame) instanceof SlotValue.Known k)) return unknown();
        return new SlotValue.Known(u.op() == Expr.UnaryOp.NOT ? (k.value() == 0 ? 1 : 0) : -k.value());
    }

    private SlotValue binary(IrExpr.Binary b, WalkFrame frame) {
        SlotValue l = eval(b.left(), frame);
        if (l instanceof SlotValue.Known k) {
            if (b.op() == Expr.BinaryOp.AND && k.value() == 0) return l;
            if (b.op() == Expr.BinaryOp.OR && k.value() != 0) return new SlotValue.Known(1);
        }
        SlotValue r = eval(b.right(), frame);
        if (!(l instanceof SlotValue.Known x) || !(r instanceof SlotValue.Known y)) return unknown();
        var result = b.op().apply(x.value(), y.value());
        return result.isPresent() ? new SlotValue.Known((int) result.getAsLong()) : unknown();
    }
}
