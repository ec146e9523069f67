package io.vmlock.explore;

import java.util.Arrays;

/**
 * One worker's stubborn-set computation: every thread with a move is tried as the seed; the
 * set closes under conflicts and enablers, and the one with the fewest enabled moves wins (the
 * first in thread order on a tie), unless it holds a visible move; asked again, only among the
 * sets with a move the cycle proviso lets through.
 *
 * <p>Which threads a thread pulls into a set (the dependents of its enabled moves, the enablers
 * of its disabled moves' first false conjuncts) depends on the state, not on the seed: it is
 * found once per thread and state, when a closure first reaches the thread, as a bit per thread,
 * and each seed's closure walks those. Actions of one access class, and conjuncts of one read
 * class, pull the same threads: each class is asked once per state (a truncator's dozens of
 * {@code down_write} commands at one position share one). Walking every thread's actions again
 * for each seed took a third of the 7-thread kitchen sink's profile samples (244 of 730; the sets
 * now take 156 of 626). With {@link Packing#decode} reading only the fields that vary, the reduced
 * kitchen sink's whole command took 0.86x the CPU time (7 threads, medians of 4 alternating runs:
 * 10.3 s against 11.9 s) and 0.76x with 8 (90.7 s against 119.0 s), the same states and moves.
 */
final class StubbornSets {
    private final CompiledModel model;
    private final PartialOrder por;
    /** Longs per set of threads. */
    private final int words;
    private final int[] queue;
    private final int[] best;
    private final long[] closure;
    private final boolean[] chosen;
    /** The state's threads as {@link #choose} got them. */
    private int[] v;
    private int[][] falsified;
    private int[] count;
    /** Stamps this state's entries in the tables below. */
    private int state;
    /** [thread * words..]: the threads it pulls in, itself not among them; valid when {@code settledAt} is the state's. */
    private final long[] pulls;
    private final int[] settledAt;
    private final boolean[] visible;
    /** Per thread, for {@link #chooseAgain}: whether one of its enabled moves does not lead back. */
    private final boolean[] forward;
    /** Whether {@link #best} takes only sets with such a move. */
    private boolean needsForward;
    /** The thread {@link #choose} must put in the set (its closure, or every move), or -1 ({@link Preemptions}). */
    private int keep = -1;
    /** Per access class the threads its actions depend on: at [class * (words + 1)] the state that found them, then the threads. */
    private final long[] dependents;
    /** The access classes of the enabled actions {@link #settle} has pulled for. */
    private final int[] settledClasses;
    private final ConjunctAnswers conjuncts;

    StubbornSets(CompiledModel model, PartialOrder por) {
        this.model = model;
        this.por = por;
        int threads = model.threads;
        this.words = (threads + 63) / 64;
        this.queue = new int[threads];
        this.best = new int[threads];
        this.closure = new long[words];
        this.chosen = new boolean[threads];
        this.pulls = new long[threads * words];
        this.settledAt = new int[threads];
        this.visible = new boolean[threads];
        this.forward = new boolean[threads];
        this.dependents = new long[por.accessClassCount() * (words + 1)];
        this.conjuncts = new ConjunctAnswers(por);
        int widest = 1;
        for (Action[][] thread : model.actions) {
            for (Action[] at : thread) widest = Math.max(widest, at.length);
        }
        this.settledClasses = new int[widest];
    }

    /**
     * Which threads' moves to take in a new state (null for all). {@code falsified[t][i]} is the
     * first false conjunct of action {@code i} of thread {@code t}'s position (-1: enabled),
     * {@code count[t]} how many are enabled; the arrays must stay as they are until the
     * state's last {@link #chooseAgain}.
     */
    boolean[] choose(int[] v, int[][] falsified, int[] count) {
        return choose(v, falsified, count, -1);
    }

    /**
     * As {@link #choose}, but a set that holds thread {@code keep} when it can move: its closure,
     * or null (every move) when that holds a visible move. Under the preemption bound the thread
     * that moved last goes on for free ({@link Preemptions}): a set without it would spend a
     * preemption on each of its moves.
     */
    boolean[] choose(int[] v, int[][] falsified, int[] count, int keep) {
        this.v = v;
        this.falsified = falsified;
        this.count = count;
        this.keep = keep >= 0 && count[keep] > 0 ? keep : -1;
        state++;
        conjuncts.at(v);
        return best();
    }

    /**
     * As {@link #choose}, in the same state, among the sets with a move that does not lead back
     * ({@code back[t][i]} false: the cycle proviso, {@link Expander}); null when no set has one.
     */
    boolean[] chooseAgain(boolean[][] back) {
        for (int t = 0; t < model.threads; t++) {
            forward[t] = false;
            for (int i = 0; i < model.actions[t][v[model.positionField[t]]].length; i++) {
                if (falsified[t][i] < 0 && !back[t][i]) forward[t] = true;
            }
        }
        needsForward = true;
        try {
            return best();
        } finally {
            needsForward = false;
        }
    }

