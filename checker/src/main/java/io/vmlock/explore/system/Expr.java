package io.vmlock.explore.system;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.ast.Expr.UnaryOp;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * An expression over the fields of a state vector: what guards and effects of {@link Command}s
 * are made of. Every value is an int, booleans 0 and 1, with the IR's arithmetic. Expressions
 * are built with the folding factories ({@link #and}, {@link #eq}, ...), so constant parts of a
 * guard disappear at compile time.
 */
public sealed interface Expr permits Expr.Const, Expr.Read, Expr.ReadAt, Expr.Unary, Expr.Binary {

    /** Field values of the state an expression is evaluated in. */
    interface Values {
        int get(int field);
    }

    Const TRUE = new Const(1);
    Const FALSE = new Const(0);

    int eval(Values values);

    /** Every field the expression may read. */
    void fields(IntConsumer into);

    <R> R accept(Visitor<R> v);

    interface Visitor<R> {
        R visitConst(Const e);

        R visitRead(Read e);

        R visitReadAt(ReadAt e);

        R visitUnary(Unary e);

        R visitBinary(Binary e);
    }

    record Const(int value) implements Expr {
        public int eval(Values values) {
            return value;
        }

        public void fields(IntConsumer into) {
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitConst(this);
        }
    }

    record Read(int field) implements Expr {
        public int eval(Values values) {
            return values.get(field);
        }

        public void fields(IntConsumer into) {
            into.accept(field);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitRead(this);
        }
    }

    /** Element {@code index} of an array; guards make sure the index is in range. */
    record ReadAt(List<Expr> elements, Expr index) implements Expr {
        public ReadAt {
            elements = List.copyOf(elements);
            Objects.requireNonNull(index);
        }

        public int eval(Values values) {
            return elements.get(index.eval(values)).eval(values);
        }

        public void fields(IntConsumer into) {
            for (Expr e : elements) e.fields(into);
            index.fields(into);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitReadAt(this);
        }
    }

    record Unary(UnaryOp op, Expr operand) implements Expr {
        public Unary {
            Objects.requireNonNull(op);
            Objects.requireNonNull(operand);
        }

        public int eval(Values values) {
            return apply(op, operand.eval(values));
        }

        public void fields(IntConsumer into) {
            operand.fields(into);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitUnary(this);
        }
    }

    record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
        public Binary {
            Objects.requireNonNull(op);
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }

        public int eval(Values values) {
            int l = left.eval(values);
            if (op == BinaryOp.AND && l == 0) return 0;
            if (op == BinaryOp.OR && l != 0) return 1;
            return apply(op, l, right.eval(values));
        }

        public void fields(IntConsumer into) {
            left.fields(into);
            right.fields(into);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitBinary(this);
        }
    }

    static int apply(UnaryOp op, int v) {
        return op == UnaryOp.NOT ? (v == 0 ? 1 : 0) : -v;
    }

    /** The IR's integer semantics ({@link BinaryOp#apply}); guards exclude division by zero. */
    static int apply(BinaryOp op, int l, int r) {
        var result = op.apply(l, r);
        if (result.isEmpty()) throw new ArithmeticException("division by zero");
        return (int) result.getAsLong();
    }

    static Expr constant(int v) {
        return v == 0 ? FALSE : v == 1 ? TRUE : new Const(v);
    }

    static Expr read(int field) {
        return new Read(field);
    }

    static boolean isTrue(Expr e) {
        return e instanceof Const c && c.value() != 0;
    }

    static boolean isFalse(Expr e) {
        return e instanceof Const c && c.value() == 0;
    }

    static Expr not(Expr e) {
        if (e instanceof Const c) return constant(c.value() == 0 ? 1 : 0);
        if (e instanceof Unary u && u.op() == UnaryOp.NOT && isBoolean(u.operand())) return u.operand();
        if (e instanceof Binary b && b.op() == BinaryOp.EQ) return binary(BinaryOp.NE, b.left(), b.right());
        if (e instanceof Binary b && b.op() == BinaryOp.NE) return binary(BinaryOp.EQ, b.left(), b.right());
        return new Unary(UnaryOp.NOT, e);
    }

    /** Whether the expression's value is always 0 or 1. */
    static boolean isBoolean(Expr e) {
        if (e instanceof Const c) return c.value() == 0 || c.value() == 1;
        if (e instanceof Unary u) return u.op() == UnaryOp.NOT;
        return e instanceof Binary b && (b.op().isComparison() || b.op() == BinaryOp.AND || b.op() == BinaryOp.OR);
    }

    static Expr and(Expr a, Expr b) {
        if (isFalse(a) || isFalse(b)) return FALSE;
        if (isTrue(a)) return truth(b);
        if (isTrue(b)) return truth(a);
        return new Binary(BinaryOp.AND, a, b);
    }

    static Expr or(Expr a, Expr b) {
        if (isTrue(a) || isTrue(b)) return TRUE;
        if (isFalse(a)) return truth(b);
        if (isFalse(b)) return truth(a);
        return new Binary(BinaryOp.OR, a, b);
    }

    static Expr and(List<Expr> all) {
        Expr r = TRUE;
        for (Expr e : all) r = and(r, e);
        return r;
    }

    static Expr or(List<Expr> all) {
        Expr r = FALSE;
        for (Expr e : all) r = or(r, e);
        return r;
    }

    /** {@code e != 0} as a 0/1 value. */
    static Expr truth(Expr e) {
        return isBoolean(e) ? e : binary(BinaryOp.NE, e, FALSE);
    }

    static Expr eq(Expr a, Expr b) {
        return binary(BinaryOp.EQ, a, b);
    }

    static Expr ne(Expr a, Expr b) {
        return binary(BinaryOp.NE, a, b);
    }

    /** A binary expression, folded when both sides are constant (division by zero stays unfolded). */
    static Expr binary(BinaryOp op, Expr a, Expr b) {
        if (op == BinaryOp.AND) return and(truth(a), truth(b));
        if (op == BinaryOp.OR) return or(truth(a), truth(b));
        if (a instanceof Const x && b instanceof Const y) {
            var r = op.apply(x.value(), y.value());
            if (r.isPresent()) return constant((int) r.getAsLong());
        }
        return new Binary(op, a, b);
    }

    static Expr unary(UnaryOp op, Expr a) {
        if (op == UnaryOp.NOT) return not(truth(a));
        if (a instanceof Const c) return constant(-c.value());
        return new Unary(op, a);
    }
}
