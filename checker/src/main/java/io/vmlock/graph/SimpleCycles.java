package io.vmlock.graph;

import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.TarjanSimpleCycles;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * A small directed graph over any vertices and all its simple cycles: the explorer's wait-for
 * graph of a stuck state, kept here so that JGraphT stays in this package.
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

    /** Every simple cycle once, each as its vertices in order, starting anywhere on it. */
    public List<List<V>> find() {
        return new TarjanSimpleCycles<>(graph).findSimpleCycles();
    }
}
