package io.vmlock.explore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The visited set of the compiled search: states as packed words in fixed-size chunks, indexed
 * by dense ids in insertion order, and an open-addressing table of 4-byte slots, each an id and,
 * in the bits the id does not need, a tag from the state's key, so most probes of other states
 * are told apart without reading the chunks. A one-word state thus costs its 8 bytes plus at
 * most 10.7 of table (kept between 37.5% and 75% full). Parent links (4 bytes more) are kept only
 * where a trace cannot be found again by expanding the previous level (see {@link CompiledSearch#parent}).
 * With hash compaction a state is stored as its 64-bit hash only, and two states with one hash
 * are taken for one: {@link #omissionProbability} bounds how likely that made the search miss a
 * state. Every growth is reserved before it allocates: the search's budget refuses one the heap
 * cannot hold, and the store is left as it was.
 */
final class PackedStore {
    private static final double MAX_LOAD = 0.75;
    /** States per chunk: chunks grow the store without copying it, and waste at most one chunk. */
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** Keys are never 0: a hash-compacted state's stored word is its key, and 0 is an unwritten word. */
    private static final long ALIAS = 0x9E3779B97F4A7C15L;
    /** Table slots are published after the state's words: a worker that sees a slot sees its state. */
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);

    final int words;
    private final int stored;
    private final boolean compact;
    private final boolean keepsParents;
    /** Called with the bytes a growth will allocate, before it does: it may refuse (throw). */
    private final LongConsumer reserve;
    // volatile: workers look states up while the merge adds others (a stale read only misses one)
    private volatile long[][] chunks = new long[4][];
    private int chunkCount;
    private int[] parent;
    private volatile int[] table;
    /** Counts rehashes: a slot found before one is no longer that state's slot. */
    private volatile int epoch;
    private int size;

    PackedStore(int words, boolean compact, boolean keepsParents, LongConsumer reserve) {
        this.words = words;
        this.reserve = reserve;
        this.compact = compact;
        this.keepsParents = keepsParents;
        this.stored = compact ? 1 : words;
        this.parent = keepsParents ? new int[1024] : null;
        this.table = new int[2048];
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

    /** The home slot of a key, before the table's mask (package-private: a test places a state in slot 0). */
    static int slotOf(long key) {
        long h = key * 0xD6E8FEB86659FD93L;
        return (int) (h ^ h >>> 32);
    }

    /** The bits of a slot that hold id + 1 in a table of this length (a power of two above the ids). */
    private static int idBits(int[] t) {
        return Integer.numberOfTrailingZeros(t.length);
    }

    /** The key's tag in the slot bits above the id's; the top bits of the key, which the slot index hardly uses. */
    private static int tagOf(long key, int idBits) {
        return (int) (key >>> (32 + idBits)) << idBits;
    }

    private static int idMask(int idBits) {
        return (1 << idBits) - 1;
    }

    /** The table slot holding a stored state, or -1. Safe to call from many threads while one adds. */
    int find(long[] state, int base, long key) {
        int[] t = table;
        int bits = idBits(t);
        int idMask = idMask(bits);
        int tag = tagOf(key, bits);
        int mask = t.length - 1;
        for (int i = slotOf(key) & mask; ; i = (i + 1) & mask) {
            int at = (int) SLOT.getAcquire(t, i);
            if (at == 0) return -1;
            if ((at & ~idMask) == tag && sameWords((at & idMask) - 1, state, base, key)) return i;
        }
    }

    /** Whether the stored state {@code id} is this one: the same words, or under hash compaction the same key. */
    private boolean sameWords(int id, long[] state, int base, long key) {
        long[] chunk = chunks[id >>> CHUNK_BITS];
        int at = (id & (CHUNK - 1)) * stored;
        if (compact) return chunk[at] == key;
        for (int i = 0; i < stored; i++) {
            if (chunk[at + i] != state[base + i]) return false;
        }
        return true;
    }

    int epoch() {
        return epoch;
    }

    /** The id of the state in a slot {@link #find} returned. */
    int idAt(int slot) {
        int[] t = table;
        return ((int) SLOT.getAcquire(t, slot) & idMask(idBits(t))) - 1;
    }

    /**
     * Adds a state unless stored: one probe for both. Returns its new id, or {@code -slot - 1}
     * of the slot that already holds it.
     */
    int addIfAbsent(long[] state, int base, long key, int parentId) {
        int[] t = table;
        int bits = idBits(t);
        int idMask = idMask(bits);
        int tag = tagOf(key, bits);
        int mask = t.length - 1;
        int i = slotOf(key) & mask;
        for (int at; (at = t[i]) != 0; i = (i + 1) & mask) {
            if ((at & ~idMask) == tag && sameWords((at & idMask) - 1, state, base, key)) return -i - 1;
        }
        if (size + 1 > t.length * MAX_LOAD) return add(state, base, key, parentId);
        int id = append(state, base, key, parentId);
        SLOT.setRelease(t, i, tag | (id + 1));
        return id;
    }

    /** Adds a state known not to be stored; its id. */
    int add(long[] state, int base, long key, int parentId) {
        boolean rehash = size + 1 > table.length * MAX_LOAD;
        if (rehash) reserve.accept(8L * table.length);
        int id = append(state, base, key, parentId);
        if (rehash) rehash();
        else place(table, id, key);
        return id;
    }

    /** Writes the state's words (its key under hash compaction) and parent at the next id. */
    private int append(long[] state, int base, long key, int parentId) {
        int id = size;
        if (id == Integer.MAX_VALUE - 1) throw new IllegalStateException("more than 2^31 states");
        int c = id >>> CHUNK_BITS;
        if (c == chunkCount) newChunk();
        if (keepsParents && id == parent.length) {
            reserve.accept(8L * parent.length);
            parent = Arrays.copyOf(parent, parent.length * 2);
        }
        long[] chunk = chunks[c];
        int at = (id & (CHUNK - 1)) * stored;
        if (compact) chunk[at] = key;
        else System.arraycopy(state, base, chunk, at, stored);
        if (keepsParents) parent[id] = parentId;
        size++;
        return id;
    }

    private void newChunk() {
        reserve.accept(8L * stored * CHUNK);
        long[][] all = chunks;
        if (chunkCount == all.length) all = Arrays.copyOf(all, all.length * 2);
        all[chunkCount++] = new long[stored * CHUNK];
        chunks = all; // published before any slot that points into the new chunk
    }

    private static void place(int[] t, int id, long key) {
        int bits = idBits(t);
        int mask = t.length - 1;
        int i = slotOf(key) & mask;
        while (t[i] != 0) i = (i + 1) & mask;
        SLOT.setRelease(t, i, tagOf(key, bits) | (id + 1));
    }

    /** Doubles the table: every slot is placed again, its tag taken anew from the stored state's key. */
    private void rehash() {
        int[] t = new int[table.length * 2];
        for (int id = 0; id < size; id++) place(t, id, storedKey(id));
        table = t;
        epoch++;
    }

    private long storedKey(int id) {
        long[] chunk = chunks[id >>> CHUNK_BITS];
        int at = (id & (CHUNK - 1)) * stored;
        return compact ? chunk[at] : key(chunk, at, stored);
    }

    /** Copies a stored state's words (exact mode only). */
    void get(int id, long[] into, int base) {
        if (compact) throw new IllegalStateException("hash compaction stores no states");
        System.arraycopy(chunks[id >>> CHUNK_BITS], (id & (CHUNK - 1)) * stored, into, base, stored);
    }

    /** The stored state's key: its 64-bit hash under hash compaction. */
    long fingerprint(int id) {
        return storedKey(id);
    }

    boolean compact() {
        return compact;
    }

    boolean keepsParents() {
        return keepsParents;
    }

    int size() {
        return size;
    }

    /** The parent link of a state (only when {@link #keepsParents}). */
    int parent(int id) {
        if (!keepsParents) throw new IllegalStateException("this store keeps no parent links");
        return parent[id];
    }

    /** Bytes of stored states: the packed words, or 8 per state with hash compaction. */
    long stateBytes() {
        return 8L * stored * size;
    }

    /** Everything the visited set has allocated: chunks of states, parent links if kept, and the table. */
    long visitedBytes() {
        return 8L * stored * CHUNK * chunkCount + (keepsParents ? 4L * parent.length : 0) + 4L * table.length;
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
