package io.vmlock.ir;

import io.vmlock.ast.ArgKind;
import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Expr;
import io.vmlock.ast.Gfp;
import io.vmlock.ast.SourceSpan;
import io.vmlock.ast.Stmt;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/** Lowers builtin operations to step ops; journal barriers become their two halves. */
final class BuiltinLowering {
    private final ExprLowering exprs;
    private final ToIntFunction<Op> add;
    private final Workqueues workqueues;
    private final Workqueues.Locals locals;

    BuiltinLowering(ExprLowering exprs, ToIntFunction<Op> add, Workqueues workqueues, Workqueues.Locals locals) {
        this.exprs = exprs;
        this.add = add;
        this.workqueues = workqueues;
        this.locals = locals;
    }

    int trylock(BuiltinOp op, ObjectRef lock, int success, int failure, SourceSpan span) {
        return add.applyAsInt(new Op.TryAcquire(op, lock, mode(op), success, failure, span));
    }

    private static LockMode mode(BuiltinOp op) {
        return LockMode.of(op).orElseThrow(() -> ExprLowering.bug(op + " is not a lock operation"));
    }

    int lower(Stmt.Builtin s, Scope scope, int next) {
        BuiltinOp op = s.op();
        SourceSpan span = s.span();
        switch (op.category()) {
            case ACQUIRE:
            case RELEASE:
                return lock(s, exprs.object(s.args().get(0), scope), scope, next);
            case WAIT:
            case SIGNAL:
                return event(op, s, scope, next);
            case WORKQUEUE:
                return new WorkDispatch(exprs, add, workqueues, locals).lower(op, s, scope, next);
            case ALLOC:
                return add.applyAsInt(new Op.Alloc(op, gfp(s.args().get(0)), next, span));
            case SCOPE:
                return add.applyAsInt(new Op.MemallocScope(op, scope(op), opens(op), next, span));
            case USER_COPY:
                return add.applyAsInt(new Op.UserCopy(op, exprs.lower(s.args().get(0), scope), next, span));
            case IRQ:
                return add.applyAsInt(new Op.Irq(op, next, span));
            case CHECK:
                return check(op, s, scope, next);
            default:
                throw ExprLowering.bug(op + " cannot stand alone");
        }
    }

    /** A *_nested acquisition's subclass (checked constant by sema); 0 for the others. */
    private int subclass(Stmt.Builtin s) {
        return s.op().params().contains(ArgKind.SUBCLASS) ? exprs.constant(s.args().get(1)) : 0;
    }

    /** A *_nest_lock acquisition's nest lock. */
    private Optional<ObjectRef> nestLock(Stmt.Builtin s, Scope scope) {
        return s.op().params().contains(ArgKind.NEST_LOCK) ? Optional.of(exprs.object(s.args().get(1), scope)) : Optional.empty();
    }

    private int lock(Stmt.Builtin s, ObjectRef lock, Scope scope, int next) {
        BuiltinOp op = s.op();
        SourceSpan span = s.span();
        LockMode mode = mode(op);
        if (op.category() == BuiltinOp.Category.RELEASE) return release(op, lock, mode, next, span);
        int taken = mode.drains() ? add.applyAsInt(new Op.JournalDrain(op, lock, next, span)) : next;
        return add.applyAsInt(new Op.Acquire(op, lock, mode, subclass(s), nestLock(s, scope), taken, span));
    }

    private int acquire(BuiltinOp op, ObjectRef lock, LockMode mode, int next, SourceSpan span) {
        return add.applyAsInt(new Op.Acquire(op, lock, mode, next, span));
    }

    private int release(BuiltinOp op, ObjectRef lock, LockMode mode, int next, SourceSpan span) {
        return add.applyAsInt(new Op.Release(op, lock, mode, next, span));
    }

    /** force_commit is lock_updates, wait for the handles to drain, unlock_updates. */
    private int event(BuiltinOp op, Stmt.Builtin s, Scope scope, int next) {
        SourceSpan span = s.span();
        if (op == BuiltinOp.JOURNAL_FORCE_COMMIT) {
            ObjectRef j = exprs.object(s.args().get(0), scope);
            int unlock = release(op, j, LockMode.COMMIT, next, span);
            int drain = add.applyAsInt(new Op.JournalDrain(op, j, unlock, span));
            return acquire(op, j, LockMode.COMMIT, drain, span);
        }
        if (op == BuiltinOp.WAIT_EVENT) {
            return add.applyAsInt(new Op.WaitEvent(op, exprs.lower(s.args().get(0), scope), next, span));
        }
        ObjectRef c = exprs.object(s.args().get(0), scope);
        if (op == BuiltinOp.WAIT_FOR_COMPLETION) return add.applyAsInt(new Op.WaitCompletion(op, c, next, span));
        return add.applyAsInt(new Op.Signal(op, c, next, span));
    }

    private int check(BuiltinOp op, Stmt.Builtin s, Scope scope, int next) {
        if (op == BuiltinOp.MIGHT_SLEEP) return add.applyAsInt(new Op.MightSleep(op, next, s.span()));
        if (op == BuiltinOp.MIGHT_LOCK) {
            ObjectRef lock = exprs.object(s.args().get(0), scope);
            return add.applyAsInt(new Op.MightLock(op, lock, LockMode.exclusiveOf(lock.kind()), next, s.span()));
        }
        if (op == BuiltinOp.MIGHT_LOCK_READ) {
            ObjectRef lock = exprs.object(s.args().get(0), scope);
            return add.applyAsInt(new Op.MightLock(op, lock, LockMode.sharedOf(lock.kind()), next, s.span()));
        }
        if (op == BuiltinOp.LOCKDEP_ASSERT_HELD) {
            return add.applyAsInt(new Op.AssertHeld(op, exprs.object(s.args().get(0), scope), next, s.span()));
        }
        return add.applyAsInt(new Op.Check(op, exprs.lower(s.args().get(0), scope), next, s.span()));
    }

    private static boolean opens(BuiltinOp op) {
        return op.spelling().endsWith("_save") || op == BuiltinOp.PAGEFAULT_DISABLE;
    }

    private static Op.Scope scope(BuiltinOp op) {
        if (op.spelling().startsWith("pagefault")) return Op.Scope.PAGEFAULT;
        if (op.spelling().contains("nofs")) return Op.Scope.NOFS;
        if (op.spelling().contains("noio")) return Op.Scope.NOIO;
        return Op.Scope.NORECLAIM;
    }

    private static Gfp gfp(Expr e) {
        if (!(e instanceof Expr.Flags f)) {
            String name = ((Expr.Name) e).name().name();
            return Gfp.byName(name).orElseThrow(() -> ExprLowering.bug("unknown GFP mask " + name));
        }
        return Gfp.of(f.names().stream().map(io.vmlock.ast.Ident::name).toList(),
                f.cleared().stream().map(io.vmlock.ast.Ident::name).toList())
                .orElseThrow(() -> ExprLowering.bug("unknown GFP mask " + f.text()));
    }
}
