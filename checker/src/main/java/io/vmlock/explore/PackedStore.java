package io.vmlock.explore;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The visited set of the compiled search: states as packed words in one growing arena, indexed
 * by dense ids in insertion order, each with its parent for shortest traces; and an
 * open-addressing table of 64-bit keys with the slot's id beside it. A one-word state's key is
 * the word itself, mixed by a bijection, so a lookup of a known state touches one table slot and
 * nothing else. With hash compaction a state is stored as its 64-bit hash only (8 bytes), and
 * two states with one hash are taken for one: {@link #omissionProbability} bounds how likely
 * that made the search miss a state. Every growth is reserved before it allocates: the search's
 * budget refuses one the heap cannot hold, and the store is left as it was.
 */
final class PackedStore {
    private static final double MAX_LOAD = 0.6;
    /** Keys are never 0 (an empty slot): the state whose key would be 0 gets this one, checked against the arena. */
    private static final long ALIAS = 0x9E3779B97F4A7C15L;

    final int words;
    private final int stored;
    private final boolean compact;
    private final boolean exactKeys;
    /** Called with the bytes a growth will allocate, before it does: it may refuse (throw). */
    private final LongConsumer reserve;
    // volatile: workers look states up while the merge adds others (a stale read only misses one)
    private volatile long[] arena;
    private int[] parent;
    private volatile long[] keys;
    private volatile int[] ids;
    /** Counts rehashes: a slot found before one is no longer that state's slot. */
    private volatile int epoch;
    private int size;

    PackedStore(int words, boolean compact, LongConsumer reserve) {
        this.words = words;
        this.reserve = reserve;
        this.compact = compact;
        this.stored = compact ? 1 : words;
        this.exactKeys = !compact && words == 1;
        this.arena = new long[1024 * stored];
        this.parent = new int[1024];
        this.keys = new long[2048];
        this.ids = new int[2048];
    }

    /** The key of a state: the mixed word of a one-word state (a bijection), else a 64-bit hash; never 0. */
    static long key(long[] state, int base, int words) {
        long h;
        if (words == 1) {
            h = state[base] * 0xC2B2AE3D27D4EB4FL;
            h ^= h >>> 31;
        } else {
            h = 0x9E3779B97F4A7C15L * (words + 1);
            for (int i = 0; i < words; i++) {
                h ^= state[base + i];
                h *= 0xC2B2AE3D27D4EB4FL;
                h ^= h >>> 29;
            }
            h ^= h >>> 32;
            h *= 0xD6E8FEB86659FD93L;
            h ^= h >>> 32;
        }
        return h == 0 ? ALIAS : h;
    }

    private int slotOf(long key) {
        long h = key * 0xD6E8FEB86659FD93L;
        return (int) (h ^ h >>> 32);
    }

    /** The table slot holding a stored state, or -1. Safe to call from many threads while nothing is added. */
    int find(long[] state, int base, long key) {
        long[] k = keys;
        int[] id = ids;
        int mask = k.length - 1;
        for (int i = slotOf(key) & mask; ; i = (i + 1) & mask) {
            long at = k[i];
            if (at == 0) return -1;
            if (at == key && (compact || exactKeys && key != ALIAS || sameWords(id[i], state, base))) return i;
        }
    }

    /** Whether the stored state {@code id} has these words; false for one this thread cannot see yet. */
    private boolean sameWords(int id, long[] state, int base) {
        long[] a = arena;
        int at = id * stored;
        if (at + stored > a.length) return false;
        for (int i = 0; i < stored; i++) {
            if (a[at + i] != state[base + i]) return false;
        }
        return true;
    }

    int epoch() {
        return epoch;
    }

    /** The id of the state in a slot {@link #find} returned. */
    int idAt(int slot) {
        return ids[slot];
    }

    /**
     * Adds a state unless stored: one probe for both. Returns its new id, or {@code -slot - 1}
     * of the slot that already holds it.
     */
    int addIfAbsent(long[] state, int base, long key, int parentId) {
        long[] table = keys;
        int mask = table.length - 1;
        int i = slotOf(key) & mask;
        for (long k; (k = table[i]) != 0; i = (i + 1) & mask) {
            if (k == key && (compact || exactKeys && key != ALIAS || sameWords(ids[i], state, base))) return -i - 1;
        }
        if (size + 1 > keys.length * MAX_LOAD) return add(state, base, key, parentId);
        if (size == parent.length) grow();
        int id = size++;
        if (compact) arena[id] = key;
        else System.arraycopy(state, base, arena, id * stored, stored);
        parent[id] = parentId;
        ids[i] = id;
        table[i] = key;
        return id;
    }

    /** Adds a state known not to be stored; its id. */
    int add(long[] state, int base, long key, int parentId) {
        if (size == parent.length) grow();
        boolean rehash = size + 1 > keys.length * MAX_LOAD;
        if (rehash) reserve.accept(24L * keys.length);
        int id = size++;
        if (compact) {
            arena[id] = key;
        } else {
            System.arraycopy(state, base, arena, id * stored, stored);
        }
        parent[id] = parentId;
        if (rehash) rehash();
        else place(id, key);
        return id;
    }

    private void place(int id, long key) {
        long[] table = keys;
        int mask = table.length - 1;
        int i = slotOf(key) & mask;
        while (table[i] != 0) i = (i + 1) & mask;
        ids[i] = id;
        table[i] = key;
    }

    private void grow() {
        int n = parent.length * 2;
        reserve.accept((4L + 8L * stored) * n);
        parent = Arrays.copyOf(parent, n);
        arena = Arrays.copyOf(arena, n * stored);
    }

    private void rehash() {
        long[] oldKeys = keys;
        int[] oldIds = ids;
        long[] newKeys = new long[oldKeys.length * 2];
        int[] newIds = new int[oldKeys.length * 2];
        int mask = newKeys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] == 0) continue;
            int j = slotOf(oldKeys[i]) & mask;
            while (newKeys[j] != 0) j = (j + 1) & mask;
            newKeys[j] = oldKeys[i];
            newIds[j] = oldIds[i];
        }
        ids = newIds;
        keys = newKeys;
        epoch++;
        place(size - 1, compact ? arena[size - 1] : key(arena, (size - 1) * stored, stored));
    }

    /** Copies a stored state's words (exact mode only). */
    void get(int id, long[] into, int base) {
        if (compact) throw new IllegalStateException("hash compaction stores no states");
        System.arraycopy(arena, id * stored, into, base, stored);
    }

    /** The stored state's key: its 64-bit hash under hash compaction. */
    long fingerprint(int id) {
        return compact ? arena[id] : key(arena, id * stored, stored);
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

    /** Everything the visited set holds: states, parent links and the table of keys and ids. */
    long visitedBytes() {
        return stateBytes() + 4L * size + 12L * keys.length;
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
