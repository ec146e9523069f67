package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import io.vmlock.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The swim-lane diagram of one finding read as a DOM: held bars stay in their thread's lane left
 * of its line however many locks it holds, a lock keeps its place in a lane, each step's mark
 * says what the step did and its tooltip gives the step in full.
 */
class SwimLaneSvgTest {
    private static HeldLock mutex(String name) {
        return new HeldLock(name, HeldLock.Mode.EXCLUSIVE);
    }

    private static Document render(Finding f) {
        return Jsoup.parse(new SwimLaneSvg(f, new LockColors()).render(), "", Parser.xmlParser());
    }

    private static Finding finding(List<TraceStep> trace) {
        return new Finding(Verdict.LOCK_HELD_AT_EXIT, "t ends holding", List.of(), List.of(), trace,
                trace.get(trace.size() - 1).span());
    }

    private static double num(Element e, String attr) {
        return Double.parseDouble(e.attr(attr));
    }

    /** t takes ten locks one by one, lets l0 go and takes it again; u takes one lock. */
    private static Finding manyLocks() {
        List<TraceStep> trace = new ArrayList<>();
        List<HeldLock> held = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            held.add(mutex("l" + i));
            trace.add(new TraceStep(trace.size() + 1, "t", "lock(l" + i + ")", SyntheticReports.at(5 + i, 3), List.of(),
                    List.copyOf(held)));
        }
        trace.add(new TraceStep(11, "u", "lock(x)", SyntheticReports.at(30, 3), List.of(), List.of(mutex("x"))));
        held.remove(0);
        trace.add(new TraceStep(12, "t", "unlock(l0)", SyntheticReports.at(31, 3), List.of(), List.copyOf(held)));
        held.add(mutex("l0"));
        trace.add(new TraceStep(13, "t", "lock(l0)", SyntheticReports.at(32, 3), List.of(), List.copyOf(held)));
        return finding(trace);
    }

    @Test
    void heldBarsStayInTheirLaneLeftOfItsLineHoweverManyLocksAreHeld() {
        Document svg = render(manyLocks());
        for (Element lane : svg.select("g.lane")) {
            String thread = lane.attr("data-thread");
            Element bg = lane.selectFirst("rect.lane-bg");
            double left = num(bg, "x");
            double line = num(lane.selectFirst("line.lane-line"), "x1");
            for (Element bar : svg.select("rect.held")) {
                if (!bar.selectFirst("title").text().startsWith(thread + " holds ")) continue;
                assertTrue(num(bar, "x") > left && num(bar, "x") + num(bar, "width") < line,
                        thread + "'s bar " + bar.attr("data-lock") + " at " + bar.attr("x") + " leaves the lane or crosses its line");
            }
        }
        List<Element> l0 = svg.select("rect.held[data-lock=l0]");
        assertEquals(2, l0.size(), "l0 held twice");
        assertEquals(l0.get(0).attr("x"), l0.get(1).attr("x"), "a lock keeps its place in the lane");
        assertTrue(num(l0.get(0), "y") + num(l0.get(0), "height") <= num(l0.get(1), "y"), "one hold after the other");
        List<String> firstEight = new ArrayList<>();
        for (int i = 0; i < 8; i++) firstEight.add(svg.selectFirst("rect.held[data-lock=l" + i + "]").attr("x"));
        assertEquals(8, firstEight.stream().distinct().count(), "eight locks held at once side by side: " + firstEight);
        List<String> fills = new ArrayList<>();
        for (int i = 0; i < 8; i++) fills.add(svg.selectFirst("rect.held[data-lock=l" + i + "]").attr("fill"));
        assertTrue(fills.stream().allMatch(c -> c.matches("#[0-9a-f]{6}")), "colours: " + fills);
        assertEquals(8, fills.stream().distinct().count(), "a colour per lock: " + fills);
        Element x = svg.selectFirst("rect.held[data-lock=x]");
        assertTrue(num(x, "x") >= SwimLaneSvg.LANE, "u's bar in u's lane");
        assertEquals("u holds x", x.selectFirst("title").text());
    }

    @Test
    void aBarRunsFromTheStepThatTookTheLockToTheOneThatReleasedItOrPastTheLast() {
        Document svg = render(manyLocks());
        List<Element> steps = svg.select("g[data-step]");
        List<Element> l0 = svg.select("rect.held[data-lock=l0]");
        double take = num(steps.get(0).selectFirst("circle"), "cy");
        double release = num(steps.get(11).selectFirst("circle"), "cy");
        assertEquals(take, num(l0.get(0), "y"));
        assertEquals(release, num(l0.get(0), "y") + num(l0.get(0), "height"));
        double last = num(steps.get(12).selectFirst("circle"), "cy");
        assertEquals(last, num(l0.get(1), "y"));
        double bottom = num(l0.get(1), "y") + num(l0.get(1), "height");
        assertTrue(bottom > last && bottom <= num(svg.selectFirst("svg"), "height"), "held to the end, inside the picture");
    }

    @Test
    void eachStepsMarkSaysWhatItDidAndItsTooltipGivesTheStepInFull() {
        Document svg = render(manyLocks());
        Element first = svg.selectFirst("g[data-step=1]");
        assertEquals("step take", first.attr("class"));
        assertEquals("1. t: lock(l0)\n" + SyntheticReports.at(5, 3).position() + "\nholds l0",
                first.selectFirst("title").wholeText());
        Element bar = svg.selectFirst("rect.held[data-lock=l0]");
        assertEquals("fill:" + bar.attr("fill"), first.selectFirst("circle").attr("style"), "a take in the lock's colour");
        Element release = svg.selectFirst("g[data-step=12]");
        assertEquals("step release", release.attr("class"));
        assertTrue(release.selectFirst("circle").attr("style").isEmpty());
        assertTrue(release.selectFirst("title").wholeText().endsWith("\nholds l1, l2, l3, l4, l5, l6, l7, l8, l9"));
        assertEquals("step last", svg.selectFirst("g[data-step=13]").attr("class"));
        Element circle = first.selectFirst("circle");
        Element op = first.selectFirst("text.step-op");
        assertEquals("lock(l0)", op.text());
        assertTrue(num(op, "x") > num(circle, "cx") + num(circle, "r"), "the operation right of its mark");
        assertEquals(first.selectFirst("text.step-no").attr("x"), circle.attr("cx"), "the number in its mark");
        double baseline = num(first.selectFirst("text.step-no"), "y");
        assertEquals(baseline, num(op, "y"), "the operation on the number's line");
        assertTrue(baseline > num(circle, "cy") && baseline < num(circle, "cy") + num(circle, "r"), "inside the mark");
    }

    @Test
    void aStepThatChangesNothingIsPlainAndLongTextsAreShortened() {
        String longThread = "a_thread_with_a_name_far_too_long_for_a_lane";
        List<TraceStep> trace = List.of(
                new TraceStep(1, longThread, "compute_something_with_a_long_name(argument)", SyntheticReports.at(3, 3),
                        List.of(), List.of()),
                new TraceStep(2, longThread, "end()", SyntheticReports.at(4, 3), List.of(), List.of()));
        Document svg = render(finding(trace));
        Element step = svg.selectFirst("g[data-step=1]");
        assertEquals("step", step.attr("class"));
        assertEquals("compute_something_with_a_l\u2026", step.selectFirst("text.step-op").text());
        assertTrue(step.selectFirst("title").wholeText().startsWith("1. " + longThread
                + ": compute_something_with_a_long_name(argument)\n"), "the tooltip has it all");
        assertTrue(step.selectFirst("title").wholeText().endsWith("\nholds nothing"));
        assertEquals(longThread.substring(0, 33) + "\u2026", svg.selectFirst("text.lane-title").text());
        assertEquals(longThread, svg.selectFirst("g.lane > title").text(), "the lane's tooltip has the whole name");
        Element root = svg.selectFirst("svg");
        assertEquals(String.valueOf(SwimLaneSvg.LANE), root.attr("width"), "one lane");
        double height = num(root, "height");
        assertEquals(height - 4, num(svg.selectFirst("rect.lane-bg"), "height"));
        assertTrue(num(svg.selectFirst("g[data-step=2] > circle"), "cy") + 10 < height, "the last step inside");
    }

    @Test
    void aDeadlocksWaitsPointRightAboveTheRowAndLeftBelowIt() {
        Document svg = render(SyntheticReports.deadlock());
        List<Element> waits = svg.select("g.wait");
        assertEquals(2, waits.size());
        for (Element w : waits) {
            double from = num(w.selectFirst("rect.blocked"), "x") + 9;
            double y = num(w.selectFirst("rect.blocked"), "y") + 9;
            String[] d = w.selectFirst("path").attr("d").split("[ MC,]+");
            double startY = Double.parseDouble(d[2]);
            double bendY = Double.parseDouble(d[4]);
            double toX = Double.parseDouble(d[7]);
            assertEquals(from, Double.parseDouble(d[1]), "the arrow leaves the blocked mark");
            if (toX > from) assertTrue(startY < y && bendY < startY, w.attr("data-thread") + " rightwards above");
            else assertTrue(startY > y && bendY > startY, w.attr("data-thread") + " leftwards below");
            assertEquals(w.selectFirst("title").text(), SyntheticReports.deadlock().cycle().stream()
                    .filter(l -> l.thread().equals(w.attr("data-thread"))).findFirst().orElseThrow().sentence());
        }
        assertEquals("waits for the journal\u2026", waits.get(0).selectFirst("text.wait-label").text());
        for (Element w : waits) {
            Element mark = w.selectFirst("rect.blocked");
            Element label = w.selectFirst("text.wait-label");
            assertTrue(num(label, "x") > num(mark, "x") + num(mark, "width"), "the label right of the blocked mark");
            assertTrue(num(label, "y") > num(mark, "y") && num(label, "y") < num(mark, "y") + num(mark, "height"),
                    "the label on the mark's line");
        }
        // each arrow ends in the bar of the lock it waits for, in the holder's lane
        String[] toWriter = waits.get(1).selectFirst("path").attr("d").split("[ MC,]+");
        Element pageLock = svg.selectFirst("rect.held[data-lock=page_lock[P0]]");
        double end = Double.parseDouble(toWriter[7]);
        assertTrue(end >= num(pageLock, "x") && end <= num(pageLock, "x") + num(pageLock, "width"), "at the bar: " + end);
    }

    @Test
    void withoutABarTheWaitEndsOnTheHoldersLineAndTheLegendNamesEachLockOnce() {
        WaitLink.End a = new WaitLink.Lock("a", "a", false, "a");
        WaitLink.End b = new WaitLink.Lock("b", "b", false, "b");
        Finding f = new Finding(Verdict.DEADLOCK, "t and u", List.of(),
                List.of(new WaitLink("t", a, b, Optional.empty()), new WaitLink("u", b, a, Optional.empty())), List.of(),
                SyntheticReports.at(2, 1));
        Document svg = render(f);
        Element t = svg.selectFirst("g.wait[data-thread=t]");
        String[] d = t.selectFirst("path").attr("d").split("[ MC,]+");
        assertEquals(svg.selectFirst("g.lane[data-thread=u] > line").attr("x1"), d[7], "no trace, no bar: u's line");
        List<TraceStep> shared = List.of(
                new TraceStep(1, "t", "lock(a)", SyntheticReports.at(3, 1), List.of(), List.of(mutex("a"))),
                new TraceStep(2, "t", "unlock(a)", SyntheticReports.at(4, 1), List.of(), List.of()),
                new TraceStep(3, "u", "lock(a)", SyntheticReports.at(5, 1), List.of(), List.of(mutex("a"))),
                new TraceStep(4, "u", "lock(b)", SyntheticReports.at(6, 1), List.of(), List.of(mutex("a"), mutex("b"))));
        SwimLaneSvg lanes = new SwimLaneSvg(finding(shared), new LockColors());
        lanes.render();
        assertEquals(List.of("a", "b"), lanes.locks());
    }
}
