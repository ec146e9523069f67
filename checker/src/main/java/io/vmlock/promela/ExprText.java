package io.vmlock.promela;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.explore.system.Expr;

/** Expressions in Promela's C-like syntax; array reads become conditional expressions. */
final class ExprText implements Expr.Visitor<String> {
    private final Names names;

    ExprText(Names names) {
        this.names = names;
    }

    String of(Expr e) {
        return e.accept(this);
    }

    public String visitConst(Expr.Const e) {
        return e.value() < 0 ? "(" + e.value() + ")" : Integer.toString(e.value());
    }

    public String visitRead(Expr.Read e) {
        return names.field(e.field());
    }

    public String visitReadAt(Expr.ReadAt e) {
        String index = of(e.index());
        String text = of(e.elements().get(e.elements().size() - 1));
        for (int i = e.elements().size() - 2; i >= 0; i--) {
            text = "(" + index + " == " + i + " -> " + of(e.elements().get(i)) + " : " + text + ")";
        }
        return text;
    }

    public String visitUnary(Expr.Unary e) {
        return (e.op() == io.vmlock.ast.Expr.UnaryOp.NOT ? "!" : "-") + wrap(e.operand());
    }

    public String visitBinary(Expr.Binary e) {
        return wrap(e.left()) + " " + symbol(e.op()) + " " + wrap(e.right());
    }

    private static String symbol(BinaryOp op) {
        return op.symbol;
    }

    private String wrap(Expr e) {
        String s = of(e);
        return e instanceof Expr.Binary ? "(" + s + ")" : s;
    }
}