    private boolean[] best() {
        int total = 0;
        int movers = 0;
        for (int t = 0; t < model.threads; t++) {
            total += count[t];
            if (count[t] > 0) movers++;
        }
        if (movers <= 1) return null;
        if (keep >= 0 && !needsForward) {
            int size = close(keep, total + 1);
            return size < 0 ? null : chosen(size, queue);
        }
        int bestCost = total;
        int bestSize = 0;
        for (int seed = 0; seed < model.threads && bestCost > 1; seed++) {
            if (count[seed] == 0) continue;
            int size = close(seed, bestCost);
            if (size < 0 || needsForward && !anyForward(size)) continue;
            int cost = 0;
            for (int i = 0; i < size; i++) cost += count[queue[i]];
            if (cost < bestCost) {
                bestCost = cost;
                bestSize = size;
                System.arraycopy(queue, 0, best, 0, size);
            }
        }
        if (bestSize == 0) return null;
        return chosen(bestSize, best);
    }

    private boolean[] chosen(int size, int[] threads) {
        Arrays.fill(chosen, false);
        for (int i = 0; i < size; i++) chosen[threads[i]] = true;
        return chosen;
    }

    /** Whether a thread of the closure left in the queue has a move that does not lead back. */
    private boolean anyForward(int size) {
        for (int i = 0; i < size; i++) {
            if (forward[queue[i]]) return true;
        }
        return false;
    }

    /** The closure from one seed, left in the queue; its size, or -1 when it holds a visible move or cannot beat {@code bound}. */
    private int close(int seed, int bound) {
        int cost = count[seed];
        if (cost >= bound) return -1;
        for (int w = 0; w < words; w++) closure[w] = 0;
        closure[seed >> 6] |= 1L << seed;
        int head = 0;
        int tail = 0;
        queue[tail++] = seed;
        while (head < tail) {
            int t = queue[head++];
            if (!settle(t)) return -1;
            for (int w = 0; w < words; w++) {
                long fresh = pulls[t * words + w] & ~closure[w];
                closure[w] |= fresh;
                for (; fresh != 0; fresh &= fresh - 1) {
                    int u = (w << 6) + Long.numberOfTrailingZeros(fresh);
                    queue[tail++] = u;
                    cost += count[u];
                    if (cost >= bound) return -1;
                }
            }
        }
        return tail;
    }

    /** Finds, once per state, what thread {@code t} pulls in; false when no set may hold it. */
    private boolean settle(int t) {
        if (settledAt[t] == state) return !visible[t];
        settledAt[t] = state;
        Action[] actions = model.actions[t][v[model.positionField[t]]];
        visible[t] = false;
        for (int i = 0; i < actions.length; i++) {
            if (falsified[t][i] < 0 && por.visible(actions[i])) visible[t] = true;
        }
        if (visible[t]) return false;
        int at = t * words;
        for (int w = 0; w < words; w++) pulls[at + w] = 0;
        int classes = 0;
        for (int i = 0; i < actions.length; i++) {
            if (falsified[t][i] < 0) {
                if (seen(actions[i], classes)) continue;
                settledClasses[classes++] = por.accessClass(actions[i]);
                pullDependents(t, actions[i], at);
            } else {
                or(conjuncts.enablers, conjuncts.enablers(por.readClass(actions[i], falsified[t][i]), t), at);
            }
        }
        pulls[at + (t >> 6)] &= ~(1L << t);
        return true;
    }

    /** Whether an enabled action of the thread being settled had {@code a}'s access class: it pulls the same threads. */
    private boolean seen(Action a, int classes) {
        for (int i = 0; i < classes; i++) {
            if (settledClasses[i] == por.accessClass(a)) return true;
        }
        return false;
    }

    /**
     * The threads that may still run a command dependent with {@code a}, each or, when its
     * conflict waits behind a condition it cannot make true itself, that condition's enablers
     * ({@link PartialOrder#standIn}: asked per thread, not kept per class, since the answer for
     * a's own thread would differ).
     */
    private void pullDependents(int t, Action a, int at) {
        int from = dependentsOf(a);
        for (int w = 0; w < words; w++) {
            for (long bits = dependents[from + w]; bits != 0; bits &= bits - 1) {
                int u = (w << 6) + Long.numberOfTrailingZeros(bits);
                if (u == t) continue;
                if (!por.standIn(a, u, v, conjuncts, pulls, at)) pulls[at + (u >> 6)] |= 1L << u;
            }
        }
    }

    private int dependentsOf(Action a) {
        int at = por.accessClass(a) * (words + 1);
        if (dependents[at] != state) {
            dependents[at] = state;
            for (int w = 1; w <= words; w++) dependents[at + w] = 0;
            por.dependents(a, v, dependents, at + 1);
        }
        return at + 1;
    }

    private void or(long[] from, int fromAt, int at) {
        for (int w = 0; w < words; w++) pulls[at + w] |= from[fromAt + w];
    }
}
