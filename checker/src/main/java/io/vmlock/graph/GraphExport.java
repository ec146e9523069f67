package io.vmlock.graph;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.BaseExporter;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.GraphExporter;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;
import org.jgrapht.nio.json.JSONExporter;

/**
 * Exports the lock-order graph with jgrapht-io as DOT, GraphML or JSON. Every vertex and edge
 * carries its attributes; edges on a cycle (blocking, inside one strongly connected component)
 * have {@code on_cycle=true} and are drawn red in DOT, trylock-only edges dashed.
 */
public final class GraphExport {
    public enum Format { DOT, GRAPHML, JSON }

    private final LockOrderGraph graph;
    private final Map<LockClass, String> ids = new HashMap<>();
    private final Map<LockClass, Integer> component = new HashMap<>();

    public GraphExport(LockOrderGraph graph) {
        this.graph = graph;
        List<LockClass> classes = graph.classes();
        for (int i = 0; i < classes.size(); i++) ids.put(classes.get(i), "n" + i);
        List<Set<LockClass>> components = graph.cyclicComponents();
        for (int i = 0; i < components.size(); i++) {
            for (LockClass c : components.get(i)) component.put(c, i);
        }
    }

    public String export(Format format) {
        StringWriter out = new StringWriter();
        exporter(format).exportGraph(graph.graph(), out);
        return out.toString();
    }

    private GraphExporter<LockClass, LockEdge> exporter(Format format) {
        boolean dot = format == Format.DOT;
        BaseExporter<LockClass, LockEdge> e = switch (format) {
            case DOT -> new DOTExporter<>(ids::get);
            case GRAPHML -> graphml();
            case JSON -> new JSONExporter<>(ids::get);
        };
        e.setGraphIdProvider(() -> "lock_order");
        e.setVertexAttributeProvider(v -> vertex(v, dot));
        e.setEdgeAttributeProvider(edge -> edge(edge, dot));
        return (GraphExporter<LockClass, LockEdge>) e;
    }

    private GraphMLExporter<LockClass, LockEdge> graphml() {
        GraphMLExporter<LockClass, LockEdge> g = new GraphMLExporter<>(ids::get);
        var node = GraphMLExporter.AttributeCategory.NODE;
        var edge = GraphMLExporter.AttributeCategory.EDGE;
        g.registerAttribute("label", GraphMLExporter.AttributeCategory.ALL, org.jgrapht.nio.AttributeType.STRING);
        g.registerAttribute("kind", node, org.jgrapht.nio.AttributeType.STRING);
        g.registerAttribute("instances", node, org.jgrapht.nio.AttributeType.STRING);
        g.registerAttribute("on_cycle", GraphMLExporter.AttributeCategory.ALL, org.jgrapht.nio.AttributeType.BOOLEAN);
        g.registerAttribute("paths", edge, org.jgrapht.nio.AttributeType.INT);
        g.registerAttribute("blocking", edge, org.jgrapht.nio.AttributeType.BOOLEAN);
        g.registerAttribute("sites", edge, org.jgrapht.nio.AttributeType.STRING);
        return g;
    }

    private Map<String, Attribute> vertex(LockClass v, boolean dot) {
        Map<String, Attribute> a = new LinkedHashMap<>();
        a.put("label", DefaultAttribute.createAttribute(v.name()));
        if (dot) {
            if (v.isPseudo()) a.put("style", DefaultAttribute.createAttribute("dashed"));
            if (component.containsKey(v)) a.put("color", DefaultAttribute.createAttribute("red"));
            return a;
        }
        a.put("kind", DefaultAttribute.createAttribute(v.kind().description()));
        a.put("instances", DefaultAttribute.createAttribute(String.join(",", v.instances())));
        a.put("on_cycle", DefaultAttribute.createAttribute(component.containsKey(v)));
        return a;
    }

    private Map<String, Attribute> edge(LockEdge e, boolean dot) {
        Map<String, Attribute> a = new LinkedHashMap<>();
        boolean onCycle = onCycle(e);
        String modes = modes(e);
        a.put("label", DefaultAttribute.createAttribute((modes.isEmpty() ? "" : modes + " ") + "x" + e.paths()));
        if (dot) {
            if (onCycle) {
                a.put("color", DefaultAttribute.createAttribute("red"));
                a.put("penwidth", DefaultAttribute.createAttribute(2));
            }
            if (!e.isBlocking()) a.put("style", DefaultAttribute.createAttribute("dashed"));
            return a;
        }
        a.put("paths", DefaultAttribute.createAttribute(e.paths()));
        a.put("blocking", DefaultAttribute.createAttribute(e.isBlocking()));
        a.put("on_cycle", DefaultAttribute.createAttribute(onCycle));
        a.put("sites", DefaultAttribute.createAttribute(e.dependencies().stream()
                .map(d -> d.acquired().site().span().position()).distinct().collect(Collectors.joining(" "))));
        return a;
    }

    /** An edge is on a cycle when it can block and both ends are in one cyclic component. */
    public boolean onCycle(LockEdge e) {
        Integer from = component.get(e.source());
        return e.isBlocking() && from != null && from.equals(component.get(e.target()));
    }

    private static String modes(LockEdge e) {
        Set<String> modes = new LinkedHashSet<>();
        e.dependencies().forEach(d -> {
            if (!d.acquired().mode().isEmpty()) modes.add(d.acquired().mode());
        });
        return String.join(" | ", modes);
    }
}
