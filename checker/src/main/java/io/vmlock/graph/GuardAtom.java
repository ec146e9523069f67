package io.vmlock.graph;

import io.vmlock.ast.Expr;
import java.util.Objects;

/**
 * One condition a path passed: {@code variable op value} over a global variable (or one
 * element of a global array, {@code writeback[P0]}). Conditions of other shapes are not kept:
 * dropping a condition only makes a cycle look more feasible, never less.
 */
public record GuardAtom(String variable, Expr.BinaryOp op, long value) {
    public GuardAtom {
        Objects.requireNonNull(variable);
        if (!op.isComparison()) throw new IllegalArgumentException("not a comparison: " + op);
    }

    public GuardAtom negate() {
        return new GuardAtom(variable, switch (op) {
            case LT -> Expr.BinaryOp.GE;
            case LE -> Expr.BinaryOp.GT;
            case GT -> Expr.BinaryOp.LE;
            case GE -> Expr.BinaryOp.LT;
            case EQ -> Expr.BinaryOp.NE;
            case NE -> Expr.BinaryOp.EQ;
            default -> throw new IllegalStateException(op.toString());
        }, value);
    }

    public boolean holdsFor(long v) {
        return op.apply(v, value).orElse(0) != 0;
    }

    @Override
    public String toString() {
        return variable + " " + op.symbol + " " + value;
    }
}
