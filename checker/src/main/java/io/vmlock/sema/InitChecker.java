package io.vmlock.sema;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.Ident;
import io.vmlock.ast.SourceSpan;
import io.vmlock.ast.Stmt;
import io.vmlock.diag.DiagnosticCode;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks what an {@code init} block may do: it is the starting state, computed before the search,
 * so it only assigns constants to globals, per element by a constant index or a foreach variable.
 * Names and types are checked by {@link BodyChecker} first; this adds what init rules out.
 */
final class InitChecker implements Stmt.Visitor<Void> {
    private final Checkers c;
    /** The foreach variables in scope: the indexes init may use besides constants. */
    private final Set<String> loopVariables = new HashSet<>();
    /** Each class key set so far (in every init block), and the lock declaration it went to first. */
    private final Map<String, Ident> classKeys;

    private InitChecker(Checkers c, Map<String, Ident> classKeys) {
        this.c = c;
        this.classKeys = classKeys;
    }

    static void check(Checkers c, Decl.Init init, Map<String, Ident> classKeys) {
        BodyChecker.checkInit(c, init.body());
        init.body().accept(new InitChecker(c, classKeys));
    }

    private Void notHere(SourceSpan span, String what) {
        c.diagnostics().error(DiagnosticCode.NOT_IN_INIT, span, what + " cannot be part of init",
                "init sets starting values before any thread runs: only assignments of constants to globals, "
                        + "and foreach over a set");
        return null;
    }

    public Void visitAssign(Stmt.Assign s) {
        Optional<Symbol> target = c.symbols().lookup(s.target().name());
        if (target.isEmpty() || !(target.get() instanceof Symbol.GlobalVarSym g)) return null; // reported already
        if (g.decl().perThread()) {
            return notHere(s.span(), "an assignment to '" + s.target().name() + "', which every thread starts at its declared"
                    + " value,");
        }
        s.index().ifPresent(this::requireIndex);
        // x++ and x += e arrive as x = x + e spanning the statement: they read the value being set
        if (s.value().span().equals(s.span())) {
            return notHere(s.span(), "an increment of '" + s.target().name() + "'");
        }
        c.vars().startingValue(g.decl(), s.value());
        return null;
    }

    private void requireIndex(Expr index) {
        if (index instanceof Expr.Name n && loopVariables.contains(n.name().name())) return;
        if (c.evaluator().evaluate(index).isEmpty()) {
            c.diagnostics().error(DiagnosticCode.NOT_CONSTANT, index.span(), "an index in init must be a constant or "
                    + "a foreach variable, but '" + ExprText.of(index) + "' is not");
        }
    }

    public Void visitForeach(Stmt.Foreach s) {
        boolean added = loopVariables.add(s.variable().name());
        s.body().accept(this);
        if (added) loopVariables.remove(s.variable().name());
        return null;
    }

    public Void visitBlock(Stmt.Block s) {
        s.statements().forEach(st -> st.accept(this));
        return null;
    }

    public Void visitLocalVar(Stmt.LocalVar s) {
        return notHere(s.span(), "a local variable");
    }

    public Void visitIf(Stmt.If s) {
        return notHere(s.span(), "'if'");
    }

    public Void visitIfTrylock(Stmt.IfTrylock s) {
        return notHere(s.span(), "a trylock");
    }

    public Void visitEither(Stmt.Either s) {
        return notHere(s.span(), "'either'");
    }

    public Void visitWhile(Stmt.While s) {
        return notHere(s.span(), "'while'");
    }

    public Void visitRepeat(Stmt.Repeat s) {
        return notHere(s.span(), "'repeat'");
    }

    public Void visitReturn(Stmt.Return s) {
        return notHere(s.span(), "'return'");
    }

    public Void visitBreak(Stmt.Break s) {
        return jump(s.span(), "'break'");
    }

    public Void visitContinue(Stmt.Continue s) {
        return jump(s.span(), "'continue'");
    }

    /** Outside a foreach, BodyChecker reports the misplaced jump already. */
    private Void jump(SourceSpan span, String what) {
        return loopVariables.isEmpty() ? null : notHere(span, what);
    }

    /**
     * lockdep_set_class(l[i], key): the index is known before the search, and a key splits or
     * names the classes of one declaration only (the graph labels its instances by the declaration's set).
     */
    private Void setClass(Expr lock, Expr key) {
        if (lock instanceof Expr.Index i) requireIndex(i.index());
        Optional<Ident> declaration = lock instanceof Expr.Index i ? Optional.of(i.name())
                : lock instanceof Expr.Name n ? Optional.of(n.name()) : Optional.empty();
        if (declaration.isEmpty() || !(key instanceof Expr.Name k)) return null; // reported by the argument check
        Ident first = classKeys.putIfAbsent(k.name().name(), declaration.get());
        if (first != null && !first.name().equals(declaration.get().name())) {
            c.diagnostics().error(DiagnosticCode.CLASS_KEY_SHARED, key.span(), "class key '" + k.name().name()
                    + "' already names a class of '" + first.name() + "' instances, so it cannot take '" + declaration.get().name() + "'",
                    "a key splits one lock declaration's instances into classes; give '" + declaration.get().name()
                            + "' a key of its own");
        }
        return null;
    }

    public Void visitCall(Stmt.Call s) {
        return notHere(s.span(), "a call of '" + s.procedure().name() + "'");
    }

    public Void visitBuiltin(Stmt.Builtin s) {
        if (s.op() == BuiltinOp.LOCKDEP_SET_CLASS && s.args().size() == 2) return setClass(s.args().get(0), s.args().get(1));
        return notHere(s.span(), "'" + s.op().spelling() + "'");
    }
}
