package io.vmlock.report;

import io.vmlock.findings.DismissedCycle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lock-order graph as SVG: classes on a circle (graphs of a scenario are small), an arrow
 * A -> B for "B taken while A is held", labelled with its path count; edges on a cycle that is a
 * finding in red, edges only on cycles the check dismissed in grey, their tooltip saying why.
 * Two opposite edges bend apart so both stay visible.
 */
final class LockGraphSvg {
    private static final int NODE_W = 150;
    private static final int NODE_H = 34;

    private final GraphSummary graph;
    private final Map<String, double[]> at = new HashMap<>();
    private final int width;
    private final int height;

    LockGraphSvg(GraphSummary graph) {
        this.graph = graph;
        List<GraphSummary.LockClassNode> classes = graph.classes();
        double radius = classes.size() == 1 ? 0 : Math.max(130, classes.size() * 42);
        // two classes side by side, more around a circle from the top; flattened to suit a page
        double start = classes.size() == 2 ? Math.PI : -Math.PI / 2;
        double top = Double.MAX_VALUE;
        double bottom = -Double.MAX_VALUE;
        for (int i = 0; i < classes.size(); i++) {
            double angle = start + 2 * Math.PI * i / classes.size();
            double y = radius * Math.sin(angle) * 0.7;
            at.put(classes.get(i).name(), new double[] {radius + NODE_W / 2.0 + 30 + radius * Math.cos(angle), y});
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
        }
        // room above for self-loops and bent edges, below for labels
        double shift = classes.isEmpty() ? 0 : 90 - top;
        at.values().forEach(p -> p[1] += shift);
        this.width = (int) (2 * radius + NODE_W + 60);
        this.height = classes.isEmpty() ? 40 : (int) (bottom - top + 150);
    }

