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
 * The lock-order graph's SVG read as a DOM, as ELK's layered layout places it: nodes inside the
 * picture, apart, and wide enough for their names; on an acyclic graph every edge runs down from
 * its source's bottom to its target's top; every edge (a cycle's back edge, a self-edge too)
 * leaves its source's box and enters its target's in axis-parallel segments; a path count sits on
 * its own edge's line and covers no node. (HtmlReportChromiumTest measures the drawn text.)
 */
class LockGraphSvgTest {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    /** How far a point may lie off a border: the SVG's numbers carry one decimal. */
    private static final double EPS = 0.11;

    private record Point(double x, double y) {
    }

    private record Box(double x, double y, double w, double h) {
        Point centre() {
            return new Point(x + w / 2, y + h / 2);
        }

        boolean overlaps(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        boolean onBorder(Point p) {
            boolean inX = p.x >= x - EPS && p.x <= x + w + EPS;
            boolean inY = p.y >= y - EPS && p.y <= y + h + EPS;
            boolean onSide = Math.abs(p.x - x) < EPS || Math.abs(p.x - x - w) < EPS;
            boolean onTopOrBottom = Math.abs(p.y - y) < EPS || Math.abs(p.y - y - h) < EPS;
            return inX && inY && (onSide || onTopOrBottom);
        }

        /** Whether the axis-parallel segment a-b passes through this box. */
        boolean crossedBy(Point a, Point b) {
            return Math.min(a.x, b.x) <= x + w && Math.max(a.x, b.x) >= x
                    && Math.min(a.y, b.y) <= y + h && Math.max(a.y, b.y) >= y;
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
        for (int i = 0; i < n; i++) all.add(mutex(name(i)));
        return all;
    }

    private static List<GraphSummary.LockClassNode> plain(int n) {
        List<GraphSummary.LockClassNode> all = new ArrayList<>();
        for (int i = 0; i < n; i++) all.add(mutex("c" + i));
        return all;
    }

    private static String name(int i) {
        return "c" + i + "_" + "x".repeat(3 * i);
    }

    /** A layered DAG on n classes: a chain, and from every class an edge two layers on. */
    private static List<GraphSummary.OrderEdge> dag(int n) {
        List<GraphSummary.OrderEdge> edges = new ArrayList<>();
        for (int i = 0; i + 1 < n; i++) edges.add(edge(name(i), name(i + 1), i + 1, true));
        for (int i = 0; i + 2 < n; i++) edges.add(edge(name(i), name(i + 2), 1, i % 2 == 0));
        return edges;
    }

    private static Document render(List<GraphSummary.LockClassNode> classes, List<GraphSummary.OrderEdge> edges,
                                   List<List<String>> cycles) {
        String svg = new LockGraphSvg(new GraphSummary(true, classes, edges, cycles)).render();
        return Jsoup.parse(svg, "", Parser.xmlParser());
    }

    private static double attr(Element e, String name) {
        return Double.parseDouble(e.attr(name));
    }

    private static Box rect(Element rect) {
        return new Box(attr(rect, "x"), attr(rect, "y"), attr(rect, "width"), attr(rect, "height"));
    }

    private static Box box(Document svg, String cls) {
        return rect(svg.selectFirst("g.lock-class[data-class=\"" + cls + "\"] > rect"));
    }

    private static List<Box> boxes(Document svg) {
        return svg.select("g.lock-class > rect").stream().map(LockGraphSvgTest::rect).toList();
    }

    private static Element edgeOf(Document svg, String key) {
        Element g = svg.selectFirst("g[data-edge=\"" + key + "\"]");
        assertTrue(g != null, "no edge " + key);
        return g;
    }

    /** The points of an edge's polyline: start, bend points, end. */
    private static List<Point> points(Element edge) {
        String d = edge.selectFirst("path").attr("d");
        assertTrue(d.matches("M[-\\d.,]+( L[-\\d.,]+)+"), "a polyline: " + d);
        Matcher m = NUMBER.matcher(d);
        List<Double> n = new ArrayList<>();
        while (m.find()) n.add(Double.parseDouble(m.group()));
        List<Point> points = new ArrayList<>();
        for (int i = 0; i + 1 < n.size(); i += 2) points.add(new Point(n.get(i), n.get(i + 1)));
        return points;
    }

    /** From its source's border to its target's, each segment horizontal or vertical. */
    private static void assertRoutedBetween(Document svg, GraphSummary.OrderEdge e) {
        List<Point> p = points(edgeOf(svg, e.key()));
        assertTrue(p.size() >= 2, e.key());
        assertTrue(box(svg, e.from()).onBorder(p.get(0)), e.key() + ": starts at " + p.get(0) + ", off " + e.from());
        assertTrue(box(svg, e.to()).onBorder(p.get(p.size() - 1)), e.key() + ": ends at " + p.get(p.size() - 1)
                + ", off " + e.to());
        for (int i = 0; i + 1 < p.size(); i++) {
            Point a = p.get(i);
            Point b = p.get(i + 1);
            assertTrue(Math.abs(a.x - b.x) < EPS || Math.abs(a.y - b.y) < EPS, e.key() + ": slanted " + a + " " + b);
        }
    }

    /** A path count lies on (a self-edge's: beside) a segment of its own edge, and over no node's box. */
    private static void assertLabelOnItsLine(Document svg, GraphSummary.OrderEdge e) {
        Element g = edgeOf(svg, e.key());
        Element bg = g.selectFirst("rect.label-box");
        if (e.paths() == 1) {
            assertTrue(bg == null && g.selectFirst("text") == null, e.key() + ": one path, only the tooltip says so");
            return;
        }
        assertEquals(e.paths() + " paths", g.selectFirst("text").text());
        Box label = rect(bg);
        Element text = g.selectFirst("text");
        // monospace at 11px: the white box is at least as wide as its text
        assertTrue(label.w >= text.text().length() * 11 * 0.6, e.key() + ": label box " + label.w + " narrower than its text");
        assertTrue(attr(text, "x") >= label.x && attr(text, "y") <= label.y + label.h && attr(text, "y") > label.y,
                e.key() + ": the text stands in its white box");
        for (Box node : boxes(svg)) assertFalse(label.overlaps(node), e.key() + ": label " + label + " covers " + node);
        List<Point> p = points(g);
        Box near = new Box(label.x - 6, label.y - 6, label.w + 12, label.h + 12);
        boolean onLine = false;
        for (int i = 0; i + 1 < p.size(); i++) onLine |= near.crossedBy(p.get(i), p.get(i + 1));
        assertTrue(onLine, e.key() + ": label " + label + " is not on its line " + p);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void nodesAreInsideThePictureApartAndWideEnoughForTheirNames(int n) {
        Document svg = render(classes(n), dag(n), List.of());
        Element root = svg.selectFirst("svg");
        double width = attr(root, "width");
        double height = attr(root, "height");
        assertEquals("0 0 " + root.attr("width") + " " + root.attr("height"), root.attr("viewBox"));
        for (int i = 0; i < n; i++) {
            Box b = box(svg, name(i));
            assertTrue(b.x >= 0 && b.y >= 0 && b.x + b.w <= width && b.y + b.h <= height, name(i) + " inside " + b);
            for (int j = i + 1; j < n; j++) assertFalse(b.overlaps(box(svg, name(j))), name(i) + " overlaps " + name(j));
            Element text = svg.selectFirst("g.lock-class[data-class=" + name(i) + "] > text");
            assertEquals(name(i), text.text());
            // monospace at 13px: a character is at most 0.6 em wide in the usual monospace fonts
            assertTrue(b.w >= name(i).length() * 13 * 0.6 + 8, name(i) + ": box " + b.w + " narrower than its name");
            assertTrue(b.w <= name(i).length() * 13 * 0.65 + 30, name(i) + ": box " + b.w + " far wider than its name");
            assertEquals(b.centre().x, attr(text, "x"), EPS, "the name is centred in its box");
            double baseline = attr(text, "y");
            assertTrue(baseline > b.centre().y && baseline - 13 < b.centre().y && baseline < b.y + b.h,
                    "the name's text straddles the box's middle");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8})
    void onAnAcyclicGraphEveryEdgeRunsDownFromItsSourcesBottomToItsTargetsTop(int n) {
        Document svg = render(classes(n), dag(n), List.of());
        for (GraphSummary.OrderEdge e : dag(n)) {
            assertRoutedBetween(svg, e);
            Box from = box(svg, e.from());
            Box to = box(svg, e.to());
            assertTrue(to.y >= from.y + from.h + 20, e.key() + ": the target's layer lies below the source's");
            List<Point> p = points(edgeOf(svg, e.key()));
            assertEquals(from.y + from.h, p.get(0).y, EPS, e.key() + " leaves from the bottom");
            assertEquals(to.y, p.get(p.size() - 1).y, EPS, e.key() + " enters from the top");
            for (int i = 0; i + 1 < p.size(); i++) assertTrue(p.get(i + 1).y >= p.get(i).y - EPS, e.key() + " climbs");
            assertLabelOnItsLine(svg, e);
        }
    }

    @Test
    void aCyclesBackEdgeIsDrawnRunningUpIntoItsTarget() {
        List<GraphSummary.OrderEdge> edges = List.of(edge(name(0), name(1), 2, true), edge(name(1), name(2), 3, true),
                edge(name(2), name(0), 4, true), edge(name(1), name(0), 5, true));
        Document svg = render(classes(3), edges, List.of(List.of(name(0), name(1), name(2)), List.of(name(0), name(1))));
        List<String> upwards = new ArrayList<>();
        for (GraphSummary.OrderEdge e : edges) {
            assertRoutedBetween(svg, e);
            assertLabelOnItsLine(svg, e);
            assertEquals("order-edge in-cycle", edgeOf(svg, e.key()).attr("class"));
            List<Point> p = points(edgeOf(svg, e.key()));
            if (box(svg, e.to()).y < box(svg, e.from()).y) {
                upwards.add(e.key());
                assertTrue(p.get(p.size() - 1).y < p.get(0).y, e.key() + " ends above where it starts");
            }
        }
        // 0 -> 1 -> 2 -> 0 and 0 -> 1 -> 0: each cycle has an edge that climbs back, and every edge is drawn
        assertTrue(upwards.contains(edges.get(0).key()) || upwards.containsAll(List.of(edges.get(2).key(),
                edges.get(3).key())) || upwards.containsAll(List.of(edges.get(1).key(), edges.get(3).key())), "" + upwards);
    }

    @Test
    void anEmptyGraphIsASmallEmptyPicture() {
        Document svg = render(List.of(), List.of(), List.of());
        assertEquals("40", svg.selectFirst("svg").attr("height"));
        assertTrue(svg.select("g").isEmpty());
    }

    @Test
    void aNodeTitleGivesKindAndInstancesAndTheBoxShortensOnlyVeryLongNames() {
        String longName = "a_rather_long_lock_class_name";
        String tooLong = "x".repeat(60);
        Document svg = render(List.of(new GraphSummary.LockClassNode("page_lock", "mutex", 2),
                new GraphSummary.LockClassNode(longName, "rwsem", 1), mutex(tooLong)), List.of(), List.of());
        assertEquals("page_lock: mutex, 2 instances", svg.selectFirst("g[data-class=page_lock] > title").text());
        Element longOne = svg.selectFirst("g[data-class=" + longName + "]");
        assertEquals(longName + ": rwsem", longOne.selectFirst("title").text());
        assertEquals(longName, longOne.selectFirst("text").text(), "the box grows to the name");
        assertEquals("x".repeat(47) + "\u2026", svg.selectFirst("g[data-class=" + tooLong + "] > text").text());
    }

    @Test
    void aSelfEdgeLeavesAndReentersItsNodeOutsideItsBox() {
        GraphSummary.OrderEdge self = edge("pl", "pl", 2, true);
        Document svg = render(List.of(new GraphSummary.LockClassNode("pl", "mutex", 2), mutex("a")),
                List.of(self), List.of(List.of("pl")));
        assertRoutedBetween(svg, self);
        List<Point> p = points(edgeOf(svg, self.key()));
        assertTrue(p.size() >= 4, "a loop, not a line through the box: " + p);
        Box node = box(svg, "pl");
        for (Point bend : p.subList(1, p.size() - 1)) {
            assertFalse(bend.x > node.x + EPS && bend.x < node.x + node.w - EPS && bend.y > node.y + EPS
                    && bend.y < node.y + node.h - EPS, "a bend inside the box: " + bend);
        }
        assertLabelOnItsLine(svg, self);
        Element g = edgeOf(svg, self.key());
        assertEquals("order-edge in-cycle", g.attr("class"), "a self-edge is a cycle of its own");
        assertEquals("url(#cycle-arrow)", g.selectFirst("path").attr("marker-end"));
    }

    @Test
    void theSameGraphIsDrawnTheSameWay() {
        GraphSummary g = new GraphSummary(true, classes(6), dag(6), List.of());
        assertEquals(new LockGraphSvg(g).render(), new LockGraphSvg(g).render());
    }

    @Test
    void anEdgeSaysItsPathsAndWitnessAndMarksTrylocksAndCycles() {
        Document svg = render(plain(3), List.of(edge("c0", "c1", 1, true), edge("c1", "c0", 1, true),
                edge("c1", "c2", 4, false), edge("c2", "nowhere")), List.of(List.of("c0", "c1")));
        Element cyc = edgeOf(svg, "c0 -> c1");
        assertEquals("order-edge in-cycle", cyc.attr("class"));
        assertEquals("url(#cycle-arrow)", cyc.selectFirst("path").attr("marker-end"));
        assertEquals(null, cyc.selectFirst("text"), "one path: only the tooltip says so");
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
        String text = new LockGraphSvg(new GraphSummary(true, plain(3), edges,
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
