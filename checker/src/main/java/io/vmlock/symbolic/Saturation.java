package io.vmlock.symbolic;

import io.vmlock.explore.system.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Saturation (Ciardo, Marmorstein, Siminiceanu 2001), with relations learned on the way: a node at
 * level k is saturated when its children are and applying the groups whose first level is k, to a
 * fixpoint, adds nothing; images below the group's first level are saturated as they are made. A
 * union of sets closed under the relations is closed, so unions keep saturation.
 *
 * <p>Learning grows relations while a pass runs, and a result cached before may not be closed
 * under a relation learned after: {@link #pass} runs one pass with a fresh cache, and the caller
 * repeats until a pass neither changes the set nor learns anything (then every computation of it
 * used the final relations, and the set is closed under them).
 */
final class Saturation {
    private static final int OP_SATURATE = Ldd.OP_USER;
    private static final int OP_IMAGE = Ldd.OP_USER + 1;

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
        java.util.Arrays.fill(firstLevel, -1);
        for (Group g : groups) firstLevel[g.relationMeta] = g.top();
    }

    /** One pass over {@code set}: its saturation under the relations as they are learned. */
    int pass(int set) {
        ldd.clearCache();
        return saturate(set, 0);
    }

    private int saturate(int s, int level) {
        if (s == Ldd.FALSE || level == levels) return s;
        int r = ldd.cached(OP_SATURATE, s, 0, level, 0);
        if (r >= 0) return r;
        if (System.nanoTime() > deadline) throw new OutOfTime();
        int t = saturateChildren(s, level);
        List<Group> here = byTop.get(level);
        // each group meets only the states it has not met yet: images distribute over unions, and
        // those of the states it met are in t already (learning and images cost by the set's size)
        int[] met = new int[here.size()];
        boolean changed = !here.isEmpty();
        while (changed) {
            changed = false;
            for (int i = 0; i < here.size(); i++) {
                Group g = here.get(i);
                int fresh = ldd.minus(t, met[i]);
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
        ldd.remember(OP_SATURATE, s, 0, level, 0, t);
        ldd.remember(OP_SATURATE, t, 0, level, 0, t);
        return t;
    }

    /** The chain {@code s} with every child saturated. */
    private int saturateChildren(int s, int level) {
        if (s == Ldd.FALSE) return s;
        return ldd.node(ldd.value(s), saturate(ldd.down(s), level + 1), saturateChildren(ldd.right(s), level));
    }

    /**
     * The successors of the saturated {@code s} (from {@code level}) under the relation {@code rel}
     * (from the same level), saturated below the group's first level: the caller, at that level,
     * unions and repeats.
     */
    private int image(int s, int rel, int meta, int level) {
        if (s == Ldd.FALSE || rel == Ldd.FALSE) return Ldd.FALSE;
        int m = ldd.meta(meta, level);
        if (m == Ldd.END) return s; // the rest is copied, and saturated already
        int r = ldd.cached(OP_IMAGE, s, rel, level, meta);
        if (r >= 0) return r;
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
        // below the group's first level an image is saturated as it is made (its caller is there)
        if (level > firstLevel[meta]) r = saturate(r, level);
        return ldd.remember(OP_IMAGE, s, rel, level, meta, r);
    }
}
