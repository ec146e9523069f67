package io.vmlock.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every diagram operation against plain sets of int vectors, on random sets over small domains
 * (so that sets overlap and chains share nodes). A tiny cache makes collisions, and with them
 * recomputation, frequent.
 */
class LddTest {
    private static final int ROUNDS = 400;

    private static Set<List<Integer>> randomSet(SplittableRandom r, int length, int domain) {
        Set<List<Integer>> s = new HashSet<>();
        int n = r.nextInt(0, 40);
        for (int i = 0; i < n; i++) {
            List<Integer> v = new ArrayList<>();
            for (int l = 0; l < length; l++) v.add(r.nextInt(0, domain));
            s.add(v);
        }
        return s;
    }

    private static int build(Ldd ldd, Set<List<Integer>> set) {
        int n = Ldd.FALSE;
        for (List<Integer> v : set) n = ldd.union(n, ldd.singleton(v.stream().mapToInt(Integer::intValue).toArray()));
        return n;
    }

    private static Set<List<Integer>> read(Ldd ldd, int set, int length) {
        Set<List<Integer>> s = new HashSet<>();
        ldd.forEach(set, length, v -> s.add(java.util.Arrays.stream(v).boxed().toList()));
        assertEquals(s.size(), ldd.count(set), "count agrees with the vectors");
        return s;
    }

    @Test
    void setOperationsAgreeWithPlainSets() {
        SplittableRandom r = new SplittableRandom(1);
        for (int round = 0; round < ROUNDS; round++) {
            Ldd ldd = new Ldd(16, 1 << 4);
            int length = r.nextInt(1, 6);
            int domain = r.nextInt(1, 5);
            Set<List<Integer>> a = randomSet(r, length, domain);
            Set<List<Integer>> b = randomSet(r, length, domain);
            int la = build(ldd, a);
            int lb = build(ldd, b);
            assertEquals(a, read(ldd, la, length));
            Set<List<Integer>> union = new HashSet<>(a);
            union.addAll(b);
            assertEquals(union, read(ldd, ldd.union(la, lb), length));
            Set<List<Integer>> minus = new HashSet<>(a);
            minus.removeAll(b);
            assertEquals(minus, read(ldd, ldd.minus(la, lb), length));
            Set<List<Integer>> both = new HashSet<>(a);
            both.retainAll(b);
            assertEquals(both, read(ldd, ldd.intersect(la, lb), length));
            // hash-consing: equal sets are one node, however they were made
            assertEquals(build(ldd, union), ldd.union(lb, la));
        }
    }

    @Test
    void projectAndMatchAgreeWithPlainSets() {
        SplittableRandom r = new SplittableRandom(2);
        for (int round = 0; round < ROUNDS; round++) {
            Ldd ldd = new Ldd(16, 1 << 4);
            int length = r.nextInt(1, 6);
            int domain = r.nextInt(1, 4);
            Set<List<Integer>> a = randomSet(r, length, domain);
            int la = build(ldd, a);
            int[] meta = new int[length + 1];
            List<Integer> kept = new ArrayList<>();
            int only = -1;
            int onlyValue = r.nextInt(0, domain);
            for (int l = 0; l < length; l++) {
                int pick = r.nextInt(0, 4);
                meta[l] = pick == 0 ? Ldd.SKIP : Ldd.KEEP;
                if (pick == 3 && only < 0) {
                    meta[l] = Ldd.keepOnly(onlyValue);
                    only = l;
                }
                if (meta[l] != Ldd.SKIP) kept.add(l);
            }
            int end = kept.isEmpty() ? 0 : kept.get(kept.size() - 1) + 1;
            meta[end] = Ldd.END;
            int id = ldd.register(meta);
            Set<List<Integer>> expected = new HashSet<>();
            for (List<Integer> v : a) {
                if (only >= 0 && v.get(only) != onlyValue) continue;
                expected.add(kept.stream().map(v::get).toList());
            }
            int projected = ldd.project(la, id, 0);
            assertEquals(expected, read(ldd, projected, kept.size()), "meta " + java.util.Arrays.toString(meta));
            // match by the projection of another set: the vectors of a whose kept levels are one of its vectors
            if (only >= 0) continue; // match reads KEEP levels only
            Set<List<Integer>> b = randomSet(r, length, domain);
            int pb = ldd.project(build(ldd, b), id, 0);
            Set<List<Integer>> bProjected = read(ldd, pb, kept.size());
            Set<List<Integer>> matched = new HashSet<>();
            for (List<Integer> v : a) {
                if (bProjected.contains(kept.stream().map(v::get).toList())) matched.add(v);
            }
            assertEquals(matched, read(ldd, ldd.match(la, pb, id, 0), length));
        }
    }

