package io.vmlock.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * After a complete search: the bottom strongly connected components of the state graph (those
 * no transition leaves) in which some non-daemon thread never finishes. Each is a way to run
 * forever without progress; its shallowest state stands for it. Tarjan's algorithm, iterative so
 * millions of states need no deep Java stack.
 */
final class Livelock {
    private final Transitions graph;
    private final int n;
    private final int[] index;
    private final int[] low;
    private final int[] component;
    private final boolean[] onStack;
    private final IntList stack = new IntList();
    private int nextIndex = 1;
    /** {@link #shortestLoop}'s breadth-first parents, -1 where unset. */
    private int[] parent;
    private int components;

    Livelock(Transitions graph, int states) {
        this.graph = graph;
        this.n = states;
        this.index = new int[states];
        this.low = new int[states];
        this.component = new int[states];
        this.onStack = new boolean[states];
    }

    /**
     * A state for each bottom component that is more than a dead end: its shallowest
     * {@code preferred} state if it has one (a state where threads only take interrupts, which
     * shows how they are stuck), else its shallowest.
     */
    List<Integer> bottomRepresentatives(java.util.BitSet preferred) {
        for (int v = 0; v < n; v++) {
            if (index[v] == 0) strongConnect(v);
        }
        boolean[] leaves = new boolean[components];
        int[] size = new int[components];
        int[] first = new int[components];
        java.util.Arrays.fill(first, -1);
        for (int v = 0; v < n; v++) {
            int c = component[v];
            size[c]++;
            if (first[c] < 0) first[c] = v;
            for (int i = 0; i < graph.count(v); i++) {
                if (component[graph.target(v, i)] != c) leaves[c] = true;
            }
        }
        int[] quiet = new int[components];
        java.util.Arrays.fill(quiet, -1);
        for (int v = preferred.nextSetBit(0); v >= 0 && v < n; v = preferred.nextSetBit(v + 1)) {
            if (quiet[component[v]] < 0) quiet[component[v]] = v;
        }
        List<Integer> result = new ArrayList<>();
        for (int c = 0; c < components; c++) {
            boolean deadEnd = size[c] == 1 && graph.count(first[c]) == 0;
            if (!leaves[c] && !deadEnd) result.add(quiet[c] >= 0 ? quiet[c] : first[c]);
        }
        result.sort(null);
        return result;
    }

    /**
     * The shortest way round from a state of a bottom component back to it, inside the component:
     * the states after each step, ending with {@code from}. It is what repeats forever (a
     * flusher that redirties the page it could not write, say). Breadth-first over the stored
     * transitions; call after {@link #bottomRepresentatives}.
     */
    List<Integer> shortestLoop(int from) {
        // one array for every loop asked for: a bottom component can hold most of the states
        if (parent == null) {
            parent = new int[n];
            java.util.Arrays.fill(parent, -1);
        }
        int c = component[from];
        IntList queue = new IntList();
        queue.add(from);
        try {
            for (int head = 0; head < queue.size(); head++) {
                int v = queue.get(head);
                for (int i = 0; i < graph.count(v); i++) {
                    int w = graph.target(v, i);
                    if (component[w] != c) continue;
                    if (w == from) return pathBack(v, from);
                    if (parent[w] < 0) {
                        parent[w] = v;
                        queue.add(w);
                    }
                }
            }
            return List.of(); // a component of one state with no self-loop has no way round
        } finally {
            for (int k = 0; k < queue.size(); k++) parent[queue.get(k)] = -1;
        }
    }

    private List<Integer> pathBack(int last, int from) {
        List<Integer> loop = new ArrayList<>();
        loop.add(from);
        for (int v = last; v != from; v = parent[v]) loop.add(v);
        java.util.Collections.reverse(loop);
        return loop;
    }

    /** Iterative Tarjan: the explicit stack holds (vertex, next successor to look at). */
    private void strongConnect(int root) {
        IntList work = new IntList();
        push(root, work);
        while (work.size() > 0) {
            int edge = work.removeLast();
            int v = work.removeLast();
            if (edge < graph.count(v)) {
                work.add(v);
                work.add(edge + 1);
                int w = graph.target(v, edge);
                if (index[w] == 0) {
                    push(w, work);
                } else if (onStack[w]) {
                    low[v] = Math.min(low[v], index[w]);
                }
                continue;
            }
            if (low[v] == index[v]) pop(v);
            if (work.size() > 0) {
                int parent = work.get(work.size() - 2);
                low[parent] = Math.min(low[parent], low[v]);
            }
        }
    }

    private void push(int v, IntList work) {
        index[v] = nextIndex;
        low[v] = nextIndex++;
        stack.add(v);
        onStack[v] = true;
        work.add(v);
        work.add(0);
    }

    private void pop(int v) {
        int w;
        do {
            w = stack.removeLast();
            onStack[w] = false;
            component[w] = components;
        } while (w != v);
        components++;
    }
}
