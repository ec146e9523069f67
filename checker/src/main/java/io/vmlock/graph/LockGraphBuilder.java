package io.vmlock.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;

/** Collects dependencies, in any order, into a {@link LockOrderGraph}. Duplicates count once. */
public final class LockGraphBuilder {
    private final Set<LockClass> classes = new LinkedHashSet<>();
    private final Map<List<LockClass>, Set<Dependency>> edges = new LinkedHashMap<>();
    private final Set<LockClass> writers = new HashSet<>();

    public LockGraphBuilder addClass(LockClass c) {
        classes.add(c);
        return this;
    }

    public LockGraphBuilder add(Dependency d) {
        classes.add(d.from());
        classes.add(d.to());
        edges.computeIfAbsent(List.of(d.from(), d.to()), k -> new LinkedHashSet<>()).add(d);
        return this;
    }

    /** A blocking exclusive acquisition of {@code c} exists: its shared holders can be queued behind it. */
    public LockGraphBuilder noteWriter(LockClass c) {
        writers.add(c);
        return this;
    }

    public LockOrderGraph build() {
        Graph<LockClass, LockEdge> g = LockOrderGraph.emptyGraph();
        classes.forEach(g::addVertex);
        List<List<LockClass>> keys = new ArrayList<>(edges.keySet());
        keys.sort((a, b) -> {
            int c = a.get(0).compareTo(b.get(0));
            return c != 0 ? c : a.get(1).compareTo(b.get(1));
        });
        for (List<LockClass> k : keys) {
            g.addEdge(k.get(0), k.get(1), new LockEdge(k.get(0), k.get(1), new ArrayList<>(edges.get(k))));
        }
        return new LockOrderGraph(g, writers);
    }
}
