package io.vmlock.symbolic;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * List decision diagrams (as in Sylvan's LDD package, used by LTSmin's symbolic backend): sets of
 * int vectors of one length, shared and hash-consed. A node is (value, down, right): the vectors
 * whose first element is {@code value} continue in {@code down}; {@code right} holds those with a
 * larger first element (chains are sorted by value, so equal sets are the same node). Two
 * terminals: {@link #FALSE} (the empty set) and {@link #TRUE} (the set holding the empty vector).
 *
 * <p>Nodes are freed only by {@link #collect}, given every root. The operation cache is lossy:
 * a colliding entry just overwrites, which costs recomputation, never a wrong answer.
 *
 * <p>Every operation recurses along levels and along right chains; run it on a thread with a
 * large stack ({@link #onBigStack}).
 */
public final class Ldd {
    public static final int FALSE = 0;
    public static final int TRUE = 1;

    /** Projection metadata per level: keep the level, quantify it away, or stop (every later level goes). */
    public static final int KEEP = 1;
    public static final int SKIP = 0;
    public static final int END = -1;

    /** Projection metadata of a level kept only where its value is {@code v} (v >= 0): a filter and a projection in one pass. */
    public static int keepOnly(int v) {
        if (v < 0) throw new IllegalArgumentException("keepOnly takes values from 0");
        return 2 + v;
    }

    /**
     * Relation metadata per level of the set (Sylvan's lddmc_relprod): a field the relation does
     * not touch is copied; a read-only field has one relation level, its value before; a
     * write-only field one, its value after; a field read and written two, before then after.
     */
    public static final int COPY = 0;
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int READ_WRITE = 3;

    private static final int OP_UNION = 1;
    private static final int OP_MINUS = 2;
    private static final int OP_INTERSECT = 3;
    private static final int OP_PROJECT = 4;
    private static final int OP_RELPROD = 5;
    private static final int OP_WRITE_CHAIN = 6;
    private static final int OP_MATCH = 7;
    /** Operations of callers in this package ({@link SymbolicReach}'s saturation) share the cache from here on. */
    static final int OP_USER = 16;

    private int[] value;
    private int[] down;
    private int[] right;
    private int size = 2;
    /** The most nodes alive at once ({@link #collect} frees). */
    private int peak = 2;

    /** Unique table: open addressing over node ids (0 = free slot, as FALSE is never stored). */
    private int[] table;
    private int tableMask;

    private final int cacheMask;
    private final int[] cacheOp;
    private final int[] cacheA;
    private final int[] cacheB;
    private final int[] cacheC;
    private final int[] cacheD;
    private final int[] cacheResult;

    /** Registered metadata arrays; the id goes into cache keys so that two metas never share entries. */
    private int[][] metas = new int[8][];
    private int metaCount;

    public Ldd() {
        this(1 << 16, 1 << 20);
    }

    /** {@code nodes}: the initial node capacity; {@code cacheEntries}: a power of two. */
    public Ldd(int nodes, int cacheEntries) {
        if (Integer.bitCount(cacheEntries) != 1) throw new IllegalArgumentException("cache size must be a power of two");
        int capacity = Math.max(16, nodes);
        value = new int[capacity];
        down = new int[capacity];
        right = new int[capacity];
        table = new int[Integer.highestOneBit(capacity - 1) << 2];
        tableMask = table.length - 1;
        cacheMask = cacheEntries - 1;
        cacheOp = new int[cacheEntries];
        cacheA = new int[cacheEntries];
        cacheB = new int[cacheEntries];
        cacheC = new int[cacheEntries];
        cacheD = new int[cacheEntries];
        cacheResult = new int[cacheEntries];
    }

    /** Nodes alive now (terminals included): made since the last {@link #collect}, or kept by it. */
    public int nodes() {
        return size;
    }

    /** The most nodes alive at once. */
    public int peakNodes() {
        return Math.max(peak, size);
    }

    public int value(int node) {
        return value[node];
    }

    public int down(int node) {
        return down[node];
    }

    public int right(int node) {
        return right[node];
    }

    /** The node (value, down, right), made once; an empty {@code down} leaves only {@code right}. */
    public int node(int v, int d, int r) {
        if (d == FALSE) return r;
        assert r == FALSE || value[r] > v : "chains are sorted";
        int h = hash(v, d, r) & tableMask;
        while (true) {
            int n = table[h];
            if (n == 0) break;
            if (value[n] == v && down[n] == d && right[n] == r) return n;
            h = (h + 1) & tableMask;
        }
        if (size == value.length) {
            int capacity = value.length * 2;
            value = Arrays.copyOf(value, capacity);
            down = Arrays.copyOf(down, capacity);
            right = Arrays.copyOf(right, capacity);
        }
        int n = size++;
        value[n] = v;
        down[n] = d;
        right[n] = r;
        table[h] = n;
        if (size * 2L > table.length) rehash();
        return n;
    }

    private void rehash() {
        table = new int[table.length * 2];
        tableMask = table.length - 1;
        for (int n = 2; n < size; n++) {
            int h = hash(value[n], down[n], right[n]) & tableMask;
            while (table[h] != 0) h = (h + 1) & tableMask;
            table[h] = n;
        }
    }

    private static int hash(int a, int b, int c) {
        long h = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + c * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 32);
    }

    /**
     * Frees every node not reachable from {@code roots}, which it renumbers in place: the nodes
     * left keep their order, so a node's children, made before it, still come first and one
     * ascending pass renumbers them. The cache forgets everything (its entries name old numbers).
     */
    public void collect(int[] roots) {
        java.util.BitSet live = new java.util.BitSet(size);
        live.set(FALSE);
        live.set(TRUE);
        for (int r : roots) live.set(r);
        for (int n = size - 1; n > TRUE; n--) { // parents come after their children: one descending pass marks
            if (!live.get(n)) continue;
            live.set(down[n]);
            live.set(right[n]);
        }
        peak = Math.max(peak, size);
        int[] renumber = new int[size];
        renumber[TRUE] = TRUE;
        int next = 2;
        for (int n = 2; n < size; n++) {
            if (!live.get(n)) continue;
            renumber[n] = next;
            value[next] = value[n];
            down[next] = renumber[down[n]];
            right[next] = renumber[right[n]];
            next++;
        }
        size = next;
        Arrays.fill(table, 0);
        for (int n = 2; n < size; n++) {
            int h = hash(value[n], down[n], right[n]) & tableMask;
            while (table[h] != 0) h = (h + 1) & tableMask;
            table[h] = n;
        }
        Arrays.fill(cacheOp, 0);
        for (int i = 0; i < roots.length; i++) roots[i] = renumber[roots[i]];
    }

    /** Forgets every cached result (saturation's results depend on relations that grow). */
    void clearCache() {
        Arrays.fill(cacheOp, 0);
    }

    /** The metadata of a registered meta at a level. */
    int meta(int meta, int level) {
        return metas[meta][level];
    }

    /** Registers a metadata array for {@link #project} or {@link #relProd}: the id names it in the cache. */
    public int register(int[] meta) {
        if (metaCount == metas.length) metas = Arrays.copyOf(metas, metaCount * 2);
        metas[metaCount] = meta.clone();
        return metaCount++;
    }

    /** {@code c} and {@code d}: a level and the meta it is read under (0, 0 for the set operations). */
    int cached(int op, int a, int b, int c, int d) {
        int i = hash(op * 31 + a, b, c * 0x10001 + d) & cacheMask;
        if (cacheOp[i] == op && cacheA[i] == a && cacheB[i] == b && cacheC[i] == c && cacheD[i] == d) return cacheResult[i];
        return -1;
    }

    int remember(int op, int a, int b, int c, int d, int result) {
        int i = hash(op * 31 + a, b, c * 0x10001 + d) & cacheMask;
        cacheOp[i] = op;
        cacheA[i] = a;
        cacheB[i] = b;
        cacheC[i] = c;
        cacheD[i] = d;
        cacheResult[i] = result;
        return result;
    }

    /** The set of one vector. */
    public int singleton(int[] vector) {
        int n = TRUE;
        for (int i = vector.length - 1; i >= 0; i--) n = node(vector[i], n, FALSE);
        return n;
    }

    public int union(int a, int b) {
        if (a == b || b == FALSE) return a;
        if (a == FALSE) return b;
        if (a > b) { // commutative: one cache entry for both orders
            int t = a;
            a = b;
            b = t;
        }
        int r = cached(OP_UNION, a, b, 0, 0);
        if (r >= 0) return r;
        int va = value[a];
        int vb = value[b];
        if (va < vb) {
            r = node(va, down[a], union(right[a], b));
        } else if (va > vb) {
            r = node(vb, down[b], union(a, right[b]));
        } else {
            r = node(va, union(down[a], down[b]), union(right[a], right[b]));
        }
        return remember(OP_UNION, a, b, 0, 0, r);
    }

    /** The vectors of {@code a} not in {@code b}. */
    public int minus(int a, int b) {
        if (a == b || a == FALSE) return FALSE;
        if (b == FALSE) return a;
        int r = cached(OP_MINUS, a, b, 0, 0);
        if (r >= 0) return r;
        int va = value[a];
        int vb = value[b];
        if (va < vb) {
            r = node(va, down[a], minus(right[a], b));
        } else if (va > vb) {
            r = minus(a, right[b]);
        } else {
            r = node(va, minus(down[a], down[b]), minus(right[a], right[b]));
        }
        return remember(OP_MINUS, a, b, 0, 0, r);
    }

    public int intersect(int a, int b) {
        if (a == b) return a;
        if (a == FALSE || b == FALSE) return FALSE;
        if (a > b) {
            int t = a;
            a = b;
            b = t;
        }
        int r = cached(OP_INTERSECT, a, b, 0, 0);
        if (r >= 0) return r;
        int va = value[a];
        int vb = value[b];
        if (va < vb) {
            r = intersect(right[a], b);
        } else if (va > vb) {
            r = intersect(a, right[b]);
        } else {
            r = node(va, intersect(down[a], down[b]), intersect(right[a], right[b]));
        }
        return remember(OP_INTERSECT, a, b, 0, 0, r);
    }

    /**
     * The vectors of {@code set} (from {@code level} on) kept to the levels whose meta is
     * {@link #KEEP}: those after an {@link #END} go, and a {@link #SKIP} level is quantified away;
     * at a level marked {@link #keepOnly}, only the vectors with that value there are kept.
     */
    public int project(int set, int meta, int level) {
        if (set == FALSE) return FALSE;
        int m = metas[meta][level];
        if (m == END) return TRUE;
        int r = cached(OP_PROJECT, set, 0, level, meta);
        if (r >= 0) return r;
        if (m == KEEP) {
            r = node(value[set], project(down[set], meta, level + 1), project(right[set], meta, level));
        } else if (m > KEEP) {
            int n = set;
            while (n != FALSE && value[n] < m - 2) n = right[n];
            r = n != FALSE && value[n] == m - 2 ? node(value[n], project(down[n], meta, level + 1), FALSE) : FALSE;
        } else {
            r = union(project(down[set], meta, level + 1), project(right[set], meta, level));
        }
        return remember(OP_PROJECT, set, 0, level, meta, r);
    }

    /**
     * The vectors of {@code set} whose levels marked {@link #KEEP} in {@code meta} form a vector of
     * {@code proj} (a set over those levels only): Sylvan's lddmc_match, a filter by a projection.
     */
    public int match(int set, int proj, int meta, int level) {
        if (set == FALSE || proj == FALSE) return FALSE;
        int m = metas[meta][level];
        if (m == END) return set;
        int r = cached(OP_MATCH, set, proj, level, meta);
        if (r >= 0) return r;
        if (m == KEEP) {
            int vs = value[set];
            int vp = value[proj];
            if (vs < vp) {
                r = match(right[set], proj, meta, level);
            } else if (vs > vp) {
                r = match(set, right[proj], meta, level);
            } else {
                r = node(vs, match(down[set], down[proj], meta, level + 1), match(right[set], right[proj], meta, level));
            }
        } else {
            r = node(value[set], match(down[set], proj, meta, level + 1), match(right[set], proj, meta, level));
        }
        return remember(OP_MATCH, set, proj, level, meta, r);
    }

    /**
     * The successors of {@code set} under {@code rel} (from {@code level} on), whose levels
     * {@code meta} describes ({@link #COPY}, {@link #READ}, {@link #WRITE}, {@link #READ_WRITE},
     * {@link #END} after the last level the relation touches).
     */
    public int relProd(int set, int rel, int meta, int level) {
        if (set == FALSE || rel == FALSE) return FALSE;
        int m = metas[meta][level];
        if (m == END) return set;
        int r = cached(OP_RELPROD, set, rel, level, meta);
        if (r >= 0) return r;
        switch (m) {
            case COPY -> r = node(value[set], relProd(down[set], rel, meta, level + 1), relProd(right[set], rel, meta, level));
            case READ -> {
                int vs = value[set];
                int vr = value[rel];
                if (vs < vr) {
                    r = relProd(right[set], rel, meta, level);
                } else if (vs > vr) {
                    r = relProd(set, right[rel], meta, level);
                } else {
                    r = node(vs, relProd(down[set], down[rel], meta, level + 1), relProd(right[set], right[rel], meta, level));
                }
            }
            case WRITE -> {
                // the value before does not matter: every rest of the set meets every write
                int rest = FALSE;
                for (int s = set; s != FALSE; s = right[s]) rest = union(rest, down[s]);
                r = writeChain(rest, rel, meta, level);
            }
            case READ_WRITE -> {
                int vs = value[set];
                int vr = value[rel];
                if (vs < vr) {
                    r = relProd(right[set], rel, meta, level);
                } else if (vs > vr) {
                    r = relProd(set, right[rel], meta, level);
                } else {
                    r = union(writeChain(down[set], down[rel], meta, level), relProd(right[set], right[rel], meta, level));
                }
            }
            default -> throw new IllegalStateException("meta " + m);
        }
        return remember(OP_RELPROD, set, rel, level, meta, r);
    }

    /** Each value after of the chain {@code post}, followed by the successors of {@code rest} under its rest of the relation. */
    private int writeChain(int rest, int post, int meta, int level) {
        if (post == FALSE || rest == FALSE) return FALSE;
        int r = cached(OP_WRITE_CHAIN, rest, post, level, meta);
        if (r >= 0) return r;
        // the chain of values after is sorted, so the results come out sorted too
        r = node(value[post], relProd(rest, down[post], meta, level + 1), writeChain(rest, right[post], meta, level));
        return remember(OP_WRITE_CHAIN, rest, post, level, meta, r);
    }

    /** How many vectors {@code set} holds (exact while below 2^63). */
    public long count(int set) {
        long[] memo = new long[size];
        Arrays.fill(memo, -1);
        return count(set, memo);
    }

    private long count(int n, long[] memo) {
        if (n == FALSE) return 0;
        if (n == TRUE) return 1;
        if (memo[n] >= 0) return memo[n];
        // a node's count does not depend on its level: every path below it has the same length
        long c = Math.addExact(count(down[n], memo), count(right[n], memo));
        memo[n] = c;
        return c;
    }

    /** The nodes reachable from {@code set}: its size as a diagram. */
    public int nodeCount(int set) {
        java.util.BitSet seen = new java.util.BitSet();
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        todo.add(set);
        int count = 0;
        while (!todo.isEmpty()) {
            int n = todo.poll();
            if (n <= TRUE || seen.get(n)) continue;
            seen.set(n);
            count++;
            todo.add(down[n]);
            todo.add(right[n]);
        }
        return count;
    }

    /** Calls {@code each} with every vector of {@code set} (of length {@code length}; the array is reused). */
    public void forEach(int set, int length, Consumer<int[]> each) {
        forEach(set, new int[length], 0, each);
    }

    private void forEach(int n, int[] vector, int level, Consumer<int[]> each) {
        for (; n != FALSE; n = right[n]) {
            if (n == TRUE) {
                each.accept(vector);
                return;
            }
            vector[level] = value[n];
            forEach(down[n], vector, level + 1, each);
        }
    }

    /** Runs {@code task} on a thread with a stack deep enough for diagrams of many levels and long chains. */
    public static <T> T onBigStack(java.util.function.Supplier<T> task) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = task.get();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "ldd", 1L << 30);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure[0] instanceof RuntimeException e) throw e;
        if (failure[0] instanceof Error e) throw e;
        if (failure[0] != null) throw new IllegalStateException(failure[0]);
        @SuppressWarnings("unchecked")
        T r = (T) result[0];
        return r;
    }
}
