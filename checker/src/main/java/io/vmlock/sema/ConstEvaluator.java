package io.vmlock.sema;

import io.vmlock.ast.Expr;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Evaluates expressions known before the search: literals, constants, instance names (their
 * ordinal) and arithmetic on them. Booleans are 0 and 1. Anything else is not constant.
 */
public final class ConstEvaluator {
    private final SymbolTable symbols;
    private final Set<String> evaluating = new HashSet<>();

    public ConstEvaluator(SymbolTable symbols) {
        this.symbols = symbols;
    }

    public OptionalLong evaluate(Expr e) {
        return e.accept(new Expr.Visitor<OptionalLong>() {
            public OptionalLong visitIntLit(Expr.IntLit x) {
                return OptionalLong.of(x.value());
            }

            public OptionalLong visitBoolLit(Expr.BoolLit x) {
                return OptionalLong.of(x.value() ? 1 : 0);
            }

            public OptionalLong visitName(Expr.Name x) {
                return name(x.name().name());
            }

            public OptionalLong visitIndex(Expr.Index x) {
                return OptionalLong.empty();
            }

            public OptionalLong visitUnary(Expr.Unary x) {
                OptionalLong v = evaluate(x.operand());
                if (v.isEmpty()) return v;
                return OptionalLong.of(x.op() == Expr.UnaryOp.NOT ? (v.getAsLong() == 0 ? 1 : 0) : -v.getAsLong());
            }

            public OptionalLong visitBinary(Expr.Binary x) {
                OptionalLong l = evaluate(x.left());
                OptionalLong r = evaluate(x.right());
                if (l.isEmpty() || r.isEmpty()) return OptionalLong.empty();
                return apply(x.op(), l.getAsLong(), r.getAsLong());
            }
        });
    }

    private OptionalLong name(String name) {
        var sym = symbols.lookup(name);
        if (sym.isEmpty()) return OptionalLong.empty();
        if (sym.get() instanceof Symbol.InstanceSym i) return OptionalLong.of(i.ordinal());
        if (sym.get() instanceof Symbol.ConstSym c) {
            if (!evaluating.add(name)) return OptionalLong.empty(); // a constant defined by itself
            try {
                return evaluate(c.decl().value());
            } finally {
                evaluating.remove(name);
            }
        }
        return OptionalLong.empty();
    }

    /** Integer semantics shared with the explorer; division by zero is not a value. */
    public static OptionalLong apply(Expr.BinaryOp op, long l, long r) {
        return switch (op) {
            case MUL -> OptionalLong.of(l * r);
            case DIV -> r == 0 ? OptionalLong.empty() : OptionalLong.of(l / r);
            case MOD -> r == 0 ? OptionalLong.empty() : OptionalLong.of(l % r);
            case ADD -> OptionalLong.of(l + r);
            case SUB -> OptionalLong.of(l - r);
            case LT -> bool(l < r);
            case LE -> bool(l <= r);
            case GT -> bool(l > r);
            case GE -> bool(l >= r);
            case EQ -> bool(l == r);
            case NE -> bool(l != r);
            case AND -> bool(l != 0 && r != 0);
            case OR -> bool(l != 0 || r != 0);
        };
    }

    private static OptionalLong bool(boolean b) {
        return OptionalLong.of(b ? 1 : 0);
    }
}
