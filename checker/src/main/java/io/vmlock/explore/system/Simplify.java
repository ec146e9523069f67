package io.vmlock.explore.system;

import io.vmlock.ast.Expr.BinaryOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Simplifies a guard: a conjunct {@code field == constant} fixes the field for the others, so
 * {@code owner != 1 && owner == 0} becomes {@code owner == 0}; a guard that folds to false means
 * the command can never run.
 */
final class Simplify {
    private Simplify() {
    }

    /** The simplified conjuncts, or empty when they can never all hold. */
    static Optional<List<Expr>> guard(List<Expr> conjuncts) {
        Map<Integer, Integer> fixed = new HashMap<>();
        for (Expr c : conjuncts) {
            if (c instanceof Expr.Binary b && b.op() == BinaryOp.EQ && b.left() instanceof Expr.Read r
                    && b.right() instanceof Expr.Const k) {
                Integer old = fixed.put(r.field(), k.value());
                if (old != null && old != k.value()) return Optional.empty();
            }
        }
        List<Expr> out = new ArrayList<>();
        for (Expr c : conjuncts) {
            boolean fact = c instanceof Expr.Binary b && b.op() == BinaryOp.EQ && b.left() instanceof Expr.Read
                    && b.right() instanceof Expr.Const;
            Expr s = fact ? c : Expr.truth(substitute(c, fixed));
            if (Expr.isFalse(s)) return Optional.empty();
            if (!Expr.isTrue(s) && !out.contains(s)) out.add(s);
        }
        return Optional.of(out);
    }

    /** {@code e} with the fixed fields replaced by their values, folded. */
    static Expr substitute(Expr e, Map<Integer, Integer> fixed) {
        if (fixed.isEmpty()) return e;
        return e.accept(new Expr.Visitor<Expr>() {
            public Expr visitConst(Expr.Const x) {
                return x;
            }

            public Expr visitRead(Expr.Read x) {
                Integer v = fixed.get(x.field());
                return v != null ? Expr.constant(v) : x;
            }

            public Expr visitReadAt(Expr.ReadAt x) {
                List<Expr> elements = x.elements().stream().map(el -> el.accept(this)).toList();
                Expr index = x.index().accept(this);
                if (index instanceof Expr.Const c && c.value() >= 0 && c.value() < elements.size()) {
                    return elements.get(c.value());
                }
                return new Expr.ReadAt(elements, index);
            }

            public Expr visitUnary(Expr.Unary x) {
                return Expr.unary(x.op(), x.operand().accept(this));
            }

            public Expr visitBinary(Expr.Binary x) {
                return Expr.binary(x.op(), x.left().accept(this), x.right().accept(this));
            }
        });
    }
}
