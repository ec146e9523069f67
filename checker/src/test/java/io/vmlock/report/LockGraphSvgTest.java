package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.DismissedCycle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lock-order graph's SVG read as a DOM: nodes inside the picture and apart from each other,
 * each edge leaving and entering its nodes' boxes, two opposite edges bent to opposite sides,
 * an edge's label beside its curve on the outer side and anchored so its text runs away from
 * the curve, and a self-edge looping above its node.
 */
class LockGraphSvgTest {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    /** The boxes' half sizes (150 x 34) plus the 4 units an edge keeps off a box. */
    private static final double HALF_W = 79;
    private static final double HALF_H = 21;

    private record Point(double x, double y) {
        double distance(Point o) {
            return Math.hypot(x - o.x, y - o.y);
        }
    }

    private record Box(double x, double y, double w, double h) {
        Point centre() {
            return new Point(x + w / 2, y + h / 2);
        }

        boolean overlaps(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }
    }

    private static GraphSummary.LockClassNode mutex(String name) {
        return new GraphSummary.LockClassNode(name, "mutex", 1);
    }

    private static GraphSummary.OrderEdge edge(String from, String to) {
        return edge(from, to, 1, true);
    }

    private static GraphSummary.OrderEdge edge(String from, String to, int paths, boolean blocking) {
        return new GraphSummary.OrderEdge(from, to, paths, blocking, SyntheticReports.at(3, 5), "t > f");
    }

    private static List<GraphSummary.LockClassNode> classes(int n) {
        List<GraphSummary.LockClassNode> all = new ArrayList<>();
        for (int i = 0; i < n; i++) all.add(mutex("c" + i));
        return all;
    }

    private static Document render(List<GraphSummary.LockClassNode> classes, List<GraphSummary.OrderEdge> edges,
                                   List<List<String>> cycles) {
        String svg = new LockGraphSvg(new GraphSummary(true, classes, edges, cycles)).render();
        return Jsoup.parse(svg, "", Parser.xmlParser());
    }

    private static double attr(Element e, String name) {
        return Double.parseDouble(e.attr(name));
    }

    private static Box box(Document svg, String cls) {
        Element rect = svg.selectFirst("g.lock-class[data-class=" + cls + "] > rect");
        return new Box(attr(rect, "x"), attr(rect, "y"), attr(rect, "width"), attr(rect, "height"));
    }

    private static Element edgeOf(Document svg, String key) {
        Element g = svg.selectFirst("g[data-edge=\"" + key + "\"]");
        assertTrue(g != null, "no edge " + key);
        return g;
    }

    /** The points of an edge's path: start, control point(s), end. */
    private static List<Point> points(Element edge) {
        Matcher m = NUMBER.matcher(edge.selectFirst("path").attr("d"));
        List<Double> n = new ArrayList<>();
        while (m.find()) n.add(Double.parseDouble(m.group()));
        List<Point> points = new ArrayList<>();
        for (int i = 0; i + 1 < n.size(); i += 2) points.add(new Point(n.get(i), n.get(i + 1)));
        return points;
    }

    /** The middle of a quadratic curve (t = 1/2), where its label belongs. */
    private static Point middle(List<Point> q) {
        return new Point((q.get(0).x + 2 * q.get(1).x + q.get(2).x) / 4, (q.get(0).y + 2 * q.get(1).y + q.get(2).y) / 4);
    }

    private static Point label(Element edge) {
        Element text = edge.selectFirst("text");
        return new Point(attr(text, "x"), attr(text, "y"));
    }

    /** Which side of the line a -> b the point p lies on: the sign of the cross product. */
    private static double side(Point a, Point b, Point p) {
        return Math.signum((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x));
    }

