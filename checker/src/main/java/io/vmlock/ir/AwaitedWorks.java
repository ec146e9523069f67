package io.vmlock.ir;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.Program;
import io.vmlock.ast.Stmt;
import java.util.HashSet;
import java.util.Set;

/**
 * The work items some statement of the program waits on: named by flush_work or cancel_work_sync,
 * or on a workqueue named by flush_workqueue. Only such a wait reads an item's finished runs, so
 * an item nobody waits on needs no run count: counting its runs (modulo {@link WorkState#RUNS})
 * would only multiply the states of a search by up to four and change no verdict.
 */
final class AwaitedWorks implements Stmt.Visitor<Void> {
    private final Set<String> works = new HashSet<>();
    private final Set<String> workqueues = new HashSet<>();

    /** Every body the program has (procedures, hooks' defaults, threads, interrupts, init), reached or not. */
    static AwaitedWorks of(Program program) {
        AwaitedWorks result = new AwaitedWorks();
        program.all(Decl.Proc.class).forEach(d -> d.body().accept(result));
        program.all(Decl.Hook.class).forEach(d -> d.defaultBody().ifPresent(b -> b.accept(result)));
        program.all(Decl.Thread.class).forEach(d -> d.body().accept(result));
        program.all(Decl.Interrupt.class).forEach(d -> d.body().accept(result));
        program.all(Decl.Init.class).forEach(d -> d.body().accept(result));
        return result;
    }

    boolean awaited(String work, String workqueue) {
        return works.contains(work) || workqueues.contains(workqueue);
    }

    public Void visitBuiltin(Stmt.Builtin s) {
        if (s.op() == BuiltinOp.FLUSH_WORK || s.op() == BuiltinOp.CANCEL_WORK_SYNC) works.add(name(s));
        if (s.op() == BuiltinOp.FLUSH_WORKQUEUE) workqueues.add(name(s));
        return null;
    }

    private static String name(Stmt.Builtin s) {
        Expr arg = s.args().get(0);
        // a flush of one member counts the runs of every member: the declaration is what is named
        return arg instanceof Expr.Index x ? x.name().name() : ((Expr.Name) arg).name().name();
    }

    public Void visitIf(Stmt.If s) {
        s.then().accept(this);
        s.otherwise().ifPresent(b -> b.accept(this));
        return null;
    }

    public Void visitIfTrylock(Stmt.IfTrylock s) {
        s.then().accept(this);
        s.otherwise().ifPresent(b -> b.accept(this));
        return null;
    }

    public Void visitEither(Stmt.Either s) {
        s.branches().forEach(b -> b.accept(this));
        return null;
    }

    public Void visitWhile(Stmt.While s) {
        return s.body().accept(this);
    }

    public Void visitRepeat(Stmt.Repeat s) {
        return s.body().accept(this);
    }

    public Void visitForeach(Stmt.Foreach s) {
        return s.body().accept(this);
    }

    public Void visitBlock(Stmt.Block s) {
        s.statements().forEach(st -> st.accept(this));
        return null;
    }

    public Void visitLocalVar(Stmt.LocalVar s) {
        return null;
    }

    public Void visitReturn(Stmt.Return s) {
        return null;
    }

    public Void visitBreak(Stmt.Break s) {
        return null;
    }

    public Void visitContinue(Stmt.Continue s) {
        return null;
    }

    public Void visitAssign(Stmt.Assign s) {
        return null;
    }

    public Void visitCall(Stmt.Call s) {
        return null;
    }
}
