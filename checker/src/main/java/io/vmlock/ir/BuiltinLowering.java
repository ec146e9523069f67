package io.vmlock.ir;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Expr;
import io.vmlock.ast.Gfp;
import io.vmlock.ast.SourceSpan;
import io.vmlock.ast.Stmt;
import java.util.function.ToIntFunction;

/** Lowers builtin operations to step ops; journal barriers become their two halves. */
final class BuiltinLowering {
    private final ExprLowering exprs;
    private final ToIntFunction<Op> add;

    BuiltinLowering(ExprLowering exprs, ToIntFunction<Op> add) {
        this.exprs = exprs;
        this.add = add;
    }

    int trylock(BuiltinOp op, ObjectRef lock, int success, int failure, SourceSpan span) {
        return add.applyAsInt(new Op.TryAcquire(op, lock, trylockMode(op), success, failure, span));
    }

    private static LockMode trylockMode(BuiltinOp op) {
        return switch (op) {
            case MUTEX_TRYLOCK -> LockMode.MUTEX;
            case SPIN_TRYLOCK -> LockMode.SPIN;
            case DOWN_READ_TRYLOCK -> LockMode.READ;
            case DOWN_WRITE_TRYLOCK -> LockMode.WRITE;
            default -> throw ExprLowering.bug(op + " is not a trylock");
        };
    }

    int lower(Stmt.Builtin s, Scope scope, int next) {
        BuiltinOp op = s.op();
        SourceSpan span = s.span();
        switch (op.category()) {
            case ACQUIRE:
            case RELEASE:
                return lock(op, exprs.object(s.args().get(0), scope), next, span);
            case WAIT:
            case SIGNAL:
                return event(op, s, scope, next);
            case ALLOC:
                return add.applyAsInt(new Op.Alloc(op, gfp(s.args().get(0)), next, span));
            case SCOPE:
                return add.applyAsInt(new Op.MemallocScope(op, scope(op), op.spelling().endsWith("_save"), next, span));
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

    private int lock(BuiltinOp op, ObjectRef lock, int next, SourceSpan span) {
        switch (op) {
            case MUTEX_LOCK: return acquire(op, lock, LockMode.MUTEX, next, span);
            case SPIN_LOCK: return acquire(op, lock, LockMode.SPIN, next, span);
            case SPIN_LOCK_IRQ: return acquire(op, lock, LockMode.SPIN_IRQ, next, span);
            case SPIN_LOCK_IRQSAVE: return acquire(op, lock, LockMode.SPIN_IRQSAVE, next, span);
            case DOWN_READ: return acquire(op, lock, LockMode.READ, next, span);
            case DOWN_WRITE: return acquire(op, lock, LockMode.WRITE, next, span);
            case JOURNAL_START: return acquire(op, lock, LockMode.HANDLE, next, span);
            case JOURNAL_LOCK_UPDATES:
                return acquire(op, lock, LockMode.COMMIT, add.applyAsInt(new Op.JournalDrain(op, lock, next, span)), span);
            case MUTEX_UNLOCK: return release(op, lock, LockMode.MUTEX, next, span);
            case SPIN_UNLOCK: return release(op, lock, LockMode.SPIN, next, span);
            case SPIN_UNLOCK_IRQ: return release(op, lock, LockMode.SPIN_IRQ, next, span);
            case SPIN_UNLOCK_IRQRESTORE: return release(op, lock, LockMode.SPIN_IRQSAVE, next, span);
            case UP_READ: return release(op, lock, LockMode.READ, next, span);
            case UP_WRITE: return release(op, lock, LockMode.WRITE, next, span);
            case JOURNAL_STOP: return release(op, lock, LockMode.HANDLE, next, span);
            case JOURNAL_UNLOCK_UPDATES: return release(op, lock, LockMode.COMMIT, next, span);
            default: throw ExprLowering.bug(op + " is not a lock operation");
        }
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
        if (op == BuiltinOp.LOCKDEP_ASSERT_HELD) {
            return add.applyAsInt(new Op.AssertHeld(op, exprs.object(s.args().get(0), scope), next, s.span()));
        }
        return add.applyAsInt(new Op.Check(op, exprs.lower(s.args().get(0), scope), next, s.span()));
    }

    private static Op.Scope scope(BuiltinOp op) {
        if (op.spelling().contains("nofs")) return Op.Scope.NOFS;
        if (op.spelling().contains("noio")) return Op.Scope.NOIO;
        return Op.Scope.NORECLAIM;
    }

    private static Gfp gfp(Expr e) {
        String name = ((Expr.Name) e).name().name();
        return Gfp.byName(name).orElseThrow(() -> ExprLowering.bug("unknown GFP context " + name));
    }
}
