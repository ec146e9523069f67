package io.vmlock.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Where the lock-order graph's classes, edges and edge labels go, computed by Eclipse ELK's
 * layered algorithm: classes in layers top to bottom along the order (a cycle's back edge runs
 * upwards), nodes as wide as their names, edges routed orthogonally between them, and edge
 * labels placed by the layout on their edge's line, never over a node.
 */
final class LockGraphLayout {
    /** The graph's text is monospace (report.css), so a name's width follows from its length. */
    static final double NODE_FONT = 13;
    static final double LABEL_FONT = 11;
    static final double CHAR_WIDTH = 0.62;
    static final double NODE_PADDING = 24;
    static final double NODE_HEIGHT = 34;
    static final double LABEL_HEIGHT = 14;
    /** Longer names are shortened in the box; the tooltip has them whole. */
    static final int LONGEST_NAME = 48;

    record Point(double x, double y) {
    }

    record Box(double x, double y, double w, double h) {
        Point centre() {
            return new Point(x + w / 2, y + h / 2);
        }
    }

    /** An edge's route, start to end through its bend points, and its label's box if it has one. */
    record Route(List<Point> points, Optional<Box> label) {
        Route {
            points = List.copyOf(points);
        }
    }

    record Placement(double width, double height, Map<String, Box> nodes, Map<GraphSummary.OrderEdge, Route> edges) {
        Placement {
            nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
            edges = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(edges));
        }
    }

    static {
        // ELK finds its algorithms through ServiceLoader, which a repackaged jar can lose: say it here
        LayoutMetaDataService service = LayoutMetaDataService.getInstance();
        if (service.getAlgorithmData(LayeredOptions.ALGORITHM_ID) == null) {
            service.registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
        }
    }

    private LockGraphLayout() {
    }

    static String shownName(String name) {
        return Html.shorten(name, LONGEST_NAME);
    }

    static double textWidth(String text, double fontSize) {
        return text.length() * fontSize * CHAR_WIDTH;
    }

    /** The label an edge shows: its path count when more than one (one path is the common case). */
    static Optional<String> label(GraphSummary.OrderEdge e) {
        return e.paths() > 1 ? Optional.of(e.paths() + " paths") : Optional.empty();
    }

    /** Lays out the classes and the edges between known classes; an edge to an unknown class is left out. */
    static Placement of(GraphSummary graph) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(24));
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 32.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 44.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 4.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE, 14.0);
        Map<String, ElkNode> nodes = new LinkedHashMap<>();
        for (GraphSummary.LockClassNode c : graph.classes()) {
            ElkNode n = ElkGraphUtil.createNode(root);
            n.setDimensions(textWidth(shownName(c.name()), NODE_FONT) + NODE_PADDING, NODE_HEIGHT);
            nodes.put(c.name(), n);
        }
        Map<GraphSummary.OrderEdge, ElkEdge> edges = new LinkedHashMap<>();
        for (GraphSummary.OrderEdge e : graph.edges()) {
            ElkNode from = nodes.get(e.from());
            ElkNode to = nodes.get(e.to());
            if (from == null || to == null) continue;
            ElkEdge edge = ElkGraphUtil.createSimpleEdge(from, to);
            label(e).ifPresent(text -> {
                ElkLabel l = ElkGraphUtil.createLabel(text, edge);
                l.setDimensions(textWidth(text, LABEL_FONT) + 4, LABEL_HEIGHT);
                l.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
                // on the edge's line (drawn over it), so a label cannot be read as a neighbour's
                l.setProperty(CoreOptions.EDGE_LABELS_INLINE, true);
            });
            edges.put(e, edge);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        Map<String, Box> boxes = new LinkedHashMap<>();
        nodes.forEach((name, n) -> boxes.put(name, new Box(n.getX(), n.getY(), n.getWidth(), n.getHeight())));
        Map<GraphSummary.OrderEdge, Route> routes = new LinkedHashMap<>();
        edges.forEach((e, edge) -> routes.put(e, route(edge)));
        return new Placement(Math.ceil(root.getWidth()), Math.ceil(root.getHeight()), boxes, routes);
    }

    /** Edges of one graph level: their sections and labels are in the root's coordinates. */
    private static Route route(ElkEdge edge) {
        List<Point> points = new ArrayList<>();
        for (ElkEdgeSection s : edge.getSections()) {
            points.add(new Point(s.getStartX(), s.getStartY()));
            for (ElkBendPoint b : s.getBendPoints()) points.add(new Point(b.getX(), b.getY()));
            points.add(new Point(s.getEndX(), s.getEndY()));
        }
        Optional<Box> label = edge.getLabels().stream().findFirst()
                .map(l -> new Box(l.getX(), l.getY(), l.getWidth(), l.getHeight()));
        return new Route(points, label);
    }
}
