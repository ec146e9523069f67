package io.vmlock.symbolic;

import io.vmlock.explore.system.Expr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Saturation (Ciardo, Marmorstein, Siminiceanu 2001), with relations learned on the way. A node at
 * level k is saturated when its children are and firing the groups whose first level is k, to a
 * fixpoint, adds nothing; the images of a group below its first level are saturated as they are
 * made (relational product with saturation). A union of sets closed under the relations is
 * closed, so the unions of saturated nodes a fixpoint makes keep its children saturated.
 *
 * <p>Every node is saturated at most once per pass: the results are memoised in a table that never
 * loses an entry (the node store's operation cache is lossy, and losing the saturation of a big
 * node redid all of it below: the stall this class had, 7 of 14.5 million saturations on the
 * 7-thread kitchen sink redoing a node done already). Images go to a big lossy cache of their own
 * (an image made again finds its saturated parts in the table). An image's result only gets its
 * own level's groups fired: its children are saturated already, and walking them again was the rest.
 *
 * <p>Learning in the middle of a pass keeps the memos right: a group learns every projection of a
 * node's vectors before firing on it, and a projection once learned keeps its tuples, so a node
 * closed under the relations as they were is closed under them as they grow. The caller still
 * repeats passes until one neither changes the set nor learns a tuple.
 */
final class Saturation {
    private final Ldd ldd;
    private final int levels;
    /** [level] -> the groups whose first level it is. */
    private final List<List<Group>> byTop = new ArrayList<>();
    private final int[] fieldAt;
    private final int[] scratch;
    private final List<Expr> invariants;
    private final long deadline;
    /** [relation meta] -> the first level it touches, -1 for other metas. */
    private final int[] firstLevel;
    /** [node] -> its saturation, 0 when not known yet (node ids are dense; FALSE is never asked). */
    private int[] saturated = new int[1 << 16];
    /** (node, relation, meta) -> image. */
    private final ImageCache images = new ImageCache(Integer.getInteger("vmlock.imageCache", 1 << 24));
    /** Work done, for the log: nodes saturated, and images computed. */
    long saturations;
    long imageCount;

    /** Hears a line of progress every {@link #LOG_EVERY} in a pass, or null. */
    private final java.util.function.Consumer<String> log;
    private static final long LOG_EVERY = 10_000_000_000L;
    private long nextLog;

