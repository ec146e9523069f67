package io.vmlock.explore;

import io.vmlock.ast.Expr.BinaryOp;
import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import io.vmlock.explore.system.OwnerWords;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
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

    /** Fields its effects read: a write of them changes what it writes. */
    final BitSet effectReads = new BitSet();
    final Command command;
    /** Which writes leave a guard reading them true; null: none is known to. */
    private final KeptGuards kept;
    /** What, besides the sets above, decides {@link #dependent}: equal keys, equal answers. */
    final List<Object> key;

    Access(Command c, BitSet ownerWords, int threads) {
        this(c, ownerWords, threads, null);
    }

    Access(Command c, BitSet ownerWords, int threads, KeptGuards kept) {
        this.thread = c.thread();
        this.command = c;
        this.kept = kept;
        for (Command.Effect e : c.effects()) {
            writes.set(e.field());
            e.value().fields(reads::set);
            e.value().fields(effectReads::set);
            if (e.value() instanceof Expr.Const k) constants.put(e.field(), k.value());
        }
        for (Expr g : c.guard()) {
            if (g instanceof Expr.Binary b && b.op() == BinaryOp.EQ && b.left() instanceof Expr.Read r
                    && b.right() instanceof Expr.Const k) {
                requires.put(r.field(), k.value());
            }
            plainReads(g, ownerWords, threads);
        }
        this.key = key();
    }

    /**
     * The command itself when it writes a field {@link KeptGuards} knows its only writer of, and
     * the conjuncts of its guard reading a field its effects do not read (a writer of that field
     * may keep them true): with the sets above, what {@link #reads} asks about (commands of equal
     * keys and sets get equal answers).
     */
    private List<Object> key() {
        if (kept == null) return List.of();
        boolean writer = false;
        for (int f = writes.nextSetBit(0); f >= 0; f = writes.nextSetBit(f + 1)) writer |= kept.keepable(f);
        BitSet guardOnly = (BitSet) reads.clone();
        guardOnly.andNot(effectReads);
        List<Expr> guards = new ArrayList<>();
        for (Expr g : command.guard()) {
            BitSet read = new BitSet();
            g.fields(read::set);
            if (read.intersects(guardOnly)) guards.add(g);
        }
        return writer || !guards.isEmpty() ? List.of(writer ? command.id() : -1, guards) : List.of();
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
        boolean conflict = writesDiffer(other) || reads(other) || other.reads(this);
        return conflict && !exclusive(other);
    }

    /**
     * Whether this command reads what {@code writer} writes, other than in guard conjuncts the
     * writer never makes false ({@link KeptGuards}): as the field's only writer, or with a write
     * of a constant that keeps them true whatever the values (truncate's {@code pte_present =
     * false} and a fault's {@code !pte_present} test). From a state where both are enabled,
     * either order then runs both, and neither's writes read the other's.
     */
    private boolean reads(Access writer) {
        if (!reads.intersects(writer.writes)) return false;
        if (kept == null) return true;
        BitSet both = (BitSet) reads.clone();
        both.and(writer.writes);
        for (int f = both.nextSetBit(0); f >= 0; f = both.nextSetBit(f + 1)) {
            if (effectReads.get(f)) return true;
            boolean only = kept.keepable(f) && kept.onlyWriter(f, writer.thread);
            boolean constant = writer.constants.containsKey(f);
            if (!only && !constant) return true;
            for (Expr g : command.guard()) {
                if (reads(g, f) && (!only || kept.mayFalsify(writer.command, g))
                        && (!constant || kept.constantsMayFalsify(writer.command, g))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean reads(Expr e, int field) {
        boolean[] found = {false};
        e.fields(f -> found[0] |= f == field);
        return found[0];
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
