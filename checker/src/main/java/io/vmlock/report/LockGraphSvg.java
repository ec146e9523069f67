package io.vmlock.report;

import io.vmlock.findings.DismissedCycle;
import java.util.List;

/**
 * The lock-order graph as SVG, laid out by {@link LockGraphLayout}: an arrow A -> B for "B taken
 * while A is held", labelled with its path count when more than one; edges on a cycle that is a
 * finding in red, edges only on cycles the check dismissed in grey, their tooltip saying why.
 */
final class LockGraphSvg {
    private final GraphSummary graph;
    private final LockGraphLayout.Placement placement;

    LockGraphSvg(GraphSummary graph) {
        this.graph = graph;
        this.placement = graph.classes().isEmpty() ? null : LockGraphLayout.of(graph);
    }

    String render() {
        int width = placement == null ? 40 : (int) placement.width();
        int height = placement == null ? 40 : (int) placement.height();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"lock-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"lock-order graph\">\n");
        svg.append("<defs>").append(marker("order-arrow", "#555")).append(marker("cycle-arrow", "#c0392b"))
                .append(marker("dismissed-arrow", "#afb8c1"))
                .append("</defs>\n");
        if (placement != null) {
            placement.edges().forEach((e, route) -> edge(svg, e, route));
            for (GraphSummary.LockClassNode c : graph.classes()) node(svg, c, placement.nodes().get(c.name()));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String marker(String id, String colour) {
        return "<marker id=\"" + id + "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"" + colour + "\"/></marker>";
    }

    private static void node(StringBuilder svg, GraphSummary.LockClassNode c, LockGraphLayout.Box box) {
        svg.append("<g class=\"lock-class\" data-class=\"").append(Html.escape(c.name())).append("\"><title>")
                .append(Html.escape(c.name() + ": " + c.kind() + (c.instances() > 1 ? ", " + c.instances() + " instances" : "")))
                .append("</title><rect x=\"").append(Html.num(box.x())).append("\" y=\"").append(Html.num(box.y()))
                .append("\" width=\"").append(Html.num(box.w())).append("\" height=\"").append(Html.num(box.h()))
                .append("\" rx=\"17\"/><text x=\"").append(Html.num(box.centre().x())).append("\" y=\"")
                .append(Html.num(box.centre().y() + LockGraphLayout.NODE_FONT * 0.35)).append("\">")
                .append(Html.escape(LockGraphLayout.shownName(c.name()))).append("</text></g>\n");
    }

    private void edge(StringBuilder svg, GraphSummary.OrderEdge e, LockGraphLayout.Route route) {
        List<DismissedCycle> dismissed = graph.dismissedThrough(e);
        boolean finding = graph.inFindingCycle(e);
        boolean grey = !finding && !dismissed.isEmpty();
        String cls = finding ? "order-edge in-cycle" : grey ? "order-edge dismissed-cycle" : "order-edge";
        String marker = finding ? "url(#cycle-arrow)" : grey ? "url(#dismissed-arrow)" : "url(#order-arrow)";
        String count = e.paths() + (e.paths() == 1 ? " path" : " paths");
        svg.append("<g class=\"").append(cls).append("\" data-edge=\"").append(Html.escape(e.key())).append("\"><title>")
                .append(Html.escape(e.key() + ": " + count + ", e.g. " + e.callPath() + " at " + e.acquiredAt().position()
                        + (e.blocking() ? "" : " (trylock only)") + dismissals(dismissed)))
                .append("</title><path d=\"").append(path(route.points())).append("\" marker-end=\"").append(marker)
                .append("\"").append(e.blocking() ? "" : " stroke-dasharray=\"5,4\"").append("/>");
        // the label sits on the line: a white box under its text keeps it legible
        route.label().ifPresent(box -> svg.append("<rect class=\"label-box\" x=\"").append(Html.num(box.x()))
                .append("\" y=\"").append(Html.num(box.y())).append("\" width=\"").append(Html.num(box.w()))
                .append("\" height=\"").append(Html.num(box.h())).append("\"/><text x=\"").append(Html.num(box.x() + 2)).append("\" y=\"")
                .append(Html.num(box.y() + box.h() - 3)).append("\">").append(LockGraphLayout.label(e).orElseThrow())
                .append("</text>"));
        svg.append("</g>\n");
    }

    /** A polyline through the layout's points: start, bend points, end. */
    private static String path(List<LockGraphLayout.Point> points) {
        StringBuilder d = new StringBuilder();
        for (LockGraphLayout.Point p : points) {
            d.append(d.length() == 0 ? "M" : " L").append(Html.num(p.x())).append(',').append(Html.num(p.y()));
        }
        return d.toString();
    }

    /** A line per dismissed cycle the edge is on: {@code on dismissed cycle a -> b -> a: instances differ}. */
    private static String dismissals(List<DismissedCycle> dismissed) {
        StringBuilder s = new StringBuilder();
        for (DismissedCycle d : dismissed) s.append("\non dismissed cycle ").append(d.text()).append(": ").append(d.reason());
        return s.toString();
    }
}
