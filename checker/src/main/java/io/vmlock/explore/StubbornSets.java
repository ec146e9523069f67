package io.vmlock.explore;

import java.util.Arrays;

/**
 * One worker's stubborn-set computation: every thread with a move is tried as the seed; the
 * set closes under conflicts and enablers, and the one with the fewest enabled moves wins (the
 * first in thread order on a tie), unless it holds a visible move or one the caller rules out.
 */
final class StubbornSets {
    private final CompiledModel model;
    private final PartialOrder por;
    private final int[] queue;
    private final int[] best;
    private final int[] enablers;
    private final int[] mark;
    private final boolean[] chosen;
    private int stamp;

    StubbornSets(CompiledModel model, PartialOrder por) {
        this.model = model;
        this.por = por;
        this.queue = new int[model.threads];
        this.best = new int[model.threads];
        this.enablers = new int[model.threads];
        this.mark = new int[model.threads];
        this.chosen = new boolean[model.threads];
    }

    /**
     * Which threads' moves to take (null for all). {@code falsified[t][i]} is the first false
     * conjunct of action {@code i} of thread {@code t}'s position (-1: enabled), {@code count[t]}
     * how many are enabled; {@code back[t][i]}, when given, marks moves no set may hold (the
     * cycle proviso's moves that lead back, {@link Expander}).
     */
    boolean[] choose(int[] v, int[][] falsified, int[] count, boolean[][] back) {
        int total = 0;
        int movers = 0;
        for (int t = 0; t < model.threads; t++) {
            total += count[t];
            if (count[t] > 0) movers++;
        }
        if (movers <= 1) return null;
        int bestCost = total;
        int bestSize = 0;
        for (int seed = 0; seed < model.threads && bestCost > 1; seed++) {
            if (count[seed] == 0) continue;
            int size = close(seed, v, falsified, count, bestCost, back);
            if (size < 0) continue;
            int cost = 0;
            for (int i = 0; i < size; i++) cost += count[queue[i]];
            if (cost < bestCost) {
                bestCost = cost;
                bestSize = size;
                System.arraycopy(queue, 0, best, 0, size);
            }
        }
        if (bestSize == 0) return null;
        Arrays.fill(chosen, false);
        for (int i = 0; i < bestSize; i++) chosen[best[i]] = true;
        return chosen;
    }

    /** The closure from one seed, left in the queue; its size, or -1 when it holds a visible or ruled-out move or cannot beat {@code bound}. */
    private int close(int seed, int[] v, int[][] falsified, int[] count, int bound, boolean[][] back) {
        stamp++;
        int head = 0;
        int tail = 0;
        queue[tail++] = seed;
        mark[seed] = stamp;
        int cost = count[seed];
        while (head < tail) {
            int t = queue[head++];
            Action[] actions = model.actions[t][v[model.positionField[t]]];
            for (int i = 0; i < actions.length; i++) {
                Action a = actions[i];
                if (falsified[t][i] < 0) {
                    if (por.visible(a) || back != null && back[t][i]) return -1;
                    for (int w = 0; w < model.threads; w++) {
                        if (mark[w] == stamp || !por.dependsOnFuture(a, w, v[model.positionField[w]])) continue;
                        int holder = por.standIn(a, w, v); // w's conflict waits behind a lock holder holds
                        int u = holder >= 0 ? holder : w;
                        if (mark[u] == stamp) continue;
                        mark[u] = stamp;
                        queue[tail++] = u;
                        cost += count[u];
                        if (cost >= bound) return -1;
                    }
                } else {
                    int n = por.enablers(a, falsified[t][i], v, enablers);
                    for (int j = 0; j < n; j++) {
                        int u = enablers[j];
                        if (mark[u] == stamp) continue;
                        mark[u] = stamp;
                        queue[tail++] = u;
                        cost += count[u];
                        if (cost >= bound) return -1;
                    }
                }
            }
        }
        return tail;
    }
}
