package io.vmlock.ir;

import io.vmlock.ast.Expr;

/** Integer expressions over a work item's packed variable, built as the lowering's own IR. */
final class WorkExprs {
    private WorkExprs() {
    }

    static IrExpr constant(int v) {
        return new IrExpr.Const(v, Integer.toString(v));
    }

    private static IrExpr binary(Expr.BinaryOp op, IrExpr l, IrExpr r) {
        return new IrExpr.Binary(op, l, r);
    }

    static IrExpr plus(IrExpr l, IrExpr r) {
        return binary(Expr.BinaryOp.ADD, l, r);
    }

    static IrExpr minus(IrExpr l, IrExpr r) {
        return binary(Expr.BinaryOp.SUB, l, r);
    }

    static IrExpr times(IrExpr l, int r) {
        return binary(Expr.BinaryOp.MUL, l, constant(r));
    }

    static IrExpr div(IrExpr l, int r) {
        return binary(Expr.BinaryOp.DIV, l, constant(r));
    }

    static IrExpr mod(IrExpr l, int r) {
        return binary(Expr.BinaryOp.MOD, l, constant(r));
    }

    static IrExpr eq(IrExpr l, int r) {
        return binary(Expr.BinaryOp.EQ, l, constant(r));
    }

    static IrExpr or(IrExpr l, IrExpr r) {
        return binary(Expr.BinaryOp.OR, l, r);
    }

    static IrExpr ge(IrExpr l, IrExpr r) {
        return binary(Expr.BinaryOp.GE, l, r);
    }
}
