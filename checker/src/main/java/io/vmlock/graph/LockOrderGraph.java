package io.vmlock.graph;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.graph.AsUnmodifiableGraph;

/**
 * The lock-order graph of a program, over lock classes as lockdep's: an edge A -> B for every
 * acquisition of B while A is held, with every path that does so. Immutable once built.
 */
public final class LockOrderGraph {
    public static final Comparator<LockEdge> EDGE_ORDER =
            Comparator.comparing(LockEdge::source).thenComparing(LockEdge::target);

    private final Graph<LockClass, LockEdge> graph;
    private final SortedSet<LockClass> writers;

    LockOrderGraph(Graph<LockClass, LockEdge> graph, Set<LockClass> writers) {
        this.graph = new AsUnmodifiableGraph<>(graph);
        this.writers = new TreeSet<>(writers);
    }

    static Graph<LockClass, LockEdge> emptyGraph() {
        return GraphTypeBuilder.<LockClass, LockEdge>directed().allowingSelfLoops(true)
                .allowingMultipleEdges(false).weighted(false).buildGraph();
    }

    /** The JGraphT view, for algorithms and exporters; vertex and edge sets iterate in insertion order. */
    public Graph<LockClass, LockEdge> graph() {
        return graph;
    }

    /** Declared classes in declaration order, then pseudo-locks as the walk met them. */
    public List<LockClass> classes() {
        return List.copyOf(graph.vertexSet());
    }

    public List<LockEdge> edges() {
        return graph.edgeSet().stream().sorted(EDGE_ORDER).toList();
    }

    public Optional<LockEdge> edge(LockClass from, LockClass to) {
        return Optional.ofNullable(graph.getEdge(from, to));
    }

    public Optional<LockClass> lockClass(String name) {
        return graph.vertexSet().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Classes with a blocking exclusive acquisition somewhere: a fair writer makes their readers wait. */
    public SortedSet<LockClass> classesWithWriters() {
        return writers;
    }

    /** The edges that can make a thread wait (trylock-only edges left out), weighted by blocking paths. */
    public Graph<LockClass, LockEdge> blockingGraph() {
        Graph<LockClass, LockEdge> g = new DefaultDirectedGraph<>(null, null, false);
        classes().forEach(g::addVertex);
        for (LockEdge e : edges()) {
            if (e.isBlocking()) g.addEdge(e.source(), e.target(), new LockEdge(e.source(), e.target(), e.blocking()));
        }
        return new AsUnmodifiableGraph<>(g);
    }

    /** The blocking edges (with only their blocking witnesses), in order. */
    public List<LockEdge> blockingEdges() {
        return blockingGraph().edgeSet().stream().sorted(EDGE_ORDER).toList();
    }

    /** The class sets of the strongly connected components with a cycle of blocking edges. */
    public List<Set<LockClass>> cyclicComponents() {
        return CycleFinder.components(blockingGraph());
    }

    public int dependencyCount() {
        return graph.edgeSet().stream().mapToInt(LockEdge::paths).sum();
    }
}