    @Test
    void relationalProductAgreesWithPlainSets() {
        SplittableRandom r = new SplittableRandom(3);
        int[] kinds = {Ldd.COPY, Ldd.READ, Ldd.WRITE, Ldd.READ_WRITE};
        for (int round = 0; round < ROUNDS * 2; round++) {
            Ldd ldd = new Ldd(16, 1 << 4);
            int length = r.nextInt(1, 6);
            int domain = r.nextInt(1, 4);
            Set<List<Integer>> set = randomSet(r, length, domain);
            int[] meta = new int[length + 1];
            int relLength = 0;
            int last = -1;
            for (int l = 0; l < length; l++) {
                meta[l] = kinds[r.nextInt(kinds.length)];
                if (meta[l] != Ldd.COPY) last = l;
                relLength += meta[l] == Ldd.READ_WRITE ? 2 : meta[l] == Ldd.COPY ? 0 : 1;
            }
            if (last < 0) continue;
            meta[last + 1] = Ldd.END;
            for (int l = last + 2; l <= length; l++) meta[l] = Ldd.COPY; // never read: END comes first
            Set<List<Integer>> rel = randomSet(r, relLength, domain);
            int id = ldd.register(meta);
            Set<List<Integer>> expected = new HashSet<>();
            for (List<Integer> s : set) {
                for (List<Integer> t : rel) {
                    List<Integer> out = apply(s, t, meta, last);
                    if (out != null) expected.add(out);
                }
            }
            int next = ldd.relProd(build(ldd, set), build(ldd, rel), id, 0);
            assertEquals(expected, read(ldd, next, length), "meta " + java.util.Arrays.toString(meta));
        }
    }

    /** One tuple of a relation applied to one vector, level by level; null when a value before does not match. */
    private static List<Integer> apply(List<Integer> s, List<Integer> t, int[] meta, int last) {
        List<Integer> out = new ArrayList<>(s);
        int i = 0;
        for (int l = 0; l <= last; l++) {
            switch (meta[l]) {
                case Ldd.READ -> {
                    if (!s.get(l).equals(t.get(i++))) return null;
                }
                case Ldd.WRITE -> out.set(l, t.get(i++));
                case Ldd.READ_WRITE -> {
                    if (!s.get(l).equals(t.get(i))) return null;
                    out.set(l, t.get(i + 1));
                    i += 2;
                }
                default -> { }
            }
        }
        return out;
    }

    @Test
    void collectingKeepsTheRootsSetsAndFreesTheRest() {
        SplittableRandom r = new SplittableRandom(4);
        for (int round = 0; round < ROUNDS; round++) {
            Ldd ldd = new Ldd(16, 1 << 4);
            int length = r.nextInt(1, 6);
            int domain = r.nextInt(1, 5);
            List<Set<List<Integer>>> sets = new ArrayList<>();
            int[] roots = new int[4];
            for (int i = 0; i < roots.length; i++) {
                sets.add(randomSet(r, length, domain));
                roots[i] = build(ldd, sets.get(i));
            }
            build(ldd, randomSet(r, length, domain)); // made and dropped
            int before = ldd.nodes();
            int[] kept = {roots[0], roots[2]};
            ldd.collect(kept);
            assertEquals(sets.get(0), read(ldd, kept[0], length));
            assertEquals(sets.get(2), read(ldd, kept[1], length));
            assertEquals(2 + reachable(ldd, kept), ldd.nodes(), "exactly the nodes the roots reach are kept");
            assertEquals(kept[0], build(ldd, sets.get(0)), "hash-consing finds the renumbered nodes");
            assertEquals(before, ldd.peakNodes());
        }
    }

    /** The distinct non-terminal nodes the roots reach. */
    private static int reachable(Ldd ldd, int[] roots) {
        Set<Integer> seen = new HashSet<>();
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        for (int r : roots) todo.add(r);
        while (!todo.isEmpty()) {
            int n = todo.poll();
            if (n <= Ldd.TRUE || !seen.add(n)) continue;
            todo.add(ldd.down(n));
            todo.add(ldd.right(n));
        }
        return seen.size();
    }

    @Test
    void terminalsAndCounts() {
        Ldd ldd = new Ldd();
        assertEquals(0, ldd.count(Ldd.FALSE));
        assertEquals(1, ldd.count(Ldd.TRUE));
        int a = ldd.singleton(new int[] {1, 2});
        int b = ldd.singleton(new int[] {1, 3});
        int ab = ldd.union(a, b);
        assertEquals(2, ldd.count(ab));
        assertEquals(3, ldd.nodeCount(ab), "1 -> (2 | 3): one node above a chain of two");
        assertTrue(ldd.nodes() >= 5);
    }
}
