package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlock.report.Schemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report read as a DOM, against the JSON report of the same run: every scenario,
 * finding and step is on the page with the JSON's values, and the SVG diagrams put each mark
 * where it belongs (a step in its thread's lane, one row further down each step; a held bar
 * from the step that took the lock to the one that released it; a wait arrow ending in the
 * holder's lane; graph nodes apart and as wide as their names, edges axis-parallel from box to box). No browser needed, so
 * mutation testing reaches the renderers; HtmlReportChromiumTest checks that the page renders.
 */
class HtmlReportDomTest {
    private static final int LANE = 280;
    private static final int ROW = 30;
    private static final int TOP = 48;

    /** Trylock-only edge, a self-edge over two instances, classes in layers. */
    private static final String GRAPH_SCENARIO = """
            set page { P0, P1 };
            mutex a;
            mutex b;
            mutex pl[page];
            thread t1 { mutex_lock(a); if (mutex_trylock(b)) { mutex_unlock(b); } mutex_unlock(a); }
            thread t2 { mutex_lock(b); mutex_unlock(b); }
            thread t3 { mutex_lock(pl[P0]); mutex_lock(pl[P1]); mutex_unlock(pl[P1]); mutex_unlock(pl[P0]); }
            """;

    // per test, not @BeforeAll: mutation testing credits a test only with code run inside it
    private Document page;
    private JsonNode json;

    @BeforeEach
    void render(@TempDir Path dir) throws Exception {
        Path root = Schemas.root();
        Path own = dir.resolve("graph <&> shapes.vmlock");
        Files.writeString(own, GRAPH_SCENARIO, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("check", "--format", "html", "-o", dir.resolve("r.html").toString(),
                "--format", "json", "-o", dir.resolve("r.json").toString()));
        ScenarioFiles.under(root.resolve("checker/src/test/resources/reports")).forEach(f -> args.add(f.toString()));
        args.add(root.resolve("checker/src/test/resources/graph/cyclic_weighted.vmlock").toString());
        args.add(own.toString());
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        page = Jsoup.parse(Files.readString(dir.resolve("r.html")));
        json = Schemas.parse(Files.readString(dir.resolve("r.json")));
    }

    @Test
    void theSummaryHasARowPerScenarioLinkingToItsSection() {
        eachRow(page.select("section.summary tbody tr"), json.path("scenarios"), (i, s, row) -> {
            Elements cells = row.select("td");
            assertEquals("#scenario-" + (i + 1), cells.get(0).selectFirst("a").attr("href"));
            assertEquals(s.path("file").asText(), cells.get(0).text());
            assertEquals(s.path("verdict").asText(), cells.get(1).selectFirst("span.badge").className()
                    .replace("badge ", ""));
            assertEquals(s.path("summary").asText(), cells.get(2).text());
            assertEquals(String.format(java.util.Locale.ROOT, "%,d", s.path("stats").path("states").asLong()),
                    cells.get(3).text());
            Element section = page.getElementById("scenario-" + (i + 1));
            assertEquals(s.path("file").asText() + " " + s.path("summary").asText(), section.selectFirst("h2").text());
        });
        assertEquals("vmlock check report", page.title());
        assertEquals("vmlock check report", page.selectFirst("header h1").text());
    }

    @Test
    void everyFindingShowsItsHeadlineLocationReasonsAndSteps() {
        List<Finding> all = findings();
        for (Finding found : all) {
            JsonNode f = found.json();
            Element article = found.article();
            Element kind = article.selectFirst("h3 span.kind");
            assertEquals(Set.of("kind", f.path("kind").asText()), kind.classNames());
            assertEquals(f.path("kind").asText() + " " + f.path("headline").asText(), article.selectFirst("h3").text());
            Elements codes = article.select("p.where code");
            assertEquals(position(f.path("location")), codes.get(0).text());
            assertEquals(f.path("fingerprint").asText(), codes.get(codes.size() - 1).text());
            assertEquals(!f.path("callStack").isEmpty(), codes.size() == 3, "the call stack only when there is one");
            Elements reasons = article.select("ul.why li");
            JsonNode cycle = f.path("waitForCycle");
            assertEquals(cycle.isEmpty() ? f.path("details").size() : cycle.size(), reasons.size(), f.path("headline").asText());
            if (cycle.isEmpty()) {
                for (int d = 0; d < reasons.size(); d++) assertEquals(f.path("details").get(d).asText(), reasons.get(d).text());
            }
            steps(article, f);
            assertEquals(f.path("trace").isEmpty(), found.svg() == null, "a diagram exactly when there are steps");
        }
        assertEquals(all.size(), page.select("article.finding").size());
        assertTrue(all.size() >= 9, "the suite's scenarios give every kind");
    }

    private static void steps(Element article, JsonNode f) {
        JsonNode trace = f.path("trace");
        eachRow(article.select("tr[data-step]"), trace, (k, s, row) -> {
            assertEquals(List.of(s.path("step").asText(), s.path("thread").asText(), s.path("operation").asText(),
                    position(s.path("location")), String.join(" \u2190 ", strings(s.path("callStack"))),
                    s.path("heldAfter").isEmpty() ? "nothing" : String.join(", ", strings(s.path("heldAfter")))),
                    row.select("td").stream().map(Element::text).toList(), "step " + (k + 1));
            assertEquals(s.path("step").asText(), row.attr("data-step"));
        });
        if (trace.isEmpty()) {
            assertEquals("The initial state already shows it: no steps.", article.selectFirst("p.note").text());
            assertTrue(article.select("svg").isEmpty());
        } else {
            assertEquals(trace.size() + (trace.size() == 1 ? " step" : " steps"), article.selectFirst("details.steps summary").text());
        }
        assertEquals(f.path("loop").size(), article.select("tr[data-loop-step]").size());
    }

    /** Lanes by first appearance, one step per row in its thread's lane, classes by what the step did. */
    @Test
    void swimLanesPutEachStepInItsLaneAndRow() {
        for (Finding found : findingsWithDiagrams()) {
            JsonNode f = found.json();
            Element svg = found.svg();
            List<String> lanes = lanes(f);
            JsonNode trace = f.path("trace");
            boolean cycle = !f.path("waitForCycle").isEmpty();
            int rows = trace.size() + (cycle ? 3 : 0);
            int width = Math.max(1, lanes.size()) * LANE;
            int height = TOP + rows * ROW + 16;
            assertEquals(List.of(Integer.toString(width), Integer.toString(height), "0 0 " + width + " " + height),
                    List.of(svg.attr("width"), svg.attr("height"), svg.attr("viewBox")));
            Elements laneMarks = svg.select("g.lane");
            assertEquals(lanes, laneMarks.eachAttr("data-thread"));
            for (int i = 0; i < lanes.size(); i++) {
                Element rect = laneMarks.get(i).selectFirst("rect");
                assertEquals(List.of(i * LANE + 2, 2, LANE - 4, height - 4),
                        List.of(num(rect, "x"), num(rect, "y"), num(rect, "width"), num(rect, "height")));
                assertEquals(i * LANE + LANE / 2, num(laneMarks.get(i).selectFirst("text"), "x"));
                assertEquals(lanes.get(i), laneMarks.get(i).selectFirst("text").text());
                Element line = laneMarks.get(i).selectFirst("line");
                assertEquals(List.of(dotX(i), TOP - 6, dotX(i), height - 8),
                        List.of(num(line, "x1"), num(line, "y1"), num(line, "x2"), num(line, "y2")));
            }
            Elements steps = svg.select("g.step");
            assertEquals(trace.size(), steps.size());
            Map<String, List<String>> held = new LinkedHashMap<>();
            for (int row = 0; row < trace.size(); row++) {
                JsonNode s = trace.get(row);
                Element mark = steps.get(row);
                Element dot = mark.selectFirst("circle");
                String thread = s.path("thread").asText();
                assertEquals(s.path("step").asText(), mark.attr("data-step"));
                assertEquals(dotX(lanes.indexOf(thread)), num(dot, "cx"), "step " + (row + 1) + " sits in " + thread + "'s lane");
                assertEquals(rowY(row), num(dot, "cy"), "step " + (row + 1) + " is on row " + row);
                Elements texts = mark.select("text");
                assertEquals(s.path("step").asText(), texts.get(0).text());
                assertEquals(List.of(dotX(lanes.indexOf(thread)), rowY(row) + 4, dotX(lanes.indexOf(thread)) + 15),
                        List.of(num(texts.get(0), "x"), num(texts.get(0), "y"), num(texts.get(1), "x")));
                List<String> before = held.getOrDefault(thread, List.of());
                List<String> after = strings(s.path("heldAfter"));
                held.put(thread, after);
                boolean took = after.stream().anyMatch(h -> !before.contains(h));
                boolean released = before.stream().anyMatch(h -> !after.contains(h));
                String kind = !cycle && row == trace.size() - 1 ? "step last" : took ? "step take" : released ? "step release" : "step";
                assertEquals(kind, mark.className(), "step " + (row + 1));
                assertEquals(took, dot.hasAttr("style"), "a step that takes a lock is coloured by it");
                assertTrue(mark.selectFirst("title").text().startsWith(s.path("step").asText() + ". " + thread + ": "));
            }
        }
    }

    /** A bar per hold, in the holder's lane, from the row that took the lock to the row that released it. */
    @Test
    void heldBarsSpanFromTakeToRelease() {
        int bars = 0;
        for (Finding found : findingsWithDiagrams()) {
            JsonNode f = found.json();
            List<String> lanes = lanes(f);
            JsonNode trace = f.path("trace");
            int end = trace.size() + (f.path("waitForCycle").isEmpty() ? 0 : 1);
            Set<String> expected = new TreeSet<>();
            Map<String, Map<String, Integer>> open = new LinkedHashMap<>();
            Map<String, List<String>> before = new LinkedHashMap<>();
            for (int row = 0; row < trace.size(); row++) {
                String thread = trace.get(row).path("thread").asText();
                List<String> was = before.getOrDefault(thread, List.of());
                List<String> now = strings(trace.get(row).path("heldAfter"));
                Map<String, Integer> mine = open.computeIfAbsent(thread, t -> new LinkedHashMap<>());
                for (String h : was) if (!now.contains(h)) expected.add(bar(thread, h, mine.remove(h), row));
                for (String h : now) if (!was.contains(h)) mine.put(h, row);
                before.put(thread, now);
            }
            open.forEach((thread, mine) -> mine.forEach((h, from) -> expected.add(bar(thread, h, from, end))));
            Set<String> drawn = new TreeSet<>();
            Map<String, String> colours = new LinkedHashMap<>();
            for (Element rect : found.svg().select("rect.held")) {
                String title = rect.selectFirst("title").text();
                String thread = title.substring(0, title.indexOf(" holds "));
                String lock = rect.attr("data-lock");
                int x = num(rect, "x") - lanes.indexOf(thread) * LANE;
                assertTrue(x >= 10 && x < 10 + 8 * 7 && (x - 10) % 7 == 0, "a bar in a slot of " + thread + "'s lane: " + x);
                assertTrue(title.substring(title.indexOf(" holds ") + 7).startsWith(lock), title);
                assertEquals(colours.computeIfAbsent(lock, l -> rect.attr("fill")), rect.attr("fill"), "one colour per lock");
                drawn.add(thread + " holds " + title.substring(title.indexOf(" holds ") + 7) + " y=" + num(rect, "y")
                        + " h=" + num(rect, "height"));
                bars++;
            }
            assertEquals(expected, drawn, f.path("headline").asText());
            Element legend = found.article().selectFirst("p.legend");
            assertEquals(List.copyOf(colours.keySet()).stream().sorted().toList(),
                    legend == null ? List.of() : legend.select("span").eachText().stream().sorted().toList());
            if (legend != null) {
                for (Element span : legend.select("span")) {
                    assertEquals("background:" + colours.get(span.text()), span.selectFirst("i").attr("style"));
                }
            }
        }
        assertTrue(bars > 0);
    }

    private static String bar(String thread, String held, int fromRow, int toRow) {
        int y1 = rowY(fromRow);
        int y2 = Math.max(rowY(toRow), y1 + 6);
        return thread + " holds " + held + " y=" + y1 + " h=" + (y2 - y1);
    }

    /** Each waiting thread's blocked mark in its lane on the last row, its arrow ending in its holder's lane. */
    @Test
    void waitArrowsGoFromTheWaiterToItsHolder() {
        int arrows = 0;
        for (Finding found : findingsWithDiagrams()) {
            JsonNode cycle = found.json().path("waitForCycle");
            Elements waits = found.svg().select("g.wait");
            assertEquals(cycle.size(), waits.size());
            List<String> lanes = lanes(found.json());
            int y = rowY(found.json().path("trace").size() + 1);
            Elements why = found.article().select("ul.why li");
            for (int i = 0; i < cycle.size(); i++, arrows++) {
                Element w = waits.get(i);
                String thread = cycle.get(i).path("thread").asText();
                String holder = cycle.get((i + 1) % cycle.size()).path("thread").asText();
                assertEquals(thread, w.attr("data-thread"));
                assertEquals(why.get(i).text(), w.selectFirst("title").text(), "the arrow's tooltip is the cycle's sentence");
                Element blocked = w.selectFirst("rect.blocked");
                assertEquals(List.of(dotX(lanes.indexOf(thread)) - 9, y - 9), List.of(num(blocked, "x"), num(blocked, "y")));
                String d = w.selectFirst("path.wait-edge").attr("d");
                String[] points = d.replaceAll("[MC]", "").trim().split("[ ,]+");
                int from = dotX(lanes.indexOf(thread));
                int to = Integer.parseInt(points[points.length - 2]);
                int holderLane = lanes.indexOf(holder) * LANE;
                assertTrue(to >= holderLane && to < holderLane + LANE, "the arrow ends in " + holder + "'s lane");
                assertEquals(arc(from, to, y), d, "rightwards above the row, leftwards below it, to itself a loop over it");
                assertEquals("url(#wait-arrow)", w.selectFirst("path").attr("marker-end"));
                String label = w.selectFirst("text.wait-label").text();
                String full = "waits for " + cycle.get(i).path("waitsFor").asText();
                assertTrue(label.equals(full) || label.endsWith("\u2026") && full.startsWith(label.substring(0, label.length() - 1))
                        && label.length() == 22, label);
            }
        }
        assertTrue(arrows >= 2, "the deadlocks' cycles are drawn");
    }

    /** A wait arrow's path from the waiter's mark at x {@code from} to x {@code to}, on the row at {@code y}. */
    private static String arc(int from, int to, int y) {
        if (Math.abs(from - to) < LANE / 2) {
            return "M" + from + "," + (y - 10) + " C" + from + "," + (y - 50) + " " + (to + 4) + "," + (y - 50) + " " + to
                    + "," + (y - 12);
        }
        int side = from < to ? -1 : 1;
        return "M" + from + "," + (y + 10 * side) + " C" + from + "," + (y + 34 * side) + " " + to + "," + (y + 34 * side)
                + " " + to + "," + (y + 4 * side);
    }

    /** Nodes inside the picture and apart; each edge leaves its source's box and enters its target's. */
    @Test
    void theLockGraphDrawsEveryClassAndEdgeWhereItBelongs() {
        JsonNode scenarios = json.path("scenarios");
        int edges = 0;
        for (int i = 0; i < scenarios.size(); i++) {
            JsonNode g = scenarios.get(i).path("lockOrderGraph");
            Element section = page.getElementById("scenario-" + (i + 1));
            Element svg = section.selectFirst("div.graph svg.lock-graph");
            if (g.isMissingNode()) {
                assertTrue(svg == null);
                continue;
            }
            assertEquals("Lock-order graph" + (g.path("complete").asBoolean() ? "" : " (incomplete)"),
                    section.selectFirst("div.graph h3").text());
            int width = num(svg, "width");
            int height = num(svg, "height");
            assertEquals("0 0 " + width + " " + height, svg.attr("viewBox"));
            Map<String, double[]> boxes = new LinkedHashMap<>();
            for (JsonNode c : g.path("classes")) {
                String name = c.path("name").asText();
                Element node = svg.selectFirst("g.lock-class[data-class=\"" + name + "\"]");
                Element rect = node.selectFirst("rect");
                double[] box = {dbl(rect, "x"), dbl(rect, "y"), dbl(rect, "width"), dbl(rect, "height")};
                assertEquals(34, box[3]);
                assertTrue(box[2] >= name.length() * 13 * 0.6 + 8, name + ": the box is as wide as its name");
                assertTrue(box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= width && box[1] + box[3] <= height,
                        name + " lies inside the picture");
                for (double[] other : boxes.values()) {
                    assertTrue(other[0] + other[2] <= box[0] || box[0] + box[2] <= other[0] || other[1] + other[3] <= box[1]
                            || box[1] + box[3] <= other[1], "nodes overlap");
                }
                boxes.put(name, box);
                Element text = node.selectFirst("text");
                assertEquals(box[0] + box[2] / 2, dbl(text, "x"), 0.11);
                assertEquals(name, text.text());
                int instances = c.path("instances").asInt();
                assertEquals(name + ": " + c.path("kind").asText() + (instances > 1 ? ", " + instances + " instances" : ""),
                        node.selectFirst("title").text());
            }
            assertEquals(g.path("classes").size(), svg.select("g.lock-class").size());
            assertEquals(g.path("edges").size(), svg.select("g.order-edge").size());
            for (JsonNode e : g.path("edges")) {
                edge(svg, e, boxes);
                edges++;
            }
        }
        assertTrue(edges >= 6);
    }

    /**
     * A clean check whose graph has cycles (seed 1 fixed: every one dismissed read/read): none is
     * red, each is listed with its reason under the graph, and each edge on one says why in its
     * tooltip. An AB-BA deadlock's cycle stays red beside it.
     */
    @Test
    void dismissedCyclesAreGreyWithTheirReason(@TempDir Path dir) throws Exception {
        Path seeds = Schemas.root().resolve("examples/seeds");
        Path abba = dir.resolve("abba.vmlock");
        Files.writeString(abba, "mutex a;\nmutex b;\nthread t { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }\n"
                + "thread u { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }\n", StandardCharsets.UTF_8);
        Cli r = Cli.run("check", "--format", "html", "-o", dir.resolve("d.html").toString(), "--format", "json", "-o",
                dir.resolve("d.json").toString(), seeds.resolve("1-dax-sync-fault-fixed.vmlock").toString(), abba.toString());
        assertEquals(ExitCodes.FINDINGS, r.code(), r.toString());
        Document doc = Jsoup.parse(Files.readString(dir.resolve("d.html")));
        JsonNode scenarios = Schemas.parse(Files.readString(dir.resolve("d.json"))).path("scenarios");
        assertEquals("clean", scenarios.get(0).path("verdict").asText());
        Element clean = doc.getElementById("scenario-1").selectFirst("div.graph");
        Set<String> cycles = new TreeSet<>();
        for (JsonNode c : scenarios.get(0).path("lockOrderGraph").path("cycles")) {
            List<String> names = new ArrayList<>();
            c.forEach(n -> names.add(n.asText()));
            cycles.add(String.join(" -> ", names) + " -> " + names.get(0));
        }
        assertFalse(cycles.isEmpty());
        Set<String> listed = new TreeSet<>();
        for (Element li : clean.select("ul.dismissed li")) {
            listed.add(li.attr("data-cycle"));
            assertTrue(li.text().matches(".+: \\S.*"), "a dismissed cycle is listed with its reason: " + li.text());
        }
        assertEquals(cycles, listed, "a clean check dismissed every cycle of its graph");
        assertTrue(clean.select("g.order-edge.in-cycle").isEmpty(), "no red edge in a clean report");
        Elements grey = clean.select("g.order-edge.dismissed-cycle");
        assertFalse(grey.isEmpty());
        for (Element g : grey) {
            String title = g.selectFirst("title").text();
            assertTrue(listed.stream().anyMatch(c -> title.contains("on dismissed cycle " + c + ": ")), title);
        }
        Element deadlock = doc.getElementById("scenario-2").selectFirst("div.graph");
        assertEquals(2, deadlock.select("g.order-edge.in-cycle").size(), "the finding's cycle stays red");
        assertTrue(deadlock.select("ul.dismissed, g.order-edge.dismissed-cycle").isEmpty());
    }

    private static void edge(Element svg, JsonNode e, Map<String, double[]> boxes) {
        String from = e.path("from").asText();
        String to = e.path("to").asText();
        Element g = svg.selectFirst("g.order-edge[data-edge=\"" + from + " -> " + to + "\"]");
        boolean inCycle = e.path("inCycle").asBoolean();
        boolean blocking = e.path("blocking").asBoolean();
        int paths = e.path("paths").asInt();
        // an edge on a cycle is red when the cycle is a finding, grey when the check dismissed every cycle it is on
        boolean dismissed = g.hasClass("dismissed-cycle");
        assertEquals(inCycle, g.hasClass("in-cycle") || dismissed);
        assertFalse(g.hasClass("in-cycle") && dismissed);
        Element path = g.selectFirst("path");
        assertEquals(!inCycle ? "url(#order-arrow)" : dismissed ? "url(#dismissed-arrow)" : "url(#cycle-arrow)",
                path.attr("marker-end"));
        assertEquals(!blocking, path.hasAttr("stroke-dasharray"));
        assertEquals(paths > 1 ? paths + " paths" : "", g.select("text").text());
        JsonNode at = e.path("acquiredAt");
        String title = g.selectFirst("title").text();
        String witness = from + " -> " + to + ": " + paths + (paths == 1 ? " path" : " paths") + ", e.g. "
                + e.path("callPath").asText() + " at " + position(at) + (blocking ? "" : " (trylock only)");
        assertTrue(title.startsWith(witness), title);
        if (dismissed) assertTrue(title.substring(witness.length()).startsWith(" on dismissed cycle "), title);
        else if (!g.hasClass("in-cycle")) assertEquals(witness, title);
        // ELK's orthogonal routing: a polyline from the source's box to the target's, axis-parallel
        String[] p = path.attr("d").replaceAll("[ML]", "").trim().split("[ ,]+");
        assertTrue(path.attr("d").matches("M[-\\d.,]+( L[-\\d.,]+)+"), path.attr("d"));
        for (int i = 0; i + 3 < p.length; i += 2) {
            assertTrue(p[i].equals(p[i + 2]) || p[i + 1].equals(p[i + 3]), from + " -> " + to + ": a slanted segment");
        }
        assertOnBorder(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])}, boxes.get(from), from);
        assertOnBorder(new double[] {Double.parseDouble(p[p.length - 2]), Double.parseDouble(p[p.length - 1])},
                boxes.get(to), to);
    }

    /** On the border of the node's box. */
    private static void assertOnBorder(double[] point, double[] box, String node) {
        boolean inX = point[0] >= box[0] - 0.11 && point[0] <= box[0] + box[2] + 0.11;
        boolean inY = point[1] >= box[1] - 0.11 && point[1] <= box[1] + box[3] + 0.11;
        boolean side = Math.abs(point[0] - box[0]) < 0.11 || Math.abs(point[0] - box[0] - box[2]) < 0.11;
        boolean topOrBottom = Math.abs(point[1] - box[1]) < 0.11 || Math.abs(point[1] - box[1] - box[3]) < 0.11;
        assertTrue(inX && inY && (side || topOrBottom), "the edge meets " + node + "'s box: " + point[0] + "," + point[1]);
    }

    private interface RowCheck {
        void check(int index, JsonNode item, Element row);
    }

    /** One table row per element of a JSON array, in order, each checked against its element. */
    private static void eachRow(Elements rows, JsonNode items, RowCheck check) {
        assertEquals(items.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) check.check(i, items.get(i), rows.get(i));
    }

    /** A finding of the JSON report, its article on the page and its swim-lane diagram (null without steps). */
    private record Finding(JsonNode json, Element article, Element svg) {
    }

    private List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        JsonNode scenarios = json.path("scenarios");
        for (int i = 0; i < scenarios.size(); i++) {
            JsonNode fs = scenarios.get(i).path("findings");
            for (int j = 0; j < fs.size(); j++) {
                Element article = page.getElementById("finding-" + (i + 1) + "-" + (j + 1));
                assertTrue(article != null, "finding " + (i + 1) + "-" + (j + 1) + " is on the page");
                out.add(new Finding(fs.get(j), article, article.selectFirst("div.diagram svg.lanes")));
            }
        }
        return out;
    }

    private List<Finding> findingsWithDiagrams() {
        List<Finding> out = findings().stream().filter(f -> f.svg() != null).toList();
        assertFalse(out.isEmpty());
        return out;
    }

    /** Threads in the order the trace first shows them, then the cycle's. */
    private static List<String> lanes(JsonNode f) {
        List<String> lanes = new ArrayList<>();
        for (JsonNode s : f.path("trace")) if (!lanes.contains(s.path("thread").asText())) lanes.add(s.path("thread").asText());
        for (JsonNode l : f.path("waitForCycle")) if (!lanes.contains(l.path("thread").asText())) lanes.add(l.path("thread").asText());
        return lanes;
    }

    private static int dotX(int lane) {
        return lane * LANE + 16 + 8 * 7;
    }

    private static int rowY(int row) {
        return TOP + 14 + row * ROW;
    }

    private static int num(Element e, String attribute) {
        return Integer.parseInt(e.attr(attribute));
    }

    private static double dbl(Element e, String attribute) {
        return Double.parseDouble(e.attr(attribute));
    }

    private static String position(JsonNode span) {
        return span.path("file").asText() + ":" + span.path("line").asInt() + ":" + span.path("column").asInt();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
