package io.vmlock.explore;

import java.util.Arrays;

/**
 * Chain compression of the partial-order reduced breadth-first search: a successor s1 not
 * stored before the level, whose chosen stubborn set is one move (most states of a kernel
 * scenario: on the 7-thread kitchen sink 16,129,835 of the 28,888,719 states stored without
 * chains had one such move, to a state not stored yet), is not stored; the search steps on to
 * that move's successor s2, and so on. The move's successor becomes the chain's last state: a
 * state stored before the level (the chain ran into the visited set: the edge goes there), or
 * the first state where the chain stops, stored as new: its set is not one move
 * ({@link Expander#onlyMove}: several moves, none, every move of a full expansion, interrupts
 * arriving that the merge must see to judge the state quiescent, a move that reports a finding, a
 * broken invariant), the chain came back to one of its own states (a daemon going round alone),
 * or it is {@link #CAP} moves long. The states passed through are counted (transient), not
 * stored. Symmetry and dead-value reduction apply to every state of a chain as to stored ones
 * (the same successor function makes them). A move that reports a finding starts no chain: the
 * finding names the state it reaches.
 *
 * <p>Why a chain runs into the visited set instead of stopping before it (the first design):
 * the state before would be stored, with an id past the level's end, and its one move leads to
 * a smaller id, back: the cycle proviso then expands it with another set or in full. On the
 * 7-thread kitchen sink that stored 34,388,804 states (28,888,719 without chains) and expanded a
 * third of them past their first set; running into the visited set, 4,988,338.
 *
 * <p>Why the findings stay ({@link PartialOrder}'s conditions, on the graph where each state a
 * chain passes through is a node of its own with its one-move set): C0, C1 and C2 hold at such a
 * node, whose set is the one the state's own choice gives (the choice depends on the state
 * alone). C3: the cycle proviso asks of an expanded state's moves where their chains end
 * ({@link Expander} follows them before it asks), so a move "leads forward" when its chain ends
 * at a new state or at a stored one with a larger id. Along such a move the arguments take the
 * one move of each chain state (finitely many: a chain is at most {@link #CAP} long) and arrive
 * at a stored state with a larger id than the one expanded: ids grow along a path of moves
 * leading forward, chain by chain, so such a path ends at a fully expanded state, which is all
 * the arguments ask of C3. Every cycle of that graph passes a stored state: a chain state's one
 * move goes to the chain's next state or to its last, stored, and a chain is a path (one that
 * would come back to its own state stops there, stored). So each bottom component holds stored
 * states, and between stored states the stored edges keep exactly the paths (a chain is the only
 * way on from its states): the livelock check finds the same bottom components, dead ends
 * included (a chain state always has a move).
 *
 * <p>What it costs: breadth-first levels now count chains, not moves, so a deadlock's or hang's
 * first level is no longer its depth ({@link PartialOrder#keepsDepth} fails): {@link Explorer}
 * then finds their traces again with partial-order reduction and no chains, stopped at its
 * targets. --first and the check of shortest traces store every state. Hash compaction keeps no
 * chains either. Whether a state was "stored before the level" is asked of the visited set as it
 * was at the level's start (an id below the level's end): states the merge adds during the level
 * are ignored, so the chains, and with them the ids, do not depend on the number of workers.
 * Traces pass through chains ({@link Traces}): from a stored state a step is a move and the chain
 * after it, followed by the same one-move choice, without the test of newness, until the next
 * stored state is met.
 */
final class Chains {
    /** The longest chain: a daemon going round alone through many states stores one every CAP moves at worst. */
    static final int CAP = 256;

    private final PackedStore store;
    private final Expander expander;
    private final int words;
    /** The chain's states, in order, packed one after the other. */
    private final long[] path;
    /** Their keys in an open-addressing table (slot in use when its stamp is this chain's), to meet a state again. */
    private final long[] seenKeys;
    private final int[] seenAt;
    private final int[] seenStamp;
    private int stamp;

    Chains(PackedStore store, Expander expander, int words) {
        this.store = store;
        this.expander = expander;
        this.words = words;
        this.path = new long[(CAP + 1) * words];
        int capacity = Integer.highestOneBit(CAP + 1) << 2;
        this.seenKeys = new long[capacity];
        this.seenAt = new int[capacity];
        this.seenStamp = new int[capacity];
    }

    /**
     * Follows the chain from the state {@code states[base..]} (not stored before the level that
     * ends at id {@code levelEnd}), writes its last state over it, and returns how many states it
     * passed through (0: the state itself is the last).
     */
    int follow(long[] states, int base, int levelEnd) {
        if (++stamp == Integer.MAX_VALUE) { // stamps used up: no slot of the table holds a chain's state now
            Arrays.fill(seenStamp, 0);
            stamp = 1;
        }
        System.arraycopy(states, base, path, 0, words);
        remember(0, PackedStore.key(path, 0, words));
        int n = 0;
        while (n < CAP) {
            int next = (n + 1) * words;
            if (!expander.onlyMove(path, n * words, path, next)) break;
            long key = PackedStore.key(path, next, words);
            int slot = store.find(path, next, key);
            if (slot >= 0 && store.idAt(slot) < levelEnd) return end(states, base, n + 1);
            if (onChain(key, next)) break;
            n++;
            remember(n, key);
        }
        return end(states, base, n);
    }

    /** Writes the chain's {@code n}-th state over its first; the n before it were passed through. */
    private int end(long[] states, int base, int n) {
        if (n > 0) System.arraycopy(path, n * words, states, base, words);
        return n;
    }

    private void remember(int at, long key) {
        int mask = seenKeys.length - 1;
        int i = (int) (key ^ key >>> 32) & mask;
        while (seenStamp[i] == stamp) i = (i + 1) & mask;
        seenStamp[i] = stamp;
        seenKeys[i] = key;
        seenAt[i] = at;
    }

    /** Whether the state at {@code path[from..]} is one the chain has passed already. */
    private boolean onChain(long key, int from) {
        int mask = seenKeys.length - 1;
        for (int i = (int) (key ^ key >>> 32) & mask; seenStamp[i] == stamp; i = (i + 1) & mask) {
            if (seenKeys[i] == key && Arrays.equals(path, seenAt[i] * words, seenAt[i] * words + words,
                    path, from, from + words)) {
                return true;
            }
        }
        return false;
    }
}
