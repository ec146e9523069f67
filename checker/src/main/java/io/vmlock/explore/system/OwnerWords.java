package io.vmlock.explore.system;

import io.vmlock.ast.Expr.BinaryOp;
import java.util.BitSet;
import java.util.List;

/**
 * The lock owner words whose every write is guarded by "free" or "mine" and writes "free" or
 * "mine": for those, whether the owner is a given thread can only change by that thread's own
 * steps, so a thread may reason about its own holdings as if nobody else touched the word.
 */
public final class OwnerWords {
    private OwnerWords() {
    }

    /** Candidate owner words (word 0 of every lock instance), keeping those the commands respect. */
    public static BitSet of(TransitionSystem system, BitSet candidates) {
        BitSet ok = (BitSet) candidates.clone();
        int threads = system.threads().size();
        for (ThreadSystem t : system.threads()) {
            for (List<Command> at : t.commands()) {
                for (Command c : at) {
                    for (Command.Effect e : c.effects()) {
                        if (!ok.get(e.field())) continue;
                        Integer before = required(c, e.field());
                        boolean guarded = before != null && mine(before, c.thread(), threads);
                        boolean value = e.value() instanceof Expr.Const k && mine(k.value(), c.thread(), threads);
                        if (!guarded || !value) ok.clear(e.field());
                    }
                }
            }
        }
        return ok;
    }

    /** The value a conjunct {@code field == constant} of the guard requires, or null. */
    public static Integer required(Command c, int field) {
        for (Expr g : c.guard()) {
            if (g instanceof Expr.Binary b && b.op() == BinaryOp.EQ && b.left() instanceof Expr.Read r
                    && r.field() == field && b.right() instanceof Expr.Const k) {
                return k.value();
            }
        }
        return null;
    }

    /** Free, or the thread's token in task, interrupt or softirq context. */
    public static boolean mine(int token, int thread, int threads) {
        return token == 0 || names(token, thread, threads);
    }

    /**
     * The token is the thread's, in one of its contexts: thread + 1 in task context, + threads in
     * a hard interrupt, + 2 * threads in a softirq (the reference's {@code Layout#token}).
     */
    public static boolean names(int token, int thread, int threads) {
        return token > 0 && holder(token, threads) == thread;
    }

    /** The thread behind an owner token, in whichever context it took the lock (0 is no owner: -1). */
    public static int holder(int token, int threads) {
        return token == 0 ? -1 : (token - 1) % threads;
    }

    /** The context a thread's token names: 0 task, 1 hard interrupt, 2 softirq. */
    public static int context(int token, int threads) {
        return (token - 1) / threads;
    }
}
