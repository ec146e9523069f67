package io.vmlock.explore;

import java.util.Arrays;

/**
 * The successors of a run of consecutive states, computed by one worker: per state how many
 * moves it has, per move the action, the packed successor, its key and, when the visited set
 * already held it at expansion time, its id. Workers fill these in parallel while the visited
 * set is frozen; the search then merges them in order, so ids never depend on the thread count.
 */
final class Expansion {
    final int words;
    int states;
    int[] id = new int[64];
    int[] first = new int[64];
    int[] count = new int[64];
    /** Per state under a preemption bound, what it is without the bound: {@link #MOVES}, {@link #STUCK} or {@link #INTERRUPTS_ONLY}. */
    byte[] judged = new byte[64];
    static final byte MOVES = 0;
    static final byte STUCK = 1;
    static final byte INTERRUPTS_ONLY = 2;
    int moves;
    int[] action = new int[256];
    long[] key = new long[256];
    /**
     * The table slot of a successor already stored when it was computed, -1 if it was not, -2
     * before the lookup, or {@link #repeatOf} an earlier move of this expansion with the same
     * successor (not stored then either).
     */
    int[] known = new int[256];
    /** How many states the move's chain passed through without storing them ({@link Chains}). */
    int[] passed = new int[256];
    long[] successor;
    /** The visited set's epoch when the moves were looked up: after a rehash their slots mean nothing. */
    int epoch;
    /** The worker stopped before the end of its states: the deadline passed ({@link CompiledSearch#expandRange}). */
    boolean cutShort;

    Expansion(int words) {
        this.words = words;
        this.successor = new long[256 * words];
    }

    private static final int FIRST_REPEAT = -3;

    /** The mark of a move whose successor is the one of the earlier move {@code first}. */
    static int repeatOf(int first) {
        return FIRST_REPEAT - first;
    }

    static boolean isRepeat(int known) {
        return known <= FIRST_REPEAT;
    }

    void clear() {
        states = 0;
        moves = 0;
        cutShort = false;
    }

    void startState(int stateId) {
        if (states == id.length) {
            int n = states * 2;
            id = Arrays.copyOf(id, n);
            first = Arrays.copyOf(first, n);
            count = Arrays.copyOf(count, n);
            judged = Arrays.copyOf(judged, n);
        }
        id[states] = stateId;
        first[states] = moves;
        count[states] = 0;
        judged[states] = MOVES;
        states++;
    }

    /** What the current state is without the preemption bound. */
    void judge(byte what) {
        judged[states - 1] = what;
    }

    /** Room for one more move; returns its index (its words start at index * words). */
    int addMove(int actionIndex) {
        if (moves == action.length) {
            int n = moves * 2;
            action = Arrays.copyOf(action, n);
            key = Arrays.copyOf(key, n);
            known = Arrays.copyOf(known, n);
            passed = Arrays.copyOf(passed, n);
            successor = Arrays.copyOf(successor, n * words);
        }
        action[moves] = actionIndex;
        count[states - 1]++;
        return moves++;
    }

    /** Drops the current state's moves (to expand it again in full). */
    void dropMoves() {
        moves = first[states - 1];
        count[states - 1] = 0;
    }
}
