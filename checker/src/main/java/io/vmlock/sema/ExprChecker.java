package io.vmlock.sema;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.ResultType;
import io.vmlock.ast.ValueCalls;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Types expressions: resolves names, checks indexes against per-instance sets and operands
 * against operators. Each error is reported once, where it is; the enclosing expressions then
 * see an unknown type and stay quiet.
 */
final class ExprChecker {
    /** Why a call cannot give its value here; empty where lowering can run it before the expression. */
    private static final String NOT_HERE =
            "a call gives a value only in an if or while condition, an assignment, a local's initial value or a return";
    private static final String ONLY_SOMETIMES = "the right side of '%s' runs only sometimes";
    private final Resolver resolver;
    private final Diagnostics diagnostics;
    private CallChecker calls;
    private Optional<String> callsForbidden = Optional.of(NOT_HERE);

    ExprChecker(SymbolTable symbols, ConstTypes consts, Diagnostics diagnostics) {
        this.resolver = new Resolver(symbols, consts);
        this.diagnostics = diagnostics;
    }

    Resolver resolver() {
        return resolver;
    }

    /** Wired once by {@link Checkers}: typing a call checks it as a call. */
    void callsCheckedBy(CallChecker calls) {
        this.calls = calls;
    }

    /** Runs a check of an expression that may use calls' values (see {@link #NOT_HERE}). */
    <T> T allowingCalls(Supplier<T> check) {
        Optional<String> outer = callsForbidden;
        callsForbidden = Optional.empty();
        try {
            return check.get();
        } finally {
            callsForbidden = outer;
        }
    }

    private Typed forbiddingCalls(String why, Supplier<Typed> check) {
        Optional<String> outer = callsForbidden;
        callsForbidden = outer.or(() -> Optional.of(why));
        try {
            return check.get();
        } finally {
            callsForbidden = outer;
        }
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
            if (e.op().isLogical()) {
                forbiddingCalls(String.format(ONLY_SOMETIMES, e.op().symbol), () -> {
                    operand(e.op().symbol, needs, e.right(), wanted, scope);
                    return Typed.of(wanted);
                });
            } else {
                operand(e.op().symbol, needs, e.right(), wanted, scope);
            }
            return Typed.of(e.op().isArithmetic() ? ValueType.INT : ValueType.BOOL);
        }

        public Typed visitFlags(Expr.Flags e) {
            diagnostics.error(DiagnosticCode.UNKNOWN_GFP, e.span(),
                    "'" + ExprText.of(e) + "' is a GFP mask, and a mask stands only as an allocation's argument",
                    "write e.g. alloc(" + ExprText.of(e) + ")");
            return Typed.of(ValueType.UNKNOWN);
        }

        public Typed visitCall(Expr.Call e) {
            String name = e.callee().name();
            if (e.isReadOnce()) return readOnce(e, scope);
            if (callsForbidden.isPresent()) {
                diagnostics.error(DiagnosticCode.CALL_IN_EXPRESSION, e.span(),
                        "'" + name + "(...)' cannot give its value here: " + callsForbidden.get(),
                        "run it first into a local: " + resultKeyword(e.callee()) + " ok = " + name
                                + "(...); then use ok");
                e.args().forEach(a -> type(a, scope));
                return Typed.of(ValueType.UNKNOWN);
            }
            Optional<BuiltinOp> builtin = BuiltinOp.bySpelling(name);
            if (builtin.isPresent()) {
                calls.builtin(builtin.get(), e.args(), e.span(), scope);
                // a user copy gives what C's does: the bytes left uncopied (0, or 1 for some)
                boolean copy = builtin.get().category() == BuiltinOp.Category.USER_COPY;
                return Typed.of(copy ? ValueType.INT : ValueType.BOOL);
            }
            Optional<Decl.Proc> proc = calls.procedure(e.callee(), e.args(), scope);
            if (proc.isEmpty()) return Typed.of(ValueType.UNKNOWN);
            ResultType result = proc.get().result();
            if (!result.returnsValue()) result = resolver.symbols().hook(name).map(Decl.Hook::result).orElse(result);
            if (!result.returnsValue()) {
                diagnostics.error(DiagnosticCode.NO_VALUE, e.span(), "'" + name + "' is a proc and returns no value",
                        "to give one, declare it 'bool " + name + "(...)' or 'int " + name + "(...)' and return it",
                        "'" + name + "' is declared at " + proc.get().name().span().position());
                return Typed.of(ValueType.UNKNOWN);
            }
            return Typed.of(result == ResultType.BOOL ? ValueType.BOOL : ValueType.INT);
        }
    }

    /** READ_ONCE(x): x's value, so x's type; one argument, with no call in it (a read, not a run). */
    private Typed readOnce(Expr.Call e, Scope scope) {
        if (e.args().size() != 1) {
            diagnostics.error(DiagnosticCode.ARITY_MISMATCH, e.span(),
                    "READ_ONCE() reads one value, but is given " + e.args().size(), "write READ_ONCE(x)");
            e.args().forEach(a -> type(a, scope));
            return Typed.of(ValueType.UNKNOWN);
        }
        Expr read = e.args().get(0);
        if (!ValueCalls.in(read).isEmpty()) {
            diagnostics.error(DiagnosticCode.CALL_IN_EXPRESSION, read.span(),
                    "READ_ONCE() reads a variable; '" + ExprText.of(read) + "' runs a call",
                    "run the call first into a local, then read what you need");
        }
        return type(read, scope);
    }

    /** How a local holding the callee's result is declared, for hints: trylocks give bools, user copies a count. */
    private String resultKeyword(io.vmlock.ast.Ident callee) {
        boolean copy = BuiltinOp.bySpelling(callee.name()).filter(b -> b.category() == BuiltinOp.Category.USER_COPY).isPresent();
        if (copy) return "int(0..1)";
        Optional<Symbol.ProcSym> proc = resolver.symbols().lookup(callee.name(), Symbol.ProcSym.class);
        return proc.map(p -> p.decl().result()).filter(r -> r == ResultType.INT).map(r -> "int(lo..hi)").orElse("bool");
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
