package io.vmlock.sema;

import io.vmlock.ast.Expr;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import java.util.Optional;

/**
 * Types expressions: resolves names, checks indexes against per-instance sets and operands
 * against operators. Each error is reported once, where it is; the enclosing expressions then
 * see an unknown type and stay quiet.
 */
final class ExprChecker {
    private final Resolver resolver;
    private final Diagnostics diagnostics;

    ExprChecker(SymbolTable symbols, ConstTypes consts, Diagnostics diagnostics) {
        this.resolver = new Resolver(symbols, consts);
        this.diagnostics = diagnostics;
    }

    Resolver resolver() {
        return resolver;
    }

    Typed type(Expr e, Scope scope) {
        return e.accept(new Typer(scope));
    }

    /**
     * Reports unless {@code e} is a bool; {@code what} names the place, "the condition of 'if'".
     * True when {@code e} is a bool; false also when its error was reported before.
     */
    boolean requireBool(Expr e, Scope scope, String what) {
        return require(e, scope, ValueType.BOOL, what);
    }

    boolean requireInt(Expr e, Scope scope, String what) {
        return require(e, scope, ValueType.INT, what);
    }

    boolean require(Expr e, Scope scope, ValueType wanted, String what) {
        Typed t = type(e, scope);
        if (t.known() && !t.type().equals(wanted)) {
            diagnostics.error(DiagnosticCode.TYPE_MISMATCH, e.span(),
                    what + " must be " + wanted.describe() + ", but '" + ExprText.of(e) + "' is " + t.description());
        }
        return t.known() && t.type().equals(wanted);
    }

    /** Checks that {@code index} selects an instance of {@code set}, for {@code name[index]}. */
    void checkIndex(Binding b, Expr index, Scope scope) {
        Typed t = type(index, scope);
        if (b.indexSet().isEmpty()) {
            diagnostics.error(DiagnosticCode.INDEX_MISMATCH, index.span(),
                    "'" + b.name() + "' is " + b.description() + " and takes no index");
            return;
        }
        String set = b.indexSet().get();
        if (t.known() && !t.type().equals(new ValueType.Instance(set))) {
            diagnostics.error(DiagnosticCode.INDEX_MISMATCH, index.span(),
                    "'" + b.name() + "' is indexed by set '" + set + "', but '" + ExprText.of(index) + "' is "
                            + t.description());
        }
    }

    void reportMissingIndex(Binding b, io.vmlock.ast.SourceSpan at) {
        diagnostics.error(DiagnosticCode.INDEX_MISMATCH, at,
                "'" + b.name() + "' is " + b.description() + " per instance of set '" + b.indexSet().get()
                        + "'; name one with " + b.name() + "[...]");
    }

    private final class Typer implements Expr.Visitor<Typed> {
        private final Scope scope;

        Typer(Scope scope) {
            this.scope = scope;
        }

        public Typed visitIntLit(Expr.IntLit e) {
            return Typed.of(ValueType.INT);
        }

        public Typed visitBoolLit(Expr.BoolLit e) {
            return Typed.of(ValueType.BOOL);
        }

        public Typed visitName(Expr.Name e) {
            Optional<Binding> b = resolver.resolve(e.name(), scope, diagnostics);
            if (b.isEmpty()) return Typed.of(ValueType.UNKNOWN);
            if (b.get().indexSet().isPresent()) {
                reportMissingIndex(b.get(), e.span());
                return Typed.of(ValueType.UNKNOWN);
            }
            return Typed.of(b.get());
        }

        public Typed visitIndex(Expr.Index e) {
            Optional<Binding> b = resolver.resolve(e.name(), scope, diagnostics);
            if (b.isEmpty()) {
                type(e.index(), scope);
                return Typed.of(ValueType.UNKNOWN);
            }
            checkIndex(b.get(), e.index(), scope);
            if (b.get().indexSet().isEmpty()) return Typed.of(ValueType.UNKNOWN);
            return Typed.of(b.get());
        }

        public Typed visitUnary(Expr.Unary e) {
            ValueType wanted = e.op() == Expr.UnaryOp.NOT ? ValueType.BOOL : ValueType.INT;
            operand(e.op().symbol, wanted.describe() + " operand", e.operand(), wanted, scope);
            return Typed.of(wanted);
        }

        public Typed visitBinary(Expr.Binary e) {
            if (e.op() == Expr.BinaryOp.EQ || e.op() == Expr.BinaryOp.NE) return equality(e, scope);
            ValueType wanted = e.op().isLogical() ? ValueType.BOOL : ValueType.INT;
            String needs = ((ValueType.Scalar) wanted).name() + " operands";
            operand(e.op().symbol, needs, e.left(), wanted, scope);
            operand(e.op().symbol, needs, e.right(), wanted, scope);
            return Typed.of(e.op().isArithmetic() ? ValueType.INT : ValueType.BOOL);
        }
    }

    private void operand(String op, String needs, Expr e, ValueType wanted, Scope scope) {
        Typed t = type(e, scope);
        if (t.known() && !t.type().equals(wanted)) {
            diagnostics.error(DiagnosticCode.TYPE_MISMATCH, e.span(),
                    "'" + op + "' needs " + needs + ", but '" + ExprText.of(e) + "' is " + t.description());
        }
    }

    /** {@code ==} and {@code !=} compare two ints, two bools or two instances of one set. */
    private Typed equality(Expr.Binary e, Scope scope) {
        Typed l = type(e.left(), scope);
        Typed r = type(e.right(), scope);
        String op = e.op().symbol;
        for (Expr side : new Expr[] {e.left(), e.right()}) {
            Typed t = side == e.left() ? l : r;
            if (t.known() && !isComparable(t.type())) {
                diagnostics.error(DiagnosticCode.TYPE_MISMATCH, side.span(),
                        "'" + op + "' compares values, but '" + ExprText.of(side) + "' is " + t.description());
                return Typed.of(ValueType.BOOL);
            }
        }
        if (l.known() && r.known() && !l.type().equals(r.type())) {
            diagnostics.error(DiagnosticCode.TYPE_MISMATCH, e.right().span(),
                    "'" + op + "' compares values of one type, but '" + ExprText.of(e.left()) + "' is "
                            + l.description() + " and '" + ExprText.of(e.right()) + "' is " + r.description());
        }
        return Typed.of(ValueType.BOOL);
    }

    private static boolean isComparable(ValueType t) {
        return t instanceof ValueType.Scalar || t instanceof ValueType.Instance;
    }
}
