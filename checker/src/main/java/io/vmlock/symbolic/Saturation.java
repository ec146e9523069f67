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
 * <p>Every node is saturated at most once per pass: the results are memoised in tables that never
 * lose an entry (the node store's operation cache is lossy, and losing the saturation of a big
 * node redid all of it below: the stall this class had, 7 of 14.5 million saturations on the
 * 7-thread kitchen sink redoing a node done already). An image's result only gets its own level's
 * groups fired: its children are saturated already, and walking them again was the rest.
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
    private final Memo images = new Memo();
    /** Work done, for the log: nodes saturated, and images computed. */
    long saturations;
    long imageCount;

    /** Thrown when the deadline passes in the middle of a pass. */
    static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super(null, null, false, false);
        }
    }

    Saturation(Ldd ldd, List<Group> groups, int[] fieldAt, int[] scratch, List<Expr> invariants, long deadline) {
        this.ldd = ldd;
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
        if (System.nanoTime() > deadline) throw new OutOfTime();
        saturations++;
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
        r = Ldd.FALSE;
        switch (m) {
            case Ldd.COPY -> {
                for (int n = s; n != Ldd.FALSE; n = ldd.right(n)) {
                    r = ldd.union(r, ldd.node(ldd.value(n), image(ldd.down(n), rel, meta, level + 1), Ldd.FALSE));
                }
            }
            case Ldd.READ, Ldd.READ_WRITE -> {
                for (int n = s, q = rel; n != Ldd.FALSE && q != Ldd.FALSE; ) {
                    if (ldd.value(n) < ldd.value(q)) {
                        n = ldd.right(n);
                    } else if (ldd.value(n) > ldd.value(q)) {
                        q = ldd.right(q);
                    } else if (m == Ldd.READ) {
                        r = ldd.union(r, ldd.node(ldd.value(n), image(ldd.down(n), ldd.down(q), meta, level + 1), Ldd.FALSE));
                        n = ldd.right(n);
                        q = ldd.right(q);
                    } else { // the value before matched: each value after of its chain
                        for (int p = ldd.down(q); p != Ldd.FALSE; p = ldd.right(p)) {
                            r = ldd.union(r, ldd.node(ldd.value(p), image(ldd.down(n), ldd.down(p), meta, level + 1), Ldd.FALSE));
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
                    r = ldd.union(r, ldd.node(ldd.value(p), image(rest, ldd.down(p), meta, level + 1), Ldd.FALSE));
                }
            }
            default -> throw new IllegalStateException("meta " + m);
        }
        // below the group's first level an image is saturated as it is made (its caller is
        // there); its children, images one level down or copies, are saturated already
        if (level > firstLevel[meta] && r != Ldd.FALSE) r = fire(r, r, level);
        images.put(s, rel, meta, r);
        return r;
    }

    /** A hash table from three ints to an int that never drops an entry (open addressing, grows at half full). */
    private static final class Memo {
        private int[] keys = new int[3 << 16];
        private int[] values = new int[1 << 16];
        private int size;

        void clear() {
            Arrays.fill(values, -1);
            size = 0;
        }

        Memo() {
            clear();
        }

        private static int slot(int a, int b, int c, int mask) {
            long h = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + c * 0x165667B19E3779F9L;
            h ^= h >>> 31;
            h *= 0xBF58476D1CE4E5B9L;
            return (int) (h ^ h >>> 32) & mask;
        }

        int get(int a, int b, int c) {
            int mask = values.length - 1;
            for (int i = slot(a, b, c, mask); values[i] >= 0; i = (i + 1) & mask) {
                if (keys[3 * i] == a && keys[3 * i + 1] == b && keys[3 * i + 2] == c) return values[i];
            }
            return -1;
        }

        void put(int a, int b, int c, int v) {
            if (2 * (size + 1) > values.length) grow();
            int mask = values.length - 1;
            int i = slot(a, b, c, mask);
            while (values[i] >= 0) {
                if (keys[3 * i] == a && keys[3 * i + 1] == b && keys[3 * i + 2] == c) {
                    values[i] = v;
                    return;
                }
                i = (i + 1) & mask;
            }
            keys[3 * i] = a;
            keys[3 * i + 1] = b;
            keys[3 * i + 2] = c;
            values[i] = v;
            size++;
        }

        private void grow() {
            int[] oldKeys = keys;
            int[] oldValues = values;
            keys = new int[oldKeys.length * 2];
            values = new int[oldValues.length * 2];
            Arrays.fill(values, -1);
            size = 0;
            for (int i = 0; i < oldValues.length; i++) {
                if (oldValues[i] >= 0) put(oldKeys[3 * i], oldKeys[3 * i + 1], oldKeys[3 * i + 2], oldValues[i]);
            }
        }
    }
}
