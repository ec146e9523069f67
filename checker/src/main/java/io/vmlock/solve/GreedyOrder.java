package io.vmlock.solve;

import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockEdge;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Eades, Lin and Smyth's greedy ordering for the feedback arc set problem, weighted: sinks go
 * last, sources first, otherwise the class with the most outgoing over incoming weight. The
 * edges it leaves pointing backwards are a good fix set, found at once; the solver starts from
 * it and improves on it.
 */
final class GreedyOrder {
    private GreedyOrder() {
    }

    private static final int MAX_PASSES = 50;

    /** The greedy order, then improved by moving one class at a time to its cheapest place. */
    static List<LockClass> order(List<LockClass> classes, List<LockEdge> edges) {
        List<LockClass> order = new ArrayList<>(greedy(classes, edges));
        for (int pass = 0; pass < MAX_PASSES && improve(order, edges); pass++) {
            // each pass strictly lowers the weight of the backward edges
        }
        return order;
    }

    /** One pass of moves; true if some move lowered the backward weight. */
    private static boolean improve(List<LockClass> order, List<LockEdge> edges) {
        boolean improved = false;
        for (LockClass c : new ArrayList<>(order)) {
            int from = order.indexOf(c);
            order.remove(from);
            long[] cost = insertionCosts(c, order, edges);
            int best = from;
            for (int at = 0; at < cost.length; at++) {
                if (cost[at] < cost[best]) best = at;
            }
            improved |= best != from;
            order.add(best, c);
        }
        return improved;
    }

    /**
     * For each place {@code c} could be inserted among {@code others}, the weight of its edges that
     * would point backwards: out-edges to classes before it, in-edges from classes after it.
     */
    private static long[] insertionCosts(LockClass c, List<LockClass> others, List<LockEdge> edges) {
        Map<LockClass, Integer> position = new HashMap<>();
        for (int i = 0; i < others.size(); i++) position.put(others.get(i), i);
        long[] outBefore = new long[others.size() + 1];
        long[] inFrom = new long[others.size() + 1];
        for (LockEdge e : edges) {
            if (e.source().equals(c) && position.containsKey(e.target())) outBefore[position.get(e.target()) + 1] += e.paths();
            if (e.target().equals(c) && position.containsKey(e.source())) inFrom[position.get(e.source())] += e.paths();
        }
        long[] cost = new long[others.size() + 1];
        long out = 0;
        long in = Arrays.stream(inFrom).sum();
        for (int at = 0; at <= others.size(); at++) {
            out += outBefore[at];
            cost[at] = out + in;
            in -= inFrom[at];
        }
        return cost;
    }

    private static List<LockClass> greedy(List<LockClass> classes, List<LockEdge> edges) {
        Set<LockClass> left = new LinkedHashSet<>(classes);
        List<LockClass> front = new ArrayList<>();
        Deque<LockClass> back = new ArrayDeque<>();
        while (!left.isEmpty()) {
            Map<LockClass, Long> in = new HashMap<>();
            Map<LockClass, Long> out = new HashMap<>();
            for (LockEdge e : edges) {
                if (!left.contains(e.source()) || !left.contains(e.target())) continue;
                out.merge(e.source(), (long) e.paths(), Long::sum);
                in.merge(e.target(), (long) e.paths(), Long::sum);
            }
            LockClass pick = null;
            long best = Long.MIN_VALUE;
            for (LockClass c : left) {
                long o = out.getOrDefault(c, 0L);
                long i = in.getOrDefault(c, 0L);
                if (o == 0) {
                    back.push(c);
                    pick = c;
                    break;
                }
                long score = i == 0 ? Long.MAX_VALUE : o - i;
                if (score > best) {
                    best = score;
                    pick = c;
                }
            }
            if (back.peek() != pick) front.add(pick);
            left.remove(pick);
        }
        front.addAll(back);
        return front;
    }
}
