package io.vmlock.sema;

import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.VarType;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks variable and constant declarations: ranges with constant, ordered bounds; initial
 * values of the variable's type, constant for globals, and within the range when known.
 */
final class VarChecker {
    private record Range(long low, long high) {
        boolean contains(long v) {
            return low <= v && v <= high;
        }

        @Override
        public String toString() {
            return low + ".." + high;
        }
    }

    private final ExprChecker exprs;
    private final ConstEvaluator evaluator;
    private final ConstTypes constTypes;
    private final Diagnostics diagnostics;

    VarChecker(ExprChecker exprs, ConstEvaluator evaluator, ConstTypes constTypes, Diagnostics diagnostics) {
        this.exprs = exprs;
        this.evaluator = evaluator;
        this.constTypes = constTypes;
        this.diagnostics = diagnostics;
    }

    /** A global's initial value is part of the initial state, so it must be a constant. */
    void variable(Decl.Var v, Scope scope, boolean global) {
        Optional<Range> range = range(v, scope);
        v.set().ifPresent(set -> exprs.resolver().requireSet(set, diagnostics));
        if (v.init().isEmpty()) return;
        Expr init = v.init().get();
        String name = v.name().name();
        ValueType wanted = v.type() instanceof VarType.Bool ? ValueType.BOOL : ValueType.INT;
        if (!exprs.require(init, scope, wanted, "the initial value of '" + name + "'")) return;
        OptionalLong value = evaluator.evaluate(init);
        if (value.isEmpty()) {
            if (global) {
                diagnostics.error(DiagnosticCode.NOT_CONSTANT, init.span(), "the initial value of global '" + name
                        + "' must be a constant, but '" + ExprText.of(init) + "' is not");
            }
            return;
        }
        if (range.isPresent() && !range.get().contains(value.getAsLong())) {
            diagnostics.error(DiagnosticCode.OUT_OF_RANGE, init.span(), "the initial value " + value.getAsLong()
                    + " of '" + name + "' is outside its range " + range.get());
        }
    }

    /** A value an init block gives a global: a constant, within the variable's range. */
    void startingValue(Decl.Var v, Expr value) {
        String name = v.name().name();
        OptionalLong n = evaluator.evaluate(value);
        if (n.isEmpty()) {
            diagnostics.error(DiagnosticCode.NOT_CONSTANT, value.span(), "init sets '" + name + "' to a constant, but '"
                    + ExprText.of(value) + "' is not", "init runs before the search: it cannot read the state");
            return;
        }
        if (!(v.type() instanceof VarType.IntRange r)) return;
        // the declaration reports bad bounds; here they only decide whether the value fits
        OptionalLong low = evaluator.evaluate(r.low());
        OptionalLong high = evaluator.evaluate(r.high());
        if (low.isEmpty() || high.isEmpty() || low.getAsLong() > high.getAsLong()) return;
        Range range = new Range(low.getAsLong(), high.getAsLong());
        if (!range.contains(n.getAsLong())) {
            diagnostics.error(DiagnosticCode.OUT_OF_RANGE, value.span(), "init sets '" + name + "' to "
                    + n.getAsLong() + ", outside its range " + range);
        }
    }

    void constant(Decl.Const c) {
        Typed t = exprs.type(c.value(), Scope.global());
        String name = c.name().name();
        if (constTypes.isCyclic(c)) {
            diagnostics.error(DiagnosticCode.NOT_CONSTANT, c.name().span(),
                    "constant '" + name + "' is defined in terms of itself");
            return;
        }
        if (t.known() && evaluator.evaluate(c.value()).isEmpty()) {
            diagnostics.error(DiagnosticCode.NOT_CONSTANT, c.value().span(), "the value of constant '" + name
                    + "' must be known before the search, but '" + ExprText.of(c.value()) + "' is not constant");
        }
    }

    private Optional<Range> range(Decl.Var v, Scope scope) {
        if (!(v.type() instanceof VarType.IntRange r)) return Optional.empty();
        OptionalLong low = bound(r.low(), "low", v, scope);
        OptionalLong high = bound(r.high(), "high", v, scope);
        if (low.isEmpty() || high.isEmpty()) return Optional.empty();
        if (low.getAsLong() > high.getAsLong()) {
            diagnostics.error(DiagnosticCode.EMPTY_RANGE, r.span(), "the range " + low.getAsLong() + ".."
                    + high.getAsLong() + " of '" + v.name().name() + "' is empty: its low bound is above its high bound");
            return Optional.empty();
        }
        return Optional.of(new Range(low.getAsLong(), high.getAsLong()));
    }

    private OptionalLong bound(Expr e, String which, Decl.Var v, Scope scope) {
        String what = "the " + which + " bound of '" + v.name().name() + "'";
        if (!exprs.requireInt(e, scope, what)) return OptionalLong.empty();
        OptionalLong value = evaluator.evaluate(e);
        if (value.isEmpty()) {
            diagnostics.error(DiagnosticCode.NOT_CONSTANT, e.span(),
                    what + " must be a constant, but '" + ExprText.of(e) + "' is not");
        } else if (value.getAsLong() < -Integer.MAX_VALUE || value.getAsLong() > Integer.MAX_VALUE) {
            diagnostics.error(DiagnosticCode.OUT_OF_RANGE, e.span(), what + " " + value.getAsLong()
                    + " is outside the integers vmlock models (-" + Integer.MAX_VALUE + ".." + Integer.MAX_VALUE + ")");
            return OptionalLong.empty();
        }
        return value;
    }
}
