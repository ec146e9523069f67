package io.vmlock.graph;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.ast.Expr.UnaryOp;
import io.vmlock.ir.IrExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a branch condition into the guard atoms a path taking that branch must satisfy, over
 * stable global variables (those no statement assigns). Shapes other than {@code g op constant},
 * {@code g}, {@code !e} and conjunctions give no atom: that only makes a path look more possible.
 */
final class GuardExtraction {
    private final Set<String> stable;
    private final SlotValueEvaluator eval;

    GuardExtraction(Set<String> stableVariables, SlotValueEvaluator eval) {
        this.stable = stableVariables;
        this.eval = eval;
    }

    /** The atoms implied by {@code condition} evaluating to {@code holds}. */
    List<GuardAtom> atoms(IrExpr condition, boolean holds, WalkFrame frame) {
        List<GuardAtom> out = new ArrayList<>();
        collect(condition, holds, frame, out);
        return out;
    }

    private void collect(IrExpr e, boolean holds, WalkFrame frame, List<GuardAtom> out) {
        if (e instanceof IrExpr.Unary u && u.op() == UnaryOp.NOT) {
            collect(u.operand(), !holds, frame, out);
        } else if (e instanceof IrExpr.Binary b && (b.op() == BinaryOp.AND || b.op() == BinaryOp.OR)) {
            if ((b.op() == BinaryOp.AND) == holds) {
                collect(b.left(), holds, frame, out);
                collect(b.right(), holds, frame, out);
            }
        } else if (e instanceof IrExpr.Binary b && b.op().isComparison()) {
            comparison(b, frame).map(a -> holds ? a : a.negate()).ifPresent(out::add);
        } else if (e instanceof IrExpr.Global) {
            variable(e, frame).map(v -> new GuardAtom(v, holds ? BinaryOp.NE : BinaryOp.EQ, 0)).ifPresent(out::add);
        }
    }

    private Optional<GuardAtom> comparison(IrExpr.Binary b, WalkFrame frame) {
        Optional<String> left = variable(b.left(), frame);
        if (left.isPresent() && eval.eval(b.right(), frame) instanceof SlotValue.Known k) {
            return Optional.of(new GuardAtom(left.get(), b.op(), k.value()));
        }
        Optional<String> right = variable(b.right(), frame);
        if (right.isPresent() && eval.eval(b.left(), frame) instanceof SlotValue.Known k) {
            return Optional.of(new GuardAtom(right.get(), mirror(b.op()), k.value()));
        }
        return Optional.empty();
    }

    /** The stable variable element an expression reads, when its index is known. */
    private Optional<String> variable(IrExpr e, WalkFrame frame) {
        if (!(e instanceof IrExpr.Global g)) return Optional.empty();
        if (!(eval.eval(g.index(), frame) instanceof SlotValue.Known k)) return Optional.empty();
        if (k.value() < 0 || k.value() >= g.variable().size()) return Optional.empty();
        String name = g.variable().elementName(k.value());
        return stable.contains(name) ? Optional.of(name) : Optional.empty();
    }

    /** {@code c < g} is {@code g > c}. */
    private static BinaryOp mirror(BinaryOp op) {
        return switch (op) {
            case LT -> BinaryOp.GT;
            case LE -> BinaryOp.GE;
            case GT -> BinaryOp.LT;
            case GE -> BinaryOp.LE;
            default -> op;
        };
    }
}
