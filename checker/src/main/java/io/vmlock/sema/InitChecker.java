package io.vmlock.sema;

import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.SourceSpan;
import io.vmlock.ast.Stmt;
import io.vmlock.diag.DiagnosticCode;
import java.util.HashSet;
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

    private InitChecker(Checkers c) {
        this.c = c;
    }

    static void check(Checkers c, Decl.Init init) {
        BodyChecker.check(c, Scope.global(), init.body());
        init.body().accept(new InitChecker(c));
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

    public Void visitCall(Stmt.Call s) {
        return notHere(s.span(), "a call of '" + s.procedure().name() + "'");
    }

    public Void visitBuiltin(Stmt.Builtin s) {
        return notHere(s.span(), "'" + s.op().spelling() + "'");
    }
}
