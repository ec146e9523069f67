package io.vmlock.sema;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Ident;
import io.vmlock.ast.ResultType;
import io.vmlock.ast.SourceSpan;
import io.vmlock.ast.Stmt;
import io.vmlock.diag.DiagnosticCode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks the statements of one procedure, thread or interrupt body: local names and their
 * scopes, conditions, assignments, calls, loop bounds and where break and continue stand.
 */
final class BodyChecker implements Stmt.Visitor<Void> {
    static final int MAX_REPEAT = 64;
    private final Checkers c;
    /** What a return gives back: VOID in a proc, a thread, an interrupt or an init block. */
    private final ResultType result;
    /** An init block: the only place lockdep_set_class may stand. */
    private final boolean init;
    private Scope scope;
    private int loops;

    private BodyChecker(Checkers c, ResultType result, Scope scope, boolean init) {
        this.c = c;
        this.result = result;
        this.scope = scope;
        this.init = init;
    }

    private BodyChecker(Checkers c, ResultType result, Scope scope) {
        this(c, result, scope, false);
    }

    /** An init block's body: names and types as any body's, and it may set lock classes. */
    static void checkInit(Checkers c, Stmt.Block body) {
        body.accept(new BodyChecker(c, ResultType.VOID, Scope.global(), true));
    }

    /** {@code scope} holds the parameters, if any; the body's block opens its own scope inside it. */
    static void check(Checkers c, Scope scope, Stmt.Block body) {
        body.accept(new BodyChecker(c, ResultType.VOID, scope));
    }

    /** A procedure's body; one with a result must return it on every path. */
    static void check(Checkers c, Scope scope, Decl.Proc proc) {
        proc.body().accept(new BodyChecker(c, proc.result(), scope));
        if (proc.result().returnsValue() && !Returns.always(proc.body())) {
            SourceSpan end = proc.body().span();
            c.diagnostics().error(DiagnosticCode.MISSING_RETURN, SourceSpan.point(end.file(), end.endLine(), end.endColumn()),
                    "'" + proc.name().name() + "' is declared " + proc.result().keyword()
                            + " but can reach its end without returning a value",
                    "end every path with 'return ...;'");
        }
    }

    /** Declares a local name: locals shadow nothing, neither other locals nor globals nor builtins. */
    static void declare(Checkers c, Scope scope, Binding b) {
        String name = b.name();
        SourceSpan at = b.declared().span();
        if (BuiltinOp.bySpelling(name).isPresent()) {
            c.diagnostics().error(DiagnosticCode.BUILTIN_REDEFINED, at,
                    "'" + name + "' is a builtin operation and cannot be redeclared");
            return;
        }
        Optional<Binding> previous = scope.local(name).or(() -> c.symbols().lookup(name).map(c.resolver()::binding));
        if (previous.isPresent()) {
            c.diagnostics().error(DiagnosticCode.DUPLICATE_NAME, at,
                    "'" + name + "' is already declared as " + previous.get().description(),
                    "first declared at " + previous.get().declared().span().position(),
                    "local names may not shadow other names");
        }
        scope.put(b);
    }

    public Void visitLocalVar(Stmt.LocalVar s) {
        c.exprs().allowingCalls(() -> {
            c.vars().variable(s.decl(), scope, false);
            return null;
        });
        declare(c, scope, Resolver.variable(s.decl()));
        return null;
    }

    public Void visitIf(Stmt.If s) {
        c.exprs().allowingCalls(() -> c.exprs().requireBool(s.condition(), scope, "the condition of 'if'"));
        s.then().accept(this);
        s.otherwise().ifPresent(b -> b.accept(this));
        return null;
    }

    public Void visitIfTrylock(Stmt.IfTrylock s) {
        c.calls().builtin(s.op(), List.of(s.lock()), s.trySpan(), scope);
        s.then().accept(this);
        s.otherwise().ifPresent(b -> b.accept(this));
        return null;
    }

    public Void visitEither(Stmt.Either s) {
        s.branches().forEach(b -> b.accept(this));
        return null;
    }

    public Void visitWhile(Stmt.While s) {
        c.exprs().allowingCalls(() -> c.exprs().requireBool(s.condition(), scope, "the condition of 'while'"));
        return loop(s.body());
    }

    public Void visitRepeat(Stmt.Repeat s) {
        if (c.exprs().requireInt(s.count(), scope, "the count of 'repeat'")) {
            OptionalLong n = c.evaluator().evaluate(s.count());
            if (n.isEmpty()) {
                c.diagnostics().error(DiagnosticCode.NOT_CONSTANT, s.count().span(),
                        "the count of 'repeat' must be a constant, but '" + ExprText.of(s.count()) + "' is not");
            } else if (n.getAsLong() < 0 || n.getAsLong() > MAX_REPEAT) {
                c.diagnostics().error(DiagnosticCode.UNBOUNDED_LOOP, s.count().span(), "repeat count "
                        + n.getAsLong() + " is outside 0.." + MAX_REPEAT,
                        "for a longer loop, use while with a condition on a bounded variable");
            }
        }
        return loop(s.body());
    }

