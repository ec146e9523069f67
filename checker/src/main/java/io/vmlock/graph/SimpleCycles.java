package io.vmlock.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.cycle.TarjanSimpleCycles;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * A small directed graph over any vertices and its simple cycles: the explorer's wait-for graph of
 * a stuck state, kept here so that JGraphT stays in this package.
 */
public final class SimpleCycles<V> {
    private final Graph<V, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);

    public void addVertex(V v) {
        graph.addVertex(v);
    }

    /** Adds the edge and its ends; adding it again changes nothing. */
    public void addEdge(V from, V to) {
        graph.addVertex(from);
        graph.addVertex(to);
        if (!graph.containsEdge(from, to)) graph.addEdge(from, to);
    }

    /**
     * Every simple cycle once, each as its vertices in order, starting anywhere on it. Their number
     * can grow exponentially with the graph (n threads each waiting for an event any other can
     * bring about form a complete graph): a caller that wants one cycle uses {@link #shortest()}.
     */
    public List<List<V>> find() {
        return new TarjanSimpleCycles<>(graph).findSimpleCycles();
    }

    /**
     * The simple cycles of the least length, each once, as its vertices in order from its
     * first-added vertex; no longer cycle is looked at, so the cost stays polynomial in the graph
     * for the wait-for graphs the explorer builds (a thread waits for one resource at a time).
     */
    public List<List<V>> shortest() {
        List<V> order = new ArrayList<>(graph.vertexSet());
        Map<V, Integer> rank = new HashMap<>();
        for (V v : order) rank.put(v, rank.size());
        int girth = Integer.MAX_VALUE;
        for (V v : order) girth = Math.min(girth, distance(v, v, 0, rank, false));
        List<List<V>> out = new ArrayList<>();
        if (girth == Integer.MAX_VALUE) return out;
        for (V start : order) {
            int from = rank.get(start);
            // steps left from each vertex back to start, through vertices ranked after start
            Map<V, Integer> back = new HashMap<>();
            for (V v : order) {
                if (rank.get(v) > from) back.put(v, distance(v, start, from, rank, true));
            }
            List<V> path = new ArrayList<>(List.of(start));
            extend(start, start, girth, back, rank, path, out);
        }
        return out;
    }

    /**
     * Edges on a shortest path from {@code from} to {@code to} (at least one), through vertices
     * ranked above {@code floor} when {@code above}; MAX_VALUE when there is none.
     */
    private int distance(V from, V to, int floor, Map<V, Integer> rank, boolean above) {
        Map<V, Integer> seen = new HashMap<>();
        ArrayDeque<V> queue = new ArrayDeque<>();
        queue.add(from);
        seen.put(from, 0);
        while (!queue.isEmpty()) {
            V v = queue.poll();
            for (V w : Graphs.successorListOf(graph, v)) {
                if (w.equals(to)) return seen.get(v) + 1;
                if (seen.containsKey(w) || (above && rank.get(w) <= floor)) continue;
                seen.put(w, seen.get(v) + 1);
                queue.add(w);
            }
        }
        return Integer.MAX_VALUE;
    }

    private void extend(V start, V at, int girth, Map<V, Integer> back, Map<V, Integer> rank, List<V> path,
                        List<List<V>> out) {
        int left = girth - path.size() + 1;
        for (V w : Graphs.successorListOf(graph, at)) {
            if (w.equals(start)) {
                if (left == 1) out.add(List.copyOf(path));
                continue;
            }
            Integer steps = back.get(w);
            if (steps == null || steps == Integer.MAX_VALUE || steps > left - 1 || path.contains(w)) continue;
            path.add(w);
            extend(start, w, girth, back, rank, path, out);
            path.remove(path.size() - 1);
        }
    }
}
