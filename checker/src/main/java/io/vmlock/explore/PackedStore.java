package io.vmlock.explore;

import java.util.Arrays;

/**
 * The visited set of the compiled search: states as packed words in one growing arena, indexed
 * by dense ids in insertion order, an open-addressing table of ids, and each state's parent for
 * shortest traces. With hash compaction a state is stored as its 64-bit hash only (8 bytes), and
 * two states with one hash are taken for one: {@link #omissionProbability} bounds how likely
 * that made the search miss a state.
 */
final class PackedStore {
    private static final double MAX_LOAD = 0.7;

    final int words;
    private final int stored;
    private final boolean compact;
    private long[] arena;
    private int[] parent;
    private int[] table;
    private int size;

    PackedStore(int words, boolean compact) {
        this.words = words;
        this.compact = compact;
        this.stored = compact ? 1 : words;
        this.arena = new long[1024 * stored];
        this.parent = new int[1024];
        this.table = new int[2048];
    }

    static long hash(long[] state, int base, int words) {
        long h = 0x9E3779B97F4A7C15L * (words + 1);
        for (int i = 0; i < words; i++) {
            h ^= state[base + i];
            h *= 0xC2B2AE3D27D4EB4FL;
            h ^= h >>> 29;
        }
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        h ^= h >>> 32;
        return h;
    }

    /** The id of a stored state, or -1. Safe to call from many threads while nothing is added. */
    int find(long[] state, int base, long hash) {
        int mask = table.length - 1;
        for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
            int id = table[i] - 1;
            if (id < 0) return -1;
            if (same(id, state, base, hash)) return id;
        }
    }

    private boolean same(int id, long[] state, int base, long hash) {
        if (compact) return arena[id] == hash;
        int at = id * stored;
        for (int i = 0; i < stored; i++) {
            if (arena[at + i] != state[base + i]) return false;
        }
        return true;
    }

    /** Adds a state known not to be stored; its id. */
    int add(long[] state, int base, long hash, int parentId) {
        if (size == parent.length) grow();
        int id = size++;
        if (compact) {
            arena[id] = hash;
        } else {
            System.arraycopy(state, base, arena, id * stored, stored);
        }
        parent[id] = parentId;
        if (size > table.length * MAX_LOAD) rehash();
        else place(id, hash);
        return id;
    }

    private void place(int id, long hash) {
        int mask = table.length - 1;
        int i = (int) hash & mask;
        while (table[i] != 0) i = (i + 1) & mask;
        table[i] = id + 1;
    }

    private void grow() {
        int n = parent.length * 2;
        parent = Arrays.copyOf(parent, n);
        arena = Arrays.copyOf(arena, n * stored);
    }

    private void rehash() {
        table = new int[table.length * 2];
        for (int id = 0; id < size; id++) place(id, storedHash(id));
    }

    private long storedHash(int id) {
        return compact ? arena[id] : hash(arena, id * stored, stored);
    }

    /** Copies a stored state's words (exact mode only). */
    void get(int id, long[] into, int base) {
        if (compact) throw new IllegalStateException("hash compaction stores no states");
        System.arraycopy(arena, id * stored, into, base, stored);
    }

    /** The stored 64-bit hash (hash compaction) or the hash of the stored words. */
    long fingerprint(int id) {
        return storedHash(id);
    }

    boolean compact() {
        return compact;
    }

    int size() {
        return size;
    }

    int parent(int id) {
        return parent[id];
    }

    /** Bytes of stored states: the packed words, or 8 per state with hash compaction. */
    long stateBytes() {
        return 8L * stored * size;
    }

    /** Everything the visited set holds: states, hash table and parent links. */
    long visitedBytes() {
        return stateBytes() + 4L * table.length + 4L * size;
    }

    /**
     * Hash compaction: the chance that some two of the stored states had one hash, so that one was
     * taken for visited and its successors possibly never explored: at most n(n-1)/2 pairs, each
     * colliding with probability 2^-64 (Holzmann's bound for hash compaction with b = 64).
     */
    double omissionProbability() {
        double n = size;
        return Math.min(1.0, n * (n - 1) / 2 / Math.pow(2, 64));
    }
}