    public Void visitForeach(Stmt.Foreach s) {
        Optional<io.vmlock.ast.Decl.SetDecl> set = c.resolver().requireSet(s.set(), c.diagnostics());
        ValueType type = set.<ValueType>map(d -> new ValueType.Instance(d.name().name())).orElse(ValueType.UNKNOWN);
        Scope outer = scope;
        scope = scope.child();
        declare(c, scope, Binding.of(s.variable(), "the foreach variable over set '" + s.set().name() + "'", type));
        loop(s.body());
        scope = outer;
        return null;
    }

    private Void loop(Stmt.Block body) {
        loops++;
        body.accept(this);
        loops--;
        return null;
    }

    public Void visitReturn(Stmt.Return s) {
        if (s.value().isPresent() && !result.returnsValue()) {
            c.diagnostics().error(DiagnosticCode.RETURN_MISMATCH, s.value().get().span(),
                    "'return' gives a value, but this body returns none",
                    "only a procedure declared 'bool name(...)' or 'int name(...)' returns a value");
            c.exprs().type(s.value().get(), scope);
        } else if (s.value().isEmpty() && result.returnsValue()) {
            c.diagnostics().error(DiagnosticCode.RETURN_MISMATCH, s.span(),
                    "'return' without a value in a procedure declared " + result.keyword(),
                    "write: return <" + result.keyword() + " value>;");
        } else if (s.value().isPresent()) {
            ValueType wanted = result == ResultType.BOOL ? ValueType.BOOL : ValueType.INT;
            c.exprs().allowingCalls(() -> c.exprs().require(s.value().get(), scope, wanted, "the value returned"));
        }
        return null;
    }

    public Void visitBreak(Stmt.Break s) {
        return jump("break", s.span());
    }

    public Void visitContinue(Stmt.Continue s) {
        return jump("continue", s.span());
    }

    private Void jump(String keyword, SourceSpan span) {
        if (loops == 0) {
            SourceSpan at = new SourceSpan(span.file(), span.line(), span.column(), span.line(),
                    span.column() + keyword.length() - 1);
            c.diagnostics().error(DiagnosticCode.MISPLACED_JUMP, at, "'" + keyword + "' outside a loop",
                    "break and continue belong in while, repeat and foreach loops");
        }
        return null;
    }

    public Void visitAssign(Stmt.Assign s) {
        return c.exprs().allowingCalls(() -> assign(s));
    }

    private Void assign(Stmt.Assign s) {
        Optional<Binding> target = c.resolver().resolve(s.target(), scope, c.diagnostics());
        boolean ok = target.isPresent() && assignable(target.get(), s.target());
        if (ok && target.get().indexSet().isPresent() && s.index().isEmpty()) {
            c.exprs().reportMissingIndex(target.get(), s.target().span());
            ok = false;
        } else if (target.isPresent() && s.index().isPresent()) {
            c.exprs().checkIndex(target.get(), s.index().get(), scope);
        } else {
            s.index().ifPresent(i -> c.exprs().type(i, scope));
        }
        // x += e and x++ arrive as x = x + e, spanning the statement: '+' already says what is wrong
        boolean compound = s.value().span().equals(s.span());
        if (ok && !(compound && !target.get().type().equals(ValueType.INT))) {
            c.exprs().require(s.value(), scope, target.get().type(), "the value assigned to '" + s.target().name() + "'");
        } else {
            c.exprs().type(s.value(), scope);
        }
        return null;
    }

    private boolean assignable(Binding b, Ident target) {
        if (b.assignable()) return true;
        c.diagnostics().error(DiagnosticCode.NOT_ASSIGNABLE, target.span(),
                "cannot assign to '" + target.name() + "': it is " + b.description() + ", not a variable",
                "'" + b.name() + "' is declared at " + b.declared().span().position());
        return false;
    }

    public Void visitCall(Stmt.Call s) {
        c.calls().procedure(s.procedure(), s.args(), scope);
        return null;
    }

    public Void visitBuiltin(Stmt.Builtin s) {
        if (s.op() == BuiltinOp.LOCKDEP_SET_CLASS && !init) {
            c.diagnostics().error(DiagnosticCode.ONLY_IN_INIT, s.span(), "lockdep_set_class can only stand in init",
                    "the graph pass groups locks by class before any thread runs: set the class in an init block");
        }
        c.calls().builtin(s.op(), s.args(), s.span(), scope);
        return null;
    }

    public Void visitBlock(Stmt.Block s) {
        Scope outer = scope;
        scope = scope.child();
        s.statements().forEach(st -> st.accept(this));
        scope = outer;
        return null;
    }
}