    /** On the border of the box grown by the edge's margin: an edge starts and ends there. */
    private static void assertOnBorder(Box box, Point p, String what) {
        Point c = box.centre();
        double ex = Math.abs(p.x - c.x);
        double ey = Math.abs(p.y - c.y);
        boolean onSide = Math.abs(ex - HALF_W) < 0.11 && ey <= HALF_H + 0.11;
        boolean onTopOrBottom = Math.abs(ey - HALF_H) < 0.11 && ex <= HALF_W + 0.11;
        assertTrue(onSide || onTopOrBottom, what + " " + p + " is not on the border of " + box);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void nodesAreInsideThePictureCentredAndApart(int n) {
        Document svg = render(classes(n), List.of(), List.of());
        Element root = svg.selectFirst("svg");
        double width = attr(root, "width");
        double height = attr(root, "height");
        assertEquals("0 0 " + root.attr("width") + " " + root.attr("height"), root.attr("viewBox"));
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i < n; i++) boxes.add(box(svg, "c" + i));
        double left = boxes.stream().mapToDouble(Box::x).min().orElseThrow();
        double right = boxes.stream().mapToDouble(b -> b.x + b.w).max().orElseThrow();
        assertEquals(left, width - right, 0.11, "the nodes are centred horizontally");
        assertTrue(left >= 0, "left margin");
        for (Box b : boxes) {
            assertEquals(150, b.w);
            assertEquals(34, b.h);
            // room above each node for a self-loop, below for a label
            assertTrue(b.y >= 70, "room above " + b);
            assertTrue(b.y + b.h <= height - 30, "room below " + b);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) assertFalse(boxes.get(i).overlaps(boxes.get(j)), i + " overlaps " + j);
        }
        for (int i = 0; i < n; i++) {
            Element g = svg.selectFirst("g.lock-class[data-class=c" + i + "]");
            Element text = g.selectFirst("text");
            assertEquals(boxes.get(i).centre().x, attr(text, "x"), 0.11, "the name is centred in its box");
            double baseline = attr(text, "y");
            assertTrue(baseline > boxes.get(i).centre().y && baseline < boxes.get(i).y + boxes.get(i).h,
                    "the name's baseline is in the box's lower half");
        }
        if (n == 2) assertEquals(boxes.get(0).y, boxes.get(1).y, "two classes side by side");
        if (n == 3) assertTrue(boxes.get(0).y < boxes.get(1).y, "more classes around a circle from the top");
    }

    @Test
    void anEmptyGraphIsASmallEmptyPicture() {
        Document svg = render(List.of(), List.of(), List.of());
        assertEquals("40", svg.selectFirst("svg").attr("height"));
        assertTrue(svg.select("g").isEmpty());
    }

    @Test
    void aNodeTitleGivesKindAndInstancesAndTheBoxShortensLongNames() {
        Document svg = render(List.of(new GraphSummary.LockClassNode("page_lock", "mutex", 2),
                new GraphSummary.LockClassNode("a_rather_long_lock_class_name", "rwsem", 1)), List.of(), List.of());
        assertEquals("page_lock: mutex, 2 instances", svg.selectFirst("g[data-class=page_lock] > title").text());
        Element longOne = svg.selectFirst("g[data-class=a_rather_long_lock_class_name]");
        assertEquals("a_rather_long_lock_class_name: rwsem", longOne.selectFirst("title").text());
        assertEquals("a_rather_long_lock_\u2026", longOne.selectFirst("text").text());
    }

    @Test
    void anEdgeLeavesAndEntersItsNodesBoxesAlongTheLineBetweenThem() {
        Document svg = render(classes(3), List.of(edge("c0", "c1"), edge("c1", "c2"), edge("c2", "c0")), List.of());
        for (String[] e : new String[][] {{"c0", "c1"}, {"c1", "c2"}, {"c2", "c0"}}) {
            Element g = edgeOf(svg, e[0] + " -> " + e[1]);
            List<Point> q = points(g);
            assertEquals(3, q.size(), "a quadratic curve");
            Box from = box(svg, e[0]);
            Box to = box(svg, e[1]);
            assertOnBorder(from, q.get(0), "start");
            assertOnBorder(to, q.get(2), "end");
            // no opposite edge: the curve is straight, the start and end on the line between the centres
            assertEquals(0, distanceToLine(from.centre(), to.centre(), q.get(0)), 0.2);
            assertEquals(0, distanceToLine(from.centre(), to.centre(), q.get(2)), 0.2);
            assertEquals(0, distanceToLine(q.get(0), q.get(2), q.get(1)), 0.2, "a straight edge does not bend");
            double centres = from.centre().distance(to.centre());
            assertEquals(centres, from.centre().distance(q.get(0)) + q.get(0).distance(to.centre()), 0.2,
                    "it leaves " + e[0] + " towards " + e[1]);
            assertEquals(centres, from.centre().distance(q.get(2)) + q.get(2).distance(to.centre()), 0.2,
                    "it enters " + e[1] + " from " + e[0]);
            assertTrue(q.get(0).distance(to.centre()) > q.get(2).distance(to.centre()), "it runs from " + e[0]);
        }
    }

    private static double distanceToLine(Point a, Point b, Point p) {
        return Math.abs((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) / a.distance(b);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void twoOppositeEdgesBendToOppositeSidesWithTheirLabelsOutside(int n) {
        Document svg = render(classes(n), List.of(edge("c0", "c1", 2, true), edge("c1", "c0", 3, true)), List.of());
        List<Point> there = points(edgeOf(svg, "c0 -> c1"));
        List<Point> back = points(edgeOf(svg, "c1 -> c0"));
        Point a = box(svg, "c0").centre();
        Point b = box(svg, "c1").centre();
        assertEquals(-side(a, b, there.get(1)), side(a, b, back.get(1)), "the control points on opposite sides");
        assertTrue(distanceToLine(a, b, there.get(1)) > 30 && distanceToLine(a, b, back.get(1)) > 30, "bent apart");
        assertEquals(distanceToLine(a, b, there.get(1)), distanceToLine(a, b, back.get(1)), 0.2, "by as much");
        for (String key : List.of("c0 -> c1", "c1 -> c0")) {
            Element g = edgeOf(svg, key);
            List<Point> q = points(g);
            Point mid = middle(q);
            Point label = label(g);
            // outside: on the bend's side of the curve's middle, away from the straight line
            assertTrue(distanceToLine(a, b, label) > distanceToLine(a, b, mid), key + ": label " + label
                    + " is not outside the curve's middle " + mid);
            assertEquals(side(a, b, q.get(1)), side(a, b, label), key + ": label on the bend's side");
            assertAnchoredAwayFromTheCurve(g, mid);
        }
        assertEquals("2 paths", edgeOf(svg, "c0 -> c1").selectFirst("text").text());
        assertEquals("3 paths", edgeOf(svg, "c1 -> c0").selectFirst("text").text());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void aLoneEdgesLabelSitsBesideItsLineAwayFromIt(int n) {
        List<GraphSummary.OrderEdge> edges = new ArrayList<>();
        for (int i = 1; i < n; i++) edges.add(edge("c0", "c" + i, 2, true));
        if (n > 2) edges.add(edge("c2", "c1", 2, true));
        Document svg = render(classes(n), edges, List.of());
        for (GraphSummary.OrderEdge e : edges) {
            Element g = edgeOf(svg, e.key());
            List<Point> q = points(g);
            Point label = label(g);
            assertTrue(distanceToLine(q.get(0), q.get(2), label) >= 3, e.key() + ": label " + label + " on its line");
            assertAnchoredAwayFromTheCurve(g, middle(q));
        }
    }

    /**
     * Beside a steep curve the text starts (or ends) a little way from it so it runs away from the
     * curve; beside a flat one it is centred, its baseline above the curve or its top below it.
     */
    private static void assertAnchoredAwayFromTheCurve(Element g, Point mid) {
        String anchor = g.selectFirst("text").attr("text-anchor");
        Point label = label(g);
        List<Point> q = points(g);
        boolean steep = Math.abs(q.get(2).y - q.get(0).y) > 0.3 * q.get(0).distance(q.get(2));
        String key = g.attr("data-edge");
        switch (anchor) {
            case "start" -> assertTrue(steep && label.x >= mid.x + 2, key + ": text starts right of " + mid);
            case "end" -> assertTrue(steep && label.x <= mid.x - 2, key + ": text ends left of " + mid);
            case "middle" -> {
                assertFalse(steep, key + ": centred beside a steep curve");
                assertEquals(mid.x, label.x, 0.2, key);
                // text about 11 units high stands on its baseline: above the curve, or wholly below it
                assertTrue(label.y < mid.y || label.y - 11 > mid.y, key + ": text " + label + " crosses " + mid);
            }
            default -> throw new AssertionError(key + ": anchor " + anchor);
        }
    }

    @Test
    void aSelfEdgeLoopsAboveItsNodeInsideThePicture() {
        Document svg = render(List.of(new GraphSummary.LockClassNode("pl", "mutex", 2), mutex("a")),
                List.of(edge("pl", "pl", 2, true)), List.of(List.of("pl")));
        Element g = edgeOf(svg, "pl -> pl");
        Box node = box(svg, "pl");
        Point c = node.centre();
        List<Point> cubic = points(g);
        assertEquals(4, cubic.size(), "a cubic curve");
        Point start = cubic.get(0);
        Point end = cubic.get(3);
        assertEquals(node.y, start.y, 0.11, "it leaves from the top of the box");
        assertEquals(node.y, end.y, 0.11, "it comes back to the top of the box");
        assertTrue(start.x > c.x && end.x < c.x && start.x < node.x + node.w && end.x > node.x, "over the box");
        assertEquals(start.x - c.x, c.x - end.x, 0.11, "symmetric");
        Point c1 = cubic.get(1);
        Point c2 = cubic.get(2);
        assertTrue(c1.y < node.y - 40 && c2.y < node.y - 40, "looping well above the box");
        assertTrue(c1.y >= 0 && c2.y >= 0, "inside the picture");
        assertTrue(c1.x > start.x && c2.x < end.x, "bulging out on both sides");
        assertEquals(c1.x - c.x, c.x - c2.x, 0.11, "symmetric");
        Point label = label(g);
        double apex = (start.y + 3 * c1.y + 3 * c2.y + end.y) / 8;
        assertEquals("middle", g.selectFirst("text").attr("text-anchor"));
        assertEquals(c.x, label.x, 0.11, "the label over the loop's middle");
        assertTrue(label.y < apex && label.y - 11 >= 0, "the label on top of the loop, inside the picture");
        assertEquals("order-edge in-cycle", g.attr("class"), "a self-edge is a cycle of its own");
        assertEquals("url(#cycle-arrow)", g.selectFirst("path").attr("marker-end"));
        assertEquals("2 paths", g.selectFirst("text").text());
    }

    @Test
    void anEdgeSaysItsPathsAndWitnessAndMarksTrylocksAndCycles() {
        Document svg = render(classes(3), List.of(edge("c0", "c1", 1, true), edge("c1", "c0", 1, true),
                edge("c1", "c2", 4, false), edge("c2", "nowhere")), List.of(List.of("c0", "c1")));
        Element cyc = edgeOf(svg, "c0 -> c1");
        assertEquals("order-edge in-cycle", cyc.attr("class"));
        assertEquals("url(#cycle-arrow)", cyc.selectFirst("path").attr("marker-end"));
        assertEquals("", cyc.selectFirst("text").text(), "one path: only the tooltip says so");
        assertEquals("c0 -> c1: 1 path, e.g. t > f at " + SyntheticReports.at(3, 5).position(),
                cyc.selectFirst("title").text());
        assertFalse(cyc.selectFirst("path").hasAttr("stroke-dasharray"));
        Element trylock = edgeOf(svg, "c1 -> c2");
        assertEquals("order-edge", trylock.attr("class"));
        assertEquals("url(#order-arrow)", trylock.selectFirst("path").attr("marker-end"));
        assertEquals("5,4", trylock.selectFirst("path").attr("stroke-dasharray"));
        assertEquals("4 paths", trylock.selectFirst("text").text());
        assertTrue(trylock.selectFirst("title").text().endsWith(" (trylock only)"));
        assertEquals(null, svg.selectFirst("g[data-edge=\"c2 -> nowhere\"]"), "an edge to an unknown class is left out");
        assertEquals(List.of("order-arrow", "cycle-arrow", "dismissed-arrow"), svg.select("marker").eachAttr("id"));
    }

    /** An edge only on dismissed cycles is grey and says why; one also on a finding's cycle stays red. */
    @Test
    void anEdgeOnlyOnDismissedCyclesIsGreyWithItsReasons() {
        List<GraphSummary.OrderEdge> edges = List.of(edge("c0", "c1"), edge("c1", "c0"), edge("c1", "c2"), edge("c2", "c1"));
        List<DismissedCycle> dismissed = List.of(new DismissedCycle(List.of("c0", "c1"), "read/read"));
        String text = new LockGraphSvg(new GraphSummary(true, classes(3), edges,
                List.of(List.of("c0", "c1"), List.of("c1", "c2")), dismissed)).render();
        Document svg = Jsoup.parse(text, "", Parser.xmlParser());
        Element grey = edgeOf(svg, "c0 -> c1");
        assertEquals("order-edge dismissed-cycle", grey.attr("class"));
        assertEquals("url(#dismissed-arrow)", grey.selectFirst("path").attr("marker-end"));
        assertEquals("c0 -> c1: 1 path, e.g. t > f at " + SyntheticReports.at(3, 5).position()
                + "\non dismissed cycle c0 -> c1 -> c0: read/read", grey.selectFirst("title").wholeText());
        assertEquals("order-edge in-cycle", edgeOf(svg, "c1 -> c2").attr("class"));
        assertEquals("order-edge in-cycle", edgeOf(svg, "c2 -> c1").attr("class"));
    }
}
