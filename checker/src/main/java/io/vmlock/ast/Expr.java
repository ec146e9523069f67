package io.vmlock.ast;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Expressions over constants, variables and instance names. Side-effect free except {@link Call},
 * which sema admits only where lowering can run it before the expression is evaluated.
 */
public sealed interface Expr permits Expr.IntLit, Expr.BoolLit, Expr.Name, Expr.Index, Expr.Unary, Expr.Binary,
        Expr.Call, Expr.Flags {

    SourceSpan span();

    <R> R accept(Visitor<R> v);

    interface Visitor<R> {
        R visitIntLit(IntLit e);

        R visitBoolLit(BoolLit e);

        R visitName(Name e);

        R visitIndex(Index e);

        R visitUnary(Unary e);

        R visitBinary(Binary e);

        R visitCall(Call e);

        R visitFlags(Flags e);
    }

    enum UnaryOp {
        NOT("!"), NEG("-");

        public final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }
    }

    enum BinaryOp {
        MUL("*"), DIV("/"), MOD("%"), ADD("+"), SUB("-"),
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="), AND("&&"), OR("||");

        public final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public static BinaryOp bySymbol(String s) {
            for (BinaryOp op : values()) {
                if (op.symbol.equals(s)) return op;
            }
            throw new IllegalArgumentException("no binary operator " + s);
        }

        public boolean isArithmetic() {
            return ordinal() <= SUB.ordinal();
        }

        public boolean isComparison() {
            return ordinal() >= LT.ordinal() && ordinal() <= NE.ordinal();
        }

        public boolean isLogical() {
            return this == AND || this == OR;
        }

        /**
         * The operator's integer semantics, the one definition constant folding, the IR, the graph
         * pass and the explorer share; booleans are 0 and 1. Division by zero and overflow are not
         * values.
         */
        public OptionalLong apply(long l, long r) {
            try {
                return exact(l, r);
            } catch (ArithmeticException overflowOrDivisionByZero) {
                return OptionalLong.empty();
            }
        }

        private OptionalLong exact(long l, long r) {
            return switch (this) {
                case MUL -> OptionalLong.of(Math.multiplyExact(l, r));
                case DIV -> OptionalLong.of(r == -1 ? Math.negateExact(l) : l / r);
                case MOD -> OptionalLong.of(l % r);
                case ADD -> OptionalLong.of(Math.addExact(l, r));
                case SUB -> OptionalLong.of(Math.subtractExact(l, r));
                case LT -> truth(l < r);
                case LE -> truth(l <= r);
                case GT -> truth(l > r);
                case GE -> truth(l >= r);
                case EQ -> truth(l == r);
                case NE -> truth(l != r);
                case AND -> truth(l != 0 && r != 0);
                case OR -> truth(l != 0 || r != 0);
            };
        }

        private static OptionalLong truth(boolean b) {
            return OptionalLong.of(b ? 1 : 0);
        }

        /** How tightly the operator binds, in the grammar's order: {@code * / %} most, {@code ||} least. */
        public int precedence() {
            return switch (this) {
                case MUL, DIV, MOD -> 6;
                case ADD, SUB -> 5;
                case LT, LE, GT, GE -> 4;
                case EQ, NE -> 3;
                case AND -> 2;
                case OR -> 1;
            };
        }

        /**
         * Whether an operand that is itself a {@code child} operation needs brackets under this
         * operator when printed: when it binds less tightly, or as tightly on the right (every
         * operator groups to the left). An {@code &&} under {@code ||} keeps them, as gcc's
         * -Wparentheses asks of kernel code.
         */
        public boolean bracketsOperand(BinaryOp child, boolean right) {
            if (this == OR && child == AND) return true;
            return child.precedence() < precedence() || (right && child.precedence() == precedence());
        }
    }

    record IntLit(long value, SourceSpan span) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitIntLit(this);
        }
    }

    record BoolLit(boolean value, SourceSpan span) implements Expr {
        public <R> R accept(Visitor<R> v) {
            return v.visitBoolLit(this);
        }
    }

    /** A variable, constant, lock, completion, mapping, instance or parameter, by name. */
    record Name(Ident name, SourceSpan span) implements Expr {
        public Name {
            Objects.requireNonNull(name);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitName(this);
        }
    }

    /** {@code page_lock[P0]}, {@code writeback[p]}: a per-instance object or array element. */
    record Index(Ident name, Expr index, SourceSpan span) implements Expr {
        public Index {
            Objects.requireNonNull(name);
            Objects.requireNonNull(index);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitIndex(this);
        }
    }

    record Unary(UnaryOp op, Expr operand, SourceSpan span) implements Expr {
        public Unary {
            Objects.requireNonNull(op);
            Objects.requireNonNull(operand);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitUnary(this);
        }
    }

    record Binary(BinaryOp op, Expr left, Expr right, SourceSpan span) implements Expr {
        public Binary {
            Objects.requireNonNull(op);
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitBinary(this);
        }
    }

    /**
     * A call whose result is used: a procedure declared {@code bool} or {@code int}, or a trylock
     * ({@code bool ok = mutex_trylock(m);}). Lowering runs it, into a temporary, before the
     * expression that uses it.
     */
    record Call(Ident callee, List<Expr> args, SourceSpan span) implements Expr {
        /**
         * The kernel's racy read, READ_ONCE(x): not a call but its argument's value, read in a
         * step of its own where it stands in a condition or a local's initial value.
         */
        public static final String READ_ONCE = "READ_ONCE";

        public Call {
            Objects.requireNonNull(callee);
            args = List.copyOf(args);
        }

        public boolean isReadOnce() {
            return callee.name().equals(READ_ONCE);
        }

        /** Whether a READ_ONCE() stands anywhere in {@code e}. */
        public static boolean readsOnce(Expr e) {
            if (e instanceof Call c) return c.isReadOnce() || c.args().stream().anyMatch(Call::readsOnce);
            if (e instanceof Index x) return readsOnce(x.index());
            if (e instanceof Unary u) return readsOnce(u.operand());
            if (e instanceof Binary b) return readsOnce(b.left()) || readsOnce(b.right());
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitCall(this);
        }
    }

    /**
     * GFP flags or'ed, {@code GFP_KERNEL | __GFP_NOLOCKDEP}, then with {@code cleared} bits taken out,
     * {@code GFP_KERNEL & ~__GFP_FS}: an allocation's argument, by name.
     */
    record Flags(List<Ident> names, List<Ident> cleared, SourceSpan span) implements Expr {
        public Flags {
            names = List.copyOf(names);
            cleared = List.copyOf(cleared);
            if (names.isEmpty() || names.size() + cleared.size() < 2) {
                throw new IllegalArgumentException("a mask joins two flags at least");
            }
        }

        /** The mask as written, {@code (GFP_KERNEL | __GFP_NOFAIL) & ~__GFP_FS}. */
        public String text() {
            return Gfp.text(names.stream().map(Ident::name).toList(), cleared.stream().map(Ident::name).toList());
        }

        public <R> R accept(Visitor<R> v) {
            return v.visitFlags(this);
        }
    }
}