    /** Thrown when the deadline passes in the middle of a pass. */
    static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super(null, null, false, false);
        }
    }

    Saturation(Ldd ldd, List<Group> groups, int[] fieldAt, int[] scratch, List<Expr> invariants, long deadline,
               java.util.function.Consumer<String> log) {
        this.ldd = ldd;
        this.log = log;
        this.nextLog = System.nanoTime() + LOG_EVERY;
        this.levels = fieldAt.length;
        this.fieldAt = fieldAt;
        this.scratch = scratch;
        this.invariants = invariants;
        this.deadline = deadline;
        for (int l = 0; l < levels; l++) byTop.add(new ArrayList<>());
        for (Group g : groups) byTop.get(g.top()).add(g);
        int metas = groups.stream().mapToInt(g -> g.relationMeta).max().orElse(0) + 1;
        this.firstLevel = new int[metas];
        Arrays.fill(firstLevel, -1);
        for (Group g : groups) firstLevel[g.relationMeta] = g.top();
    }

    /** One pass over {@code set}: its saturation under the relations as they are learned. */
    int pass(int set) {
        // node ids are renumbered between passes (collection): the memos name old ones
        Arrays.fill(saturated, 0);
        images.clear();
        return saturate(set, 0);
    }

    private int saturate(int s, int level) {
        if (s == Ldd.FALSE || level == levels) return s;
        int r = known(s);
        if (r != 0) return r;
        return fire(saturateChildren(s, level), s, level);
    }

    private int known(int s) {
        return s < saturated.length ? saturated[s] : 0;
    }

    private void memo(int s, int t) {
        if (s >= saturated.length) saturated = Arrays.copyOf(saturated, Math.max(s + 1, saturated.length * 2));
        saturated[s] = t;
    }

    /** The chain {@code s} with every child saturated. */
    private int saturateChildren(int s, int level) {
        if (s == Ldd.FALSE) return s;
        return ldd.node(ldd.value(s), saturate(ldd.down(s), level + 1), saturateChildren(ldd.right(s), level));
    }

    /**
     * The chain {@code t}, whose children are saturated, closed under the groups whose first level
     * is {@code level}: its saturation, remembered for {@code t} and for {@code also}.
     */
    private int fire(int t, int also, int level) {
        int r = known(t);
        if (r != 0) {
            memo(also, r);
            return r;
        }
        long now = System.nanoTime();
        if (now > deadline) throw new OutOfTime();
        saturations++;
        if (log != null && now > nextLog) {
            nextLog = now + LOG_EVERY;
            log.accept(String.format(java.util.Locale.ROOT, "  in the pass: %,d saturations, %,d images, %,d nodes",
                    saturations, imageCount, ldd.nodes()));
        }
        int start = t;
        List<Group> here = byTop.get(level);
        // each group meets only the entries of the chain whose child it has not met (Ciardo's
        // pending set): images distribute over unions, and an entry it met has its images in t
        int[] met = new int[here.size()];
        boolean changed = !here.isEmpty();
        while (changed) {
            changed = false;
            for (int i = 0; i < here.size(); i++) {
                Group g = here.get(i);
                int fresh = unmet(t, met[i]);
                if (fresh == Ldd.FALSE) continue;
                met[i] = t;
                g.learn(ldd, fresh, level, fieldAt, scratch, invariants);
                int u = ldd.union(t, image(fresh, g.relation, g.relationMeta, level));
                if (u != t) {
                    t = u;
                    changed = true;
                }
            }
        }
        memo(start, t);
        memo(also, t);
        memo(t, t);
        return t;
    }

    /**
     * The entries of the chain {@code t} whose child differs from that of the same value in the
     * chain {@code met} (or which it lacks): whole saturated children, so their images are shared.
     */
    private int unmet(int t, int met) {
        if (t == Ldd.FALSE || t == met) return Ldd.FALSE;
        while (met != Ldd.FALSE && ldd.value(met) < ldd.value(t)) met = ldd.right(met);
        int rest = unmet(ldd.right(t), met);
        if (met != Ldd.FALSE && ldd.value(met) == ldd.value(t) && ldd.down(met) == ldd.down(t)) return rest;
        return ldd.node(ldd.value(t), ldd.down(t), rest);
    }

    /**
     * The successors of {@code s} (from {@code level}; its children saturated) under the relation
     * {@code rel} (from the same level), saturated below the group's first level: the caller, at
     * that level, unions and repeats.
     */
    private int image(int s, int rel, int meta, int level) {
        if (s == Ldd.FALSE || rel == Ldd.FALSE) return Ldd.FALSE;
        int m = ldd.meta(meta, level);
        if (m == Ldd.END) return s; // the rest is copied, and saturated already
        int r = images.get(s, rel, meta);
        if (r >= 0) return r;
        imageCount++;
        // the entries (value, child) of the image, made into a chain at the end: a union per entry
        // walked the chain made so far each time (quadratic in a thread's positions)
        Entries out = new Entries();
        switch (m) {
            case Ldd.COPY -> {
                for (int n = s; n != Ldd.FALSE; n = ldd.right(n)) {
                    out.add(ldd.value(n), image(ldd.down(n), rel, meta, level + 1));
                }
            }
            case Ldd.READ, Ldd.READ_WRITE -> {
                for (int n = s, q = rel; n != Ldd.FALSE && q != Ldd.FALSE; ) {
                    if (ldd.value(n) < ldd.value(q)) {
                        n = ldd.right(n);
                    } else if (ldd.value(n) > ldd.value(q)) {
                        q = ldd.right(q);
                    } else if (m == Ldd.READ) {
                        out.add(ldd.value(n), image(ldd.down(n), ldd.down(q), meta, level + 1));
                        n = ldd.right(n);
                        q = ldd.right(q);
                    } else { // the value before matched: each value after of its chain
                        for (int p = ldd.down(q); p != Ldd.FALSE; p = ldd.right(p)) {
                            out.add(ldd.value(p), image(ldd.down(n), ldd.down(p), meta, level + 1));
                        }
                        n = ldd.right(n);
                        q = ldd.right(q);
                    }
                }
            }
            case Ldd.WRITE -> {
                int rest = Ldd.FALSE;
                for (int n = s; n != Ldd.FALSE; n = ldd.right(n)) rest = ldd.union(rest, ldd.down(n));
                for (int p = rel; p != Ldd.FALSE; p = ldd.right(p)) {
                    out.add(ldd.value(p), image(rest, ldd.down(p), meta, level + 1));
                }
            }
            default -> throw new IllegalStateException("meta " + m);
        }
        r = out.chain(ldd);
        // below the group's first level an image is saturated as it is made (its caller is
        // there); its children, images one level down or copies, are saturated already
        if (level > firstLevel[meta] && r != Ldd.FALSE) r = fire(r, r, level);
        images.put(s, rel, meta, r);
        return r;
    }

    /** Entries (value, child) of a chain being made, in any order, a value maybe more than once. */
    private static final class Entries {
        private int[] values = new int[8];
        private int[] downs = new int[8];
        private int size;
        private boolean sorted = true;

        void add(int value, int down) {
            if (down == Ldd.FALSE) return;
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                downs = Arrays.copyOf(downs, size * 2);
            }
            if (size > 0 && values[size - 1] >= value) sorted = false;
            values[size] = value;
            downs[size] = down;
            size++;
        }

        /** The chain: entries of one value united, from the largest value down. */
        int chain(Ldd ldd) {
            if (!sorted) sort();
            int r = Ldd.FALSE;
            for (int i = size - 1; i >= 0; ) {
                int v = values[i];
                int d = downs[i];
                for (i--; i >= 0 && values[i] == v; i--) d = ldd.union(d, downs[i]);
                r = ldd.node(v, d, r);
            }
            return r;
        }

        /** Insertion sort by value: chains are short (a field's range). */
        private void sort() {
            for (int i = 1; i < size; i++) {
                int v = values[i];
                int d = downs[i];
                int j = i - 1;
                for (; j >= 0 && values[j] > v; j--) {
                    values[j + 1] = values[j];
                    downs[j + 1] = downs[j];
                }
                values[j + 1] = v;
                downs[j + 1] = d;
            }
        }
    }

    /**
     * A cache from three ints to an int that may drop an entry (a colliding one overwrites): a
     * table that kept every image of a pass outgrew 12 GB on the 7-thread kitchen sink (tens of
     * millions of images through the levels a relation only copies), and an image lost is only
     * made again, its saturated results found in {@link #saturated}.
     */
    private static final class ImageCache {
        private final int mask;
        private final int[] keys;
        private final int[] values;

        ImageCache(int entries) {
            if (Integer.bitCount(entries) != 1) throw new IllegalArgumentException("cache size must be a power of two");
            mask = entries - 1;
            keys = new int[3 * entries];
            values = new int[entries];
            clear();
        }

        void clear() {
            Arrays.fill(values, -1);
        }

        private int slot(int a, int b, int c) {
            long h = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + c * 0x165667B19E3779F9L;
            h ^= h >>> 31;
            h *= 0xBF58476D1CE4E5B9L;
            return (int) (h ^ h >>> 32) & mask;
        }

        int get(int a, int b, int c) {
            int i = slot(a, b, c);
            if (values[i] >= 0 && keys[3 * i] == a && keys[3 * i + 1] == b && keys[3 * i + 2] == c) return values[i];
            return -1;
        }

        void put(int a, int b, int c, int v) {
            int i = slot(a, b, c);
            keys[3 * i] = a;
            keys[3 * i + 1] = b;
            keys[3 * i + 2] = c;
            values[i] = v;
        }
    }
}
