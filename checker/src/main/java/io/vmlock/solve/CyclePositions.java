package io.vmlock.solve;

import io.vmlock.graph.Access;
import io.vmlock.graph.Dependency;
import io.vmlock.graph.Held;
import io.vmlock.graph.Instance;
import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockCycle;
import io.vmlock.graph.LockEdge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cycle laid out for the constraint model: {@code laps} times round it, one position per
 * edge, each with its candidate witnesses. Positions joined through a context pseudo-lock
 * (reclaim, fault, interrupt) form one segment: the thread that entered the context is the
 * thread that takes the locks inside it.
 */
final class CyclePositions {
    final LockCycle cycle;
    final int laps;
    final List<List<Dependency>> witnesses = new ArrayList<>();
    final int[] segmentOf;
    final int segments;
    final List<String> actors;

    CyclePositions(LockCycle cycle, int laps) {
        this.cycle = cycle;
        this.laps = laps;
        int n = cycle.length() * laps;
        for (int j = 0; j < n; j++) witnesses.add(distinct(edge(j).blocking()));
        this.segmentOf = new int[n];
        this.segments = assignSegments();
        Set<String> all = new TreeSet<>();
        witnesses.forEach(ws -> ws.forEach(w -> all.addAll(w.actors())));
        this.actors = List.copyOf(all);
    }

    int size() {
        return segmentOf.length;
    }

    LockEdge edge(int j) {
        return cycle.edges().get(j % cycle.length());
    }

    /** The class edge j waits for, which edge j+1 holds. */
    LockClass joint(int j) {
        return edge(j).target();
    }

    int next(int j) {
        return (j + 1) % size();
    }

    /** Segments start after a real lock; a cycle of pseudo-locks only has none. */
    private int assignSegments() {
        int n = size();
        int start = -1;
        for (int j = 0; j < n && start < 0; j++) {
            if (!joint(j).isPseudo()) start = next(j);
        }
        if (start < 0) return 0;
        int segment = -1;
        for (int i = 0; i < n; i++) {
            int j = (start + i) % n;
            int previous = (j + n - 1) % n;
            if (i == 0 || !joint(previous).isPseudo()) segment++;
            segmentOf[j] = segment;
        }
        return segment + 1;
    }

    /**
     * Witnesses that differ only in where they are written are one choice for the solver; the
     * first in source order stands for them all.
     */
    private static List<Dependency> distinct(List<Dependency> all) {
        Map<List<Object>, Dependency> bySignature = new LinkedHashMap<>();
        for (Dependency d : all) bySignature.putIfAbsent(signature(d), d);
        return List.copyOf(bySignature.values());
    }

    private static List<Object> signature(Dependency d) {
        List<Object> heldSet = new ArrayList<>();
        for (Held h : d.heldSet()) heldSet.add(List.of(h.lock(), h.instance(), h.access()));
        return List.of(d.held().instance(), d.held().access(), d.acquired().instance(), d.acquired().access(),
                heldSet, d.actors());
    }

    /** Two held locks exclude each other: same known instance, not both shared, not a context nor a lockdep map. */
    static boolean excludes(Held a, Held b) {
        return a.lock().equals(b.lock()) && a.lock().kind().excludesHolders()
                && a.instance() instanceof Instance.Known
                && a.instance().equals(b.instance())
                && !(a.access() == Access.SHARED && b.access() == Access.SHARED);
    }

    /** The locks both witnesses hold exclusively of each other: gate locks. */
    static List<Held> gates(Dependency a, Dependency b) {
        List<Held> common = new ArrayList<>();
        for (Held x : a.heldSet()) {
            if (b.heldSet().stream().anyMatch(y -> excludes(x, y))) common.add(x);
        }
        return common;
    }
}
