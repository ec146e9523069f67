package io.vmlock.ir;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Expr;
import io.vmlock.ast.SourceSpan;
import io.vmlock.ast.Stmt;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The workqueue builtins with their arguments resolved to declared queues and items. An argument
 * of a declaration per member ({@code w_of[i]}) picks the member: by a constant index directly, by
 * any other index through a chain of branches on its value, one operation per member.
 */
final class WorkDispatch {
    private final ExprLowering exprs;
    private final ToIntFunction<Op> add;
    private final Workqueues workqueues;
    private final Workqueues.Locals locals;

    WorkDispatch(ExprLowering exprs, ToIntFunction<Op> add, Workqueues workqueues, Workqueues.Locals locals) {
        this.exprs = exprs;
        this.add = add;
        this.workqueues = workqueues;
        this.locals = locals;
    }

    int lower(BuiltinOp op, Stmt.Builtin s, Scope scope, int next) {
        SourceSpan span = s.span();
        Expr first = s.args().get(0);
        return switch (op) {
            case QUEUE_WORK -> member(s.args().get(1), workqueues::workMembers, scope, span,
                    work -> queueWork(first, work, scope, span, next));
            case FLUSH_WORK -> member(first, workqueues::workMembers, scope, span,
                    work -> workqueues.flushWork(work, span, next, locals, add));
            case CANCEL_WORK_SYNC -> member(first, workqueues::workMembers, scope, span,
                    work -> workqueues.cancelWorkSync(work, span, next, locals, add));
            case FLUSH_WORKQUEUE -> member(first, workqueues::queueMembers, scope, span,
                    queue -> workqueues.flushWorkqueue(queue, span, next, locals, add));
            default -> throw ExprLowering.bug(op + " is not a workqueue operation");
        };
    }

    /**
     * queue_work of one item: when the workqueue is named by an index that is not a constant, an
     * assertion that it names the member the item is declared on (sema checked the constant ones).
     */
    private int queueWork(Expr queue, String work, Scope scope, SourceSpan span, int next) {
        String on = workqueues.queueOf(work);
        int queued = workqueues.queueWork(on, work, span, next, add);
        if (!(queue instanceof Expr.Index x)) return queued;
        List<String> members = workqueues.queueMembers(x.name().name());
        IrExpr index = exprs.lower(x.index(), scope);
        int expected = members.indexOf(on);
        if (index instanceof IrExpr.Const c && c.value() == expected) return queued;
        IrExpr named = new IrExpr.Binary(Expr.BinaryOp.EQ, index, new IrExpr.Const(expected, memberName(on)));
        return add.applyAsInt(new Op.Check(BuiltinOp.ASSERT, named, queued, span));
    }

    private static String memberName(String member) {
        return member.substring(member.indexOf('[') + 1, member.length() - 1);
    }

    /** The operation on the member {@code arg} names: one, or a branch per member on the index's value. */
    private int member(Expr arg, Function<String, List<String>> membersOf, Scope scope, SourceSpan span,
                       Function<String, Integer> operation) {
        String declaration = arg instanceof Expr.Index x ? x.name().name() : ((Expr.Name) arg).name().name();
        List<String> members = membersOf.apply(declaration);
        if (!(arg instanceof Expr.Index x)) return operation.apply(members.get(0));
        IrExpr index = exprs.lower(x.index(), scope);
        if (index instanceof IrExpr.Const c) return operation.apply(members.get(c.value()));
        int chain = operation.apply(members.get(members.size() - 1));
        for (int k = members.size() - 2; k >= 0; k--) {
            IrExpr is = new IrExpr.Binary(Expr.BinaryOp.EQ, index, new IrExpr.Const(k, memberName(members.get(k))));
            chain = add.applyAsInt(new Op.Branch(is, operation.apply(members.get(k)), chain, span));
        }
        return chain;
    }
}
