package io.vmlock.graph;

import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.GabowStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The strongly connected components of a small directed graph over the vertices 0..n-1, given by
 * each vertex's successors: the explorer's control graph of a thread, kept here so that JGraphT
 * stays in this package.
 */
public final class StrongComponents {
    private StrongComponents() {
    }

    /** Per vertex, the number of its component: two vertices share one iff each reaches the other. */
    public static int[] of(List<? extends List<Integer>> next) {
        Graph<Integer, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (int v = 0; v < next.size(); v++) graph.addVertex(v);
        for (int v = 0; v < next.size(); v++) {
            for (int w : next.get(v)) {
                if (!graph.containsEdge(v, w)) graph.addEdge(v, w);
            }
        }
        int[] component = new int[next.size()];
        List<Set<Integer>> sets = new GabowStrongConnectivityInspector<>(graph).stronglyConnectedSets();
        for (int c = 0; c < sets.size(); c++) {
            for (int v : sets.get(c)) component[v] = c;
        }
        return component;
    }
}
