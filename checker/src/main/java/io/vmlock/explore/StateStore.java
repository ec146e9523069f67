package io.vmlock.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The visited set: encoded states packed into large byte chunks, an open-addressing table of
 * state ids, and per state its parent and depth (for shortest traces). Ids are dense and in
 * insertion order, so in breadth-first order an id never precedes a shallower state's.
 */
final class StateStore {
    private static final int CHUNK = 1 << 22;

    /** Called with the bytes a growth will allocate, before it does: it may refuse (throw). */
    private final LongConsumer reserve;
    private final List<byte[]> chunks = new ArrayList<>();
    private int chunkUsed = CHUNK;
    private long[] where = new long[1024];
    private int[] hashes = new int[1024];
    private int[] parent = new int[1024];
    private int[] depth = new int[1024];
    private int[] table = new int[2048];
    private int size;
    private long bytesStored;
    private boolean lastAdded;

    StateStore(LongConsumer reserve) {
        this.reserve = reserve;
    }

    /** The id of {@code state}, adding it when new; {@code added()} says which. */
    int add(byte[] state, int parentId, int stateDepth) {
        int h = hash(state);
        int mask = table.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int id = table[i] - 1;
            if (id < 0) {
                table[i] = insert(state, h, parentId, stateDepth) + 1;
                if (size * 2 > table.length) rehash();
                lastAdded = true;
                return size - 1;
            }
            if (hashes[id] == h && equalsStored(id, state)) {
                lastAdded = false;
                return id;
            }
        }
    }

    boolean added() {
        return lastAdded;
    }

    int size() {
        return size;
    }

    int parent(int id) {
        return parent[id];
    }

    int depth(int id) {
        return depth[id];
    }

    long bytesStored() {
        return bytesStored;
    }

    byte[] get(int id) {
        long w = where[id];
        byte[] chunk = chunks.get((int) (w >>> 32));
        int pos = (int) w;
        int len = (chunk[pos] & 0xff) | (chunk[pos + 1] & 0xff) << 8;
        return Arrays.copyOfRange(chunk, pos + 2, pos + 2 + len);
    }

    private int insert(byte[] state, int h, int parentId, int stateDepth) {
        if (size == where.length) grow();
        if (state.length > 0xffff) throw new IllegalStateException("a state of " + state.length + " bytes");
        if (chunkUsed + state.length + 2 > CHUNK) {
            reserve.accept(CHUNK);
            chunks.add(new byte[CHUNK]);
            chunkUsed = 0;
        }
        byte[] chunk = chunks.get(chunks.size() - 1);
        chunk[chunkUsed] = (byte) state.length;
        chunk[chunkUsed + 1] = (byte) (state.length >>> 8);
        System.arraycopy(state, 0, chunk, chunkUsed + 2, state.length);
        where[size] = ((long) (chunks.size() - 1) << 32) | chunkUsed;
        chunkUsed += state.length + 2;
        bytesStored += state.length + 2;
        hashes[size] = h;
        parent[size] = parentId;
        depth[size] = stateDepth;
        return size++;
    }

    private boolean equalsStored(int id, byte[] state) {
        long w = where[id];
        byte[] chunk = chunks.get((int) (w >>> 32));
        int pos = (int) w;
        int len = (chunk[pos] & 0xff) | (chunk[pos + 1] & 0xff) << 8;
        return len == state.length && Arrays.equals(chunk, pos + 2, pos + 2 + len, state, 0, len);
    }

    private void grow() {
        int n = where.length * 2;
        reserve.accept(20L * n);
        where = Arrays.copyOf(where, n);
        hashes = Arrays.copyOf(hashes, n);
        parent = Arrays.copyOf(parent, n);
        depth = Arrays.copyOf(depth, n);
    }

    private void rehash() {
        reserve.accept(8L * table.length);
        int[] t = new int[table.length * 2];
        int mask = t.length - 1;
        for (int id = 0; id < size; id++) {
            int i = hashes[id] & mask;
            while (t[i] != 0) i = (i + 1) & mask;
            t[i] = id + 1;
        }
        table = t;
    }

    /** FNV-1a with a final avalanche, so nearby states spread over the table. */
    private static int hash(byte[] b) {
        int h = 0x811c9dc5;
        for (byte x : b) h = (h ^ (x & 0xff)) * 0x01000193;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
