package io.vmlock.explore.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One way a thread's step can go, built symbolically: the thread's stack as it moves, every
 * field written so far (as an expression over the state before the step), and the conditions
 * taken on the way. Forking copies it.
 */
final class StepPath {
    final int thread;
    List<FrameSig> frames;
    final Map<Integer, Expr> env;
    final List<Expr> guard;
    /** Control nodes met in this walk (depth, procedure, pc), to stop at loops without a step. */
    Set<ControlPosition> seen;
    boolean dead;
    /** How many paths this one and every path forked from it make: shared by the copies. */
    private final int[] family;

    StepPath(int thread, List<FrameSig> frames) {
        this(thread, new ArrayList<>(frames), new HashMap<>(), new ArrayList<>(), new HashSet<>(), false, new int[] {1});
    }

    private StepPath(int thread, List<FrameSig> frames, Map<Integer, Expr> env, List<Expr> guard, Set<ControlPosition> seen,
                 boolean dead, int[] family) {
        this.thread = thread;
        this.frames = frames;
        this.env = env;
        this.guard = guard;
        this.seen = seen;
        this.dead = dead;
        this.family = family;
    }

    /** A fork: one more path in the family. */
    StepPath copy() {
        family[0]++;
        return new StepPath(thread, new ArrayList<>(frames), new HashMap<>(env), new ArrayList<>(guard),
                new HashSet<>(seen), dead, family);
    }

    /** The paths forked so far from the path this one was copied from (itself included). */
    int familySize() {
        return family[0];
    }

    /** The value of a field now; a field that does not exist ({@code -1}) is a flag that stays 0. */
    Expr read(int field) {
        if (field < 0) return Expr.FALSE;
        Expr e = env.get(field);
        return e != null ? e : Expr.read(field);
    }

    void write(int field, Expr value) {
        if (field < 0) throw new IllegalStateException("write to a flag the scan said is never touched");
        env.put(field, value);
    }

    /** Adds a condition, a conjunct per operand of a top-level {@code &&}; a false one kills the path. */
    StepPath when(Expr condition) {
        if (condition instanceof Expr.Binary b && b.op() == io.vmlock.ast.Expr.BinaryOp.AND) {
            return when(b.left()).when(b.right());
        }
        Expr c = Expr.truth(condition);
        if (Expr.isFalse(c)) dead = true;
        else if (!Expr.isTrue(c)) guard.add(c);
        return this;
    }

    FrameSig top() {
        return frames.get(frames.size() - 1);
    }

    int depth() {
        return frames.size() - 1;
    }

    void setPc(int pc) {
        frames.set(frames.size() - 1, top().at(pc));
    }

    boolean inFrameOfKind(int kind) {
        for (FrameSig f : frames) {
            if (f.kind() == kind) return true;
        }
        return false;
    }
}