    String render() {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"lock-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"lock-order graph\">\n");
        svg.append("<defs>").append(marker("order-arrow", "#555")).append(marker("cycle-arrow", "#c0392b"))
                .append(marker("dismissed-arrow", "#afb8c1"))
                .append("</defs>\n");
        for (GraphSummary.OrderEdge e : graph.edges()) edge(svg, e);
        for (GraphSummary.LockClassNode c : graph.classes()) node(svg, c);
        return svg.append("</svg>\n").toString();
    }

    private static String marker(String id, String colour) {
        return "<marker id=\"" + id + "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"" + colour + "\"/></marker>";
    }

    private void node(StringBuilder svg, GraphSummary.LockClassNode c) {
        double[] p = at.get(c.name());
        svg.append("<g class=\"lock-class\" data-class=\"").append(Html.escape(c.name())).append("\"><title>")
                .append(Html.escape(c.name() + ": " + c.kind() + (c.instances() > 1 ? ", " + c.instances() + " instances" : "")))
                .append("</title><rect x=\"").append(Html.num(p[0] - NODE_W / 2.0)).append("\" y=\"")
                .append(Html.num(p[1] - NODE_H / 2.0)).append("\" width=\"").append(NODE_W).append("\" height=\"")
                .append(NODE_H).append("\" rx=\"17\"/><text x=\"").append(Html.num(p[0])).append("\" y=\"")
                .append(Html.num(p[1] + 4)).append("\">").append(Html.escape(Html.shorten(c.name(), 20)))
                .append("</text></g>\n");
    }

    private void edge(StringBuilder svg, GraphSummary.OrderEdge e) {
        double[] a = at.get(e.from());
        double[] b = at.get(e.to());
        if (a == null || b == null) return;
        List<DismissedCycle> dismissed = graph.dismissedThrough(e);
        boolean finding = graph.inFindingCycle(e);
        boolean grey = !finding && !dismissed.isEmpty();
        String cls = finding ? "order-edge in-cycle" : grey ? "order-edge dismissed-cycle" : "order-edge";
        String marker = finding ? "url(#cycle-arrow)" : grey ? "url(#dismissed-arrow)" : "url(#order-arrow)";
        String label = e.paths() + (e.paths() == 1 ? " path" : " paths");
        String shown = e.paths() > 1 ? label : ""; // one path is the common case: the tooltip says it
        String path;
        double lx;
        double ly;
        String anchor = "middle";
        if (e.from().equals(e.to())) {
            path = "M" + Html.num(a[0] + 30) + "," + Html.num(a[1] - NODE_H / 2.0) + " C" + Html.num(a[0] + 60) + ","
                    + Html.num(a[1] - 80) + " " + Html.num(a[0] - 60) + "," + Html.num(a[1] - 80) + " "
                    + Html.num(a[0] - 30) + "," + Html.num(a[1] - NODE_H / 2.0);
            lx = a[0];
            ly = a[1] - 66;
        } else {
            double[] from = border(a, b);
            double[] to = border(b, a);
            boolean opposite = graph.edges().stream().anyMatch(o -> o.from().equals(e.to()) && o.to().equals(e.from()));
            double bend = opposite ? 36 : 0;
            double dx = to[0] - from[0];
            double dy = to[1] - from[1];
            double len = Math.max(1, Math.hypot(dx, dy));
            double cx = (from[0] + to[0]) / 2 - dy / len * bend;
            double cy = (from[1] + to[1]) / 2 + dx / len * bend;
            path = "M" + Html.num(from[0]) + "," + Html.num(from[1]) + " Q" + Html.num(cx) + "," + Html.num(cy) + " "
                    + Html.num(to[0]) + "," + Html.num(to[1]);
            // the label sits beside the curve's middle, on its outer side, so opposite edges keep theirs apart
            double nx = -dy / len;
            double ny = dx / len;
            double side = bend != 0 ? 1 : -1;
            lx = (from[0] + 2 * cx + to[0]) / 4 + nx * side * 8;
            ly = (from[1] + 2 * cy + to[1]) / 4 + ny * side * 8 + 4;
            if (Math.abs(nx) > 0.3) anchor = nx * side > 0 ? "start" : "end";
            else ly += ny * side > 0 ? 8 : -4;
        }
        svg.append("<g class=\"").append(cls).append("\" data-edge=\"").append(Html.escape(e.key())).append("\"><title>")
                .append(Html.escape(e.key() + ": " + label + ", e.g. " + e.callPath() + " at " + e.acquiredAt().position()
                        + (e.blocking() ? "" : " (trylock only)") + dismissals(dismissed)))
                .append("</title><path d=\"").append(path).append("\" marker-end=\"").append(marker).append("\"")
                .append(e.blocking() ? "" : " stroke-dasharray=\"5,4\"").append("/><text text-anchor=\"").append(anchor)
                .append("\" x=\"").append(Html.num(lx))
                .append("\" y=\"").append(Html.num(ly)).append("\">").append(shown).append("</text></g>\n");
    }

    /** A line per dismissed cycle the edge is on: {@code on dismissed cycle a -> b -> a: instances differ}. */
    private static String dismissals(List<DismissedCycle> dismissed) {
        StringBuilder s = new StringBuilder();
        for (DismissedCycle d : dismissed) s.append("\non dismissed cycle ").append(d.text()).append(": ").append(d.reason());
        return s.toString();
    }

    /** Where the line from a node's centre towards another leaves the node's box. */
    private static double[] border(double[] from, double[] to) {
        double dx = to[0] - from[0];
        double dy = to[1] - from[1];
        double scale = Math.min(Math.abs(dx) < 1e-9 ? Double.MAX_VALUE : (NODE_W / 2.0 + 4) / Math.abs(dx),
                Math.abs(dy) < 1e-9 ? Double.MAX_VALUE : (NODE_H / 2.0 + 4) / Math.abs(dy));
        return new double[] {from[0] + dx * scale, from[1] + dy * scale};
    }
}
