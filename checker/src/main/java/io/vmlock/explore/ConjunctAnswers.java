package io.vmlock.explore;

/**
 * One worker's answers, for the state it expands, about guard conjuncts by read class
 * ({@link PartialOrder#readClass}): whether one holds, and which threads it waits for
 * ({@link PartialOrder#enablers}). Each is found once per state: a stand-in is asked for per
 * action and thread ({@link PartialOrder#standIn}), and many ask about the same waits.
 */
final class ConjunctAnswers {
    private final PartialOrder por;
    /** Longs per set of threads. */
    final int words;
    private final int[] heldAt;
    private final boolean[] holds;
    /**
     * Per read class: at [class * (words + 1)] the state that found them, then the threads, with
     * the stand-ins for enablers ({@link PartialOrder#standInEnablers}); from {@link #asked} on,
     * the same without one plain enabler's stand-ins, for a set that holds that thread
     * ({@link #enablers(int, int)}).
     */
    final long[] enablers;
    private final int asked;
    /** Per read class, the thread whose stand-ins the answer from {@link #asked} on leaves out. */
    private final int[] askedBy;
    private final long[] withoutMember;
    /** As {@link #enablers}, the plain ones ({@link PartialOrder#enablers}). */
    final long[] plain;
    private int[] v;
    private int state;

    ConjunctAnswers(PartialOrder por) {
        this.por = por;
        this.words = (por.threads() + 63) / 64;
        this.heldAt = new int[por.readClassCount()];
        this.holds = new boolean[por.readClassCount()];
        this.asked = por.readClassCount() * (words + 1);
        this.enablers = new long[2 * asked];
        this.askedBy = new int[por.readClassCount()];
        this.withoutMember = new long[words];
        this.plain = new long[por.readClassCount() * (words + 1)];
    }

    /** Forgets the answers of the state before. */
    void at(int[] v) {
        this.v = v;
        state++;
    }

    boolean holds(int readClass) {
        if (heldAt[readClass] != state) {
            heldAt[readClass] = state;
            holds[readClass] = por.holds(readClass, v);
        }
        return holds[readClass];
    }

    /**
     * How many threads other than {@code thread} the (false) conjuncts of {@code readClass} wait
     * for, in a set that holds {@code thread} ({@link #enablers(int, int)}).
     */
    int others(int readClass, int thread) {
        int from = enablers(readClass, thread);
        int size = 0;
        for (int w = 0; w < words; w++) size += Long.bitCount(enablers[from + w]);
        return waitsFor(from, thread) ? size - 1 : size;
    }

    /** Whether {@code thread} is among the threads at {@code enablers[from..]}. */
    boolean waitsFor(int from, int thread) {
        return (enablers[from + (thread >> 6)] >>> thread & 1) != 0;
    }

    /** How many threads may still make the conjuncts of {@code readClass} true ({@link #plain}). */
    int plainSize(int readClass) {
        int from = plain(readClass);
        int size = 0;
        for (int w = 0; w < words; w++) size += Long.bitCount(plain[from + w]);
        return size;
    }

    /** Where in {@link #enablers} the threads the conjuncts of {@code readClass} wait for start. */
    int enablers(int readClass) {
        int at = readClass * (words + 1);
        if (enablers[at] != state) {
            enablers[at] = state;
            for (int w = 1; w <= words; w++) enablers[at + w] = 0;
            por.standInEnablers(readClass, v, this, plain, plain(readClass), enablers, at + 1);
        }
        return at + 1;
    }

    /**
     * As {@link #enablers(int)}, for a stubborn set that holds thread {@code member}: when it is a
     * plain enabler, its own stand-ins are left out (a thread of the set makes no move outside
     * it, see {@link PartialOrder}'s class comment, "A set's own thread"); it may still be among
     * them as another's stand-in, for the caller to drop.
     */
    int enablers(int readClass, int member) {
        int p = plain(readClass);
        if ((plain[p + (member >> 6)] >>> member & 1) == 0) return enablers(readClass);
        int at = asked + readClass * (words + 1);
        if (enablers[at] != state || askedBy[readClass] != member) {
            enablers[at] = state;
            askedBy[readClass] = member;
            for (int w = 0; w < words; w++) {
                enablers[at + 1 + w] = 0;
                withoutMember[w] = plain[p + w];
            }
            withoutMember[member >> 6] &= ~(1L << member);
            por.standInEnablers(readClass, v, this, withoutMember, 0, enablers, at + 1);
        }
        return at + 1;
    }

    /** Where in {@link #plain} the threads that may still make the conjuncts of {@code readClass} true start. */
    int plain(int readClass) {
        int at = readClass * (words + 1);
        if (plain[at] != state) {
            plain[at] = state;
            for (int w = 1; w <= words; w++) plain[at + w] = 0;
            por.enablers(readClass, v, plain, at + 1);
        }
        return at + 1;
    }

}
