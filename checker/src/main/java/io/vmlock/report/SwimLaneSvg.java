package io.vmlock.report;

import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A counterexample as an SVG swim-lane diagram: a lane per thread, steps down the page in the
 * order they ran, a shaded bar along a lane for each lock while the thread holds it, and for a
 * deadlock a last row where each thread of the cycle points at the thread it waits for.
 */
final class SwimLaneSvg {
    static final int LANE = 280;
    static final int ROW = 30;
    private static final int TOP = 48;
    private static final int BARS = 8;
    private static final int BAR_W = 7;
    private static final int DOT_X = 16 + BARS * BAR_W;

    private final Finding finding;
    private final Map<String, Integer> lanes = new LinkedHashMap<>();
    /** Per thread, the x of each lock's bar: wait arrows end at the bar of what they wait for. */
    private final Map<String, Map<String, Integer>> barX = new LinkedHashMap<>();
    private final LockColors colors;

    SwimLaneSvg(Finding finding, LockColors colors) {
        this.finding = finding;
        this.colors = colors;
        for (TraceStep s : finding.trace()) lanes.putIfAbsent(s.thread(), lanes.size());
        for (WaitLink l : finding.cycle()) lanes.putIfAbsent(l.thread(), lanes.size());
    }

    String render() {
        int rows = finding.trace().size() + (finding.cycle().isEmpty() ? 0 : 3);
        int width = Math.max(1, lanes.size()) * LANE;
        int height = TOP + rows * ROW + 16;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"lanes\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape("swim lanes: " + finding.headline()))
                .append("\">\n");
        svg.append("<defs><marker id=\"wait-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" ")
                .append("markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" ")
                .append("fill=\"#c0392b\"/></marker></defs>\n");
        lanes.forEach((thread, i) -> lane(svg, thread, i, height));
        heldBars(svg);
        List<HeldLocks.Change> changes = HeldLocks.changes(finding.trace());
        for (int row = 0; row < changes.size(); row++) step(svg, changes.get(row), row);
        if (!finding.cycle().isEmpty()) waits(svg, changes.size() + 1);
        return svg.append("</svg>\n").toString();
    }

    private void lane(StringBuilder svg, String thread, int i, int height) {
        int x = i * LANE;
        // the title is cut to the lane's width; the tooltip keeps the whole name
        svg.append("<g class=\"lane\" data-thread=\"").append(Html.escape(thread)).append("\"><title>")
                .append(Html.escape(thread)).append("</title>");
        svg.append("<rect x=\"").append(x + 2).append("\" y=\"2\" width=\"").append(LANE - 4).append("\" height=\"")
                .append(height - 4).append("\" rx=\"6\" class=\"lane-bg\"/>");
        svg.append("<text x=\"").append(x + LANE / 2).append("\" y=\"28\" class=\"lane-title\">")
                .append(Html.escape(Html.shorten(thread, 34))).append("</text>");
        svg.append("<line x1=\"").append(x + DOT_X).append("\" y1=\"").append(TOP - 6).append("\" x2=\"").append(x + DOT_X)
                .append("\" y2=\"").append(height - 8).append("\" class=\"lane-line\"/></g>\n");
    }

    /** A bar from the step that takes a lock to the step that releases it (or the end). */
    private void heldBars(StringBuilder svg) {
        Map<String, Map<HeldLock, Integer>> open = new LinkedHashMap<>();
        Map<String, List<String>> slots = new LinkedHashMap<>();
        List<HeldLocks.Change> changes = HeldLocks.changes(finding.trace());
        int end = changes.size() + (finding.cycle().isEmpty() ? 0 : 1);
        for (int row = 0; row < changes.size(); row++) {
            HeldLocks.Change c = changes.get(row);
            Map<HeldLock, Integer> mine = open.computeIfAbsent(c.step().thread(), t -> new LinkedHashMap<>());
            for (HeldLock h : c.released()) {
                Integer from = mine.remove(h);
                if (from != null) bar(svg, c.step().thread(), h, from, row, slots);
            }
            for (HeldLock h : c.taken()) mine.put(h, row);
        }
        open.forEach((thread, held) -> held.forEach((h, from) -> bar(svg, thread, h, from, end, slots)));
    }

    private void bar(StringBuilder svg, String thread, HeldLock held, int fromRow, int toRow,
                     Map<String, List<String>> slots) {
        List<String> mine = slots.computeIfAbsent(thread, t -> new ArrayList<>());
        String lock = held.lock();
        if (!mine.contains(lock)) mine.add(lock);
        int slot = mine.indexOf(lock) % BARS;
        int x = lanes.get(thread) * LANE + 10 + slot * BAR_W;
        barX.computeIfAbsent(thread, t -> new LinkedHashMap<>()).put(lock, x + (BAR_W - 2) / 2);
        int y1 = rowY(fromRow);
        int y2 = Math.max(rowY(toRow), y1 + 6);
        svg.append("<rect class=\"held\" x=\"").append(x).append("\" y=\"").append(y1).append("\" width=\"")
                .append(BAR_W - 2).append("\" height=\"").append(y2 - y1).append("\" rx=\"2\" fill=\"")
                .append(colors.of(lock)).append("\" data-lock=\"").append(Html.escape(lock)).append("\"><title>")
                .append(Html.escape(thread + " holds " + held.text())).append("</title></rect>\n");
    }

    private void step(StringBuilder svg, HeldLocks.Change c, int row) {
        TraceStep s = c.step();
        int x = lanes.get(s.thread()) * LANE + DOT_X;
        int y = rowY(row);
        boolean last = finding.cycle().isEmpty() && row == finding.trace().size() - 1;
        String kind = last ? "step last" : !c.taken().isEmpty() ? "step take" : !c.released().isEmpty()
                ? "step release" : "step";
        String colour = c.taken().isEmpty() ? "" : " style=\"fill:" + colors.of(c.taken().get(0).lock())
                + "\"";
        svg.append("<g class=\"").append(kind).append("\" data-step=\"").append(s.number()).append("\"><title>")
                .append(Html.escape(s.number() + ". " + s.thread() + ": " + s.operation() + "\n" + s.span().position()
                        + "\nholds " + HeldLocks.describe(s.heldAfter())))
                .append("</title><circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"10\"")
                .append(colour).append("/><text x=\"").append(x).append("\" y=\"").append(y + 4)
                .append("\" class=\"step-no\">").append(s.number()).append("</text><text x=\"").append(x + 15)
                .append("\" y=\"").append(y + 4).append("\" class=\"step-op\">")
                .append(Html.escape(Html.shorten(s.operation(), 27))).append("</text></g>\n");
    }

    /**
     * The cycle: from each waiting thread's blocked mark to the bar of the lock it waits for in
     * the lane of its holder; arrows to the right arc above the row, arrows to the left below it.
     */
    private void waits(StringBuilder svg, int row) {
        List<WaitLink> cycle = finding.cycle();
        int y = rowY(row);
        for (int i = 0; i < cycle.size(); i++) {
            WaitLink l = cycle.get(i);
            WaitLink holder = cycle.get((i + 1) % cycle.size());
            int from = lanes.get(l.thread()) * LANE + DOT_X;
            int to = barX.getOrDefault(holder.thread(), Map.of()).getOrDefault(l.waitsFor().name(),
                    lanes.get(holder.thread()) * LANE + DOT_X);
            svg.append("<g class=\"wait\" data-thread=\"").append(Html.escape(l.thread())).append("\"><title>")
                    .append(Html.escape(l.sentence())).append("</title>");
            svg.append("<rect x=\"").append(from - 9).append("\" y=\"").append(y - 9).append("\" width=\"18\" height=\"18\"")
                    .append(" rx=\"3\" class=\"blocked\"/>");
            svg.append("<path d=\"").append(arc(from, to, y)).append("\" class=\"wait-edge\" marker-end=\"url(#wait-arrow)\"/>");
            svg.append("<text x=\"").append(from + 14).append("\" y=\"").append(y + 4).append("\" class=\"wait-label\">")
                    .append(Html.escape(Html.shorten("waits for " + l.waitsFor().name(), 22))).append("</text></g>\n");
        }
    }

    private static String arc(int from, int to, int y) {
        if (Math.abs(from - to) < LANE / 2) { // waits for itself: a loop out of the lane and back
            return "M" + from + "," + (y - 10) + " C" + from + "," + (y - 50) + " " + (to + 4) + "," + (y - 50) + " "
                    + to + "," + (y - 12);
        }
        int bend = from < to ? y - 34 : y + 34;
        int start = from < to ? y - 10 : y + 10;
        return "M" + from + "," + start + " C" + from + "," + bend + " " + to + "," + bend + " " + to + ","
                + (from < to ? y - 4 : y + 4);
    }

    /** The locks this diagram shows, for its legend. */
    List<String> locks() {
        List<String> locks = new ArrayList<>();
        barX.values().forEach(m -> m.keySet().stream().filter(k -> !locks.contains(k)).forEach(locks::add));
        return locks;
    }

    private static int rowY(int row) {
        return TOP + 14 + row * ROW;
    }
}
