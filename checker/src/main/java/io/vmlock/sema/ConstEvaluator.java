package io.vmlock.sema;

import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Evaluates expressions known before the search: literals, constants, instance names (their
 * ordinal) and arithmetic on them. Booleans are 0 and 1. Anything else is not constant.
 */
public final class ConstEvaluator {
    private final SymbolTable symbols;
    private final ConstDependencies dependencies;
    /** Values of the constants evaluated so far, each after the constants it uses. */
    private final Map<String, OptionalLong> values = new HashMap<>();

    public ConstEvaluator(SymbolTable symbols) {
        this.symbols = symbols;
        this.dependencies = new ConstDependencies(symbols);
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
                if (x.op() == Expr.UnaryOp.NOT) return bool(v.getAsLong() == 0);
                return v.getAsLong() == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(-v.getAsLong());
            }

            public OptionalLong visitBinary(Expr.Binary x) {
                OptionalLong l = evaluate(x.left());
                OptionalLong r = evaluate(x.right());
                if (l.isEmpty() || r.isEmpty()) return OptionalLong.empty();
                return x.op().apply(l.getAsLong(), r.getAsLong());
            }

            public OptionalLong visitCall(Expr.Call x) {
                return OptionalLong.empty();
            }

            public OptionalLong visitFlags(Expr.Flags x) {
                return OptionalLong.empty();
            }
        });
    }

    private OptionalLong name(String name) {
        var sym = symbols.lookup(name);
        if (sym.isEmpty()) return OptionalLong.empty();
        if (sym.get() instanceof Symbol.InstanceSym i) return OptionalLong.of(i.ordinal());
        if (sym.get() instanceof Symbol.ConstSym c) {
            for (Decl.Const d : dependencies.order(c.decl())) {
                // what d uses is known by now, unless it is cyclic: then it has no value
                values.put(d.name().name(), dependencies.isCyclic(d) ? OptionalLong.empty() : evaluate(d.value()));
            }
            return values.getOrDefault(name, OptionalLong.empty());
        }
        return OptionalLong.empty();
    }

    private static OptionalLong bool(boolean b) {
        return OptionalLong.of(b ? 1 : 0);
    }
}
