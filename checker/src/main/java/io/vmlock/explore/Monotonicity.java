package io.vmlock.explore;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.ast.Expr.UnaryOp;
import io.vmlock.ir.GlobalVar;
import io.vmlock.ir.IrExpr;
import io.vmlock.ir.Op;
import io.vmlock.ir.VarRef;

/**
 * Whether a write can turn a false {@code wait_event} condition true, judged from the two
 * expressions alone: a step that only lowers a variable ({@code nr_free_pages--}) cannot make
 * {@code nr_free_pages > 0} true, so the allocator that takes the last free page after its wait
 * is not one that could end the wait. Anything this does not recognise may make the condition
 * true, so {@link EventWriters} only ever leaves out a writer that could not.
 */
final class Monotonicity {
    /** How a condition's truth moves as one variable grows: not read, only rising, only falling, or either way. */
    enum Slope {
        NONE, RISING, FALLING, ANY;

        Slope and(Slope o) {
            if (this == NONE) return o;
            if (o == NONE || o == this) return this;
            return ANY;
        }

        Slope flipped() {
            return switch (this) {
                case RISING -> FALLING;
                case FALLING -> RISING;
                default -> this;
            };
        }
    }

    private Monotonicity() {
    }

    /**
     * Whether {@code write} may turn {@code condition} from false to true: false only for a
     * write that moves one variable by a constant step ({@code x = x - 1}, {@code x = x + 2})
     * against the condition's slope in that variable.
     */
    static boolean mayMakeTrue(Op.Assign write, IrExpr condition) {
        if (!(write.target() instanceof VarRef.GlobalElement g)) return true;
        int step = step(write.value(), g);
        if (step == 0) return true; // not a constant step: any value may be written
        Slope slope = truth(condition, g.variable());
        if (slope == Slope.RISING) return step > 0;
        if (slope == Slope.FALLING) return step < 0;
        return true;
    }

    /**
     * The constant a write adds to its own target ({@code x = x + c}, {@code x = c + x},
     * {@code x = x - c}), or 0 when it is not of that form.
     */
    static int step(IrExpr value, VarRef.GlobalElement target) {
        if (!(value instanceof IrExpr.Binary b)) return 0;
        if (b.op() == BinaryOp.ADD && isTarget(b.left(), target) && b.right() instanceof IrExpr.Const c) return c.value();
        if (b.op() == BinaryOp.ADD && isTarget(b.right(), target) && b.left() instanceof IrExpr.Const c) return c.value();
        if (b.op() == BinaryOp.SUB && isTarget(b.left(), target) && b.right() instanceof IrExpr.Const c) return -c.value();
        return 0;
    }

    private static boolean isTarget(IrExpr e, VarRef.GlobalElement target) {
        return e instanceof IrExpr.Global g && g.variable().equals(target.variable()) && g.index().equals(target.index());
    }

    /** The slope of a condition's truth in {@code v}. */
    static Slope truth(IrExpr e, GlobalVar v) {
        if (e instanceof IrExpr.Unary u && u.op() == UnaryOp.NOT) return truth(u.operand(), v).flipped();
        if (e instanceof IrExpr.Binary b && b.op().isLogical()) return truth(b.left(), v).and(truth(b.right(), v));
        if (e instanceof IrExpr.Binary b && b.op().isComparison()) return comparison(b, v);
        // a bool read as a truth: writes to bools are no steps, so its slope is never asked for
        return value(e, v) == Slope.NONE ? Slope.NONE : Slope.ANY;
    }

    private static Slope comparison(IrExpr.Binary b, GlobalVar v) {
        Slope l = value(b.left(), v);
        Slope r = value(b.right(), v);
        return switch (b.op()) {
            case GT, GE -> l.and(r.flipped());
            case LT, LE -> l.flipped().and(r);
            default -> l == Slope.NONE && r == Slope.NONE ? Slope.NONE : Slope.ANY; // == and != go either way
        };
    }

    /** The slope of an expression's value in {@code v}. */
    static Slope value(IrExpr e, GlobalVar v) {
        if (e instanceof IrExpr.Global g) {
            if (value(g.index(), v) != Slope.NONE) return Slope.ANY; // v picks the element read
            return g.variable().equals(v) ? Slope.RISING : Slope.NONE;
        }
        if (e instanceof IrExpr.Unary u) {
            Slope s = value(u.operand(), v);
            return u.op() == UnaryOp.NEG ? s.flipped() : s == Slope.NONE ? s : Slope.ANY;
        }
        if (e instanceof IrExpr.Binary b) {
            Slope l = value(b.left(), v);
            Slope r = value(b.right(), v);
            if (b.op() == BinaryOp.ADD) return l.and(r);
            if (b.op() == BinaryOp.SUB) return l.and(r.flipped());
            return l == Slope.NONE && r == Slope.NONE ? Slope.NONE : Slope.ANY;
        }
        if (e instanceof IrExpr.LocalElement l) return value(l.index(), v) == Slope.NONE ? Slope.NONE : Slope.ANY;
        if (e instanceof IrExpr.Current c) return value(c.index(), v) == Slope.NONE ? Slope.NONE : Slope.ANY;
        if (e instanceof IrExpr.ObjectValue o) {
            return o.ref() instanceof io.vmlock.ir.ObjectRef.Named n && value(n.index(), v) != Slope.NONE
                    ? Slope.ANY : Slope.NONE;
        }
        return Slope.NONE; // a constant, a frame's variable
    }
}
