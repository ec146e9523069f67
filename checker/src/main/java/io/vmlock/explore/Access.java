package io.vmlock.explore;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import io.vmlock.explore.system.OwnerWords;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What one command touches, for deciding which commands of different threads are independent.
 * A read of a lock's owner word only through "the owner is me" atoms is the command's own
 * business: no other thread can make the owner this thread or stop it being this thread (every
 * write of an owner word is guarded by "free" or "mine"), so such reads conflict with nothing.
 */
final class Access {
    final int thread;
    final BitSet writes = new BitSet();
    /** Fields read other than through atoms about the thread's own ownership. */
    final BitSet reads = new BitSet();
    /** Guard conjuncts {@code field == constant}: two commands requiring different values are never enabled together. */
    final Map<Integer, Integer> requires = new HashMap<>();
    /** Writes of a constant, by field: two commands writing the same constant to a field neither reads commute. */
    final Map<Integer, Integer> constants = new HashMap<>();

    Access(Command c, BitSet ownerWords, int threads) {
        this.thread = c.thread();
        for (Command.Effect e : c.effects()) {
            writes.set(e.field());
            e.value().fields(reads::set);
            if (e.value() instanceof Expr.Const k) constants.put(e.field(), k.value());
        }
        for (Expr g : c.guard()) {
            if (g instanceof Expr.Binary b && b.op() == BinaryOp.EQ && b.left() instanceof Expr.Read r
                    && b.right() instanceof Expr.Const k) {
                requires.put(r.field(), k.value());
            }
            plainReads(g, ownerWords, threads);
        }
    }

    private void plainReads(Expr e, BitSet ownerWords, int threads) {
        if (e instanceof Expr.Binary b && (b.op() == BinaryOp.EQ || b.op() == BinaryOp.NE)
                && b.left() instanceof Expr.Read r && b.right() instanceof Expr.Const k && ownerWords.get(r.field())
                && OwnerWords.names(k.value(), thread, threads)) {
            return;
        }
        if (e instanceof Expr.Binary b) {
            plainReads(b.left(), ownerWords, threads);
            plainReads(b.right(), ownerWords, threads);
        } else if (e instanceof Expr.Unary u) {
            plainReads(u.operand(), ownerWords, threads);
        } else {
            e.fields(reads::set);
        }
    }

    /** Never enabled in the same state: the guards require different values of one field. */
    boolean exclusive(Access other) {
        for (var e : requires.entrySet()) {
            Integer v = other.requires.get(e.getKey());
            if (v != null && !v.equals(e.getValue())) return true;
        }
        return false;
    }

    /** Commands of different threads that may not commute, or where one may disable the other. */
    boolean dependent(Access other) {
        boolean conflict = writesDiffer(other) || writes.intersects(other.reads) || reads.intersects(other.writes);
        return conflict && !exclusive(other);
    }

    /** Both write a field, not both the same constant (the commands reading it conflict anyway). */
    private boolean writesDiffer(Access other) {
        if (!writes.intersects(other.writes)) return false;
        BitSet both = (BitSet) writes.clone();
        both.and(other.writes);
        for (int f = both.nextSetBit(0); f >= 0; f = both.nextSetBit(f + 1)) {
            Integer mine = constants.get(f);
            if (mine == null || !mine.equals(other.constants.get(f))) return true;
        }
        return false;
    }
}
