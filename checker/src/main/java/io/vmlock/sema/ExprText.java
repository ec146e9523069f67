package io.vmlock.sema;

import io.vmlock.ast.Expr;

/** An expression as short source-like text, for quoting it in messages. */
final class ExprText {
    private static final int MAX = 40;

    private ExprText() {
    }

    static String of(Expr e) {
        String s = text(e);
        return s.length() <= MAX ? s : s.substring(0, MAX - 3) + "...";
    }

    private static String text(Expr e) {
        if (e instanceof Expr.IntLit i) return Long.toString(i.value());
        if (e instanceof Expr.BoolLit b) return Boolean.toString(b.value());
        if (e instanceof Expr.Name n) return n.name().name();
        if (e instanceof Expr.Index x) return x.name().name() + "[" + text(x.index()) + "]";
        if (e instanceof Expr.Unary u) {
            // brackets around an operation, and around a negation under a negation ("--" is no operator)
            boolean bracket = u.operand() instanceof Expr.Binary
                    || (u.operand() instanceof Expr.Unary inner && inner.op() == u.op());
            return u.op().symbol + (bracket ? "(" + text(u.operand()) + ")" : text(u.operand()));
        }
        if (e instanceof Expr.Call c) {
            return c.callee().name() + "(" + String.join(", ", c.args().stream().map(ExprText::text).toList()) + ")";
        }
        if (e instanceof Expr.Flags f) return f.text();
        Expr.Binary b = (Expr.Binary) e;
        return operand(b.op(), b.left(), false) + " " + b.op().symbol + " " + operand(b.op(), b.right(), true);
    }

    private static String operand(Expr.BinaryOp parent, Expr e, boolean right) {
        return e instanceof Expr.Binary b && parent.bracketsOperand(b.op(), right) ? "(" + text(e) + ")" : text(e);
    }
}
