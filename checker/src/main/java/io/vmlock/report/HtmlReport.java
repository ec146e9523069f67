package io.vmlock.report;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.DismissedCycle;
import io.vmlock.findings.Finding;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import java.util.List;

/**
 * One self-contained HTML page (inline CSS, script and SVG; nothing fetched): a summary of every
 * scenario, then per finding its explanation, a swim-lane diagram of the counterexample and the
 * steps as a table, and per scenario the lock-order graph when it was built.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(Report report) {
        LockColors colors = new LockColors();
        StringBuilder body = new StringBuilder();
        Triage triage = report.triage();
        summary(body, report, triage);
        for (int i = 0; i < report.scenarios().size(); i++) scenario(body, report.scenarios().get(i), i, colors, triage);
        int scenario = report.scenarios().size();
        for (InvalidInput i : report.invalid()) invalid(body, i, ++scenario);
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.append("<title>vmlock ").append(Html.escape(report.command())).append(" report</title>\n");
        page.append("<style>\n").append(Html.asset("report.css")).append("</style>\n</head>\n<body>\n");
        page.append("<header><h1>vmlock ").append(Html.escape(report.command())).append(" report</h1><p class=\"tool\">")
                .append(Html.escape("vmlock " + report.toolVersion())).append("</p></header>\n<main>\n");
        page.append(body).append("</main>\n<script>\n").append(Html.asset("report.js")).append("</script>\n");
        return page.append("</body>\n</html>\n").toString();
    }

    private static void summary(StringBuilder out, Report report, Triage triage) {
        out.append("<section class=\"summary\"><h2>Summary</h2><table><thead><tr><th>scenario</th><th>verdict</th>")
                .append("<th>findings</th><th>states</th></tr></thead><tbody>\n");
        int i = 0;
        for (ScenarioReport s : report.scenarios()) {
            CheckResult r = s.result();
            out.append("<tr><td><a href=\"#scenario-").append(++i).append("\">").append(Html.escape(s.file()))
                    .append("</a></td><td><span class=\"badge ").append(s.verdict()).append("\">").append(s.verdict())
                    .append("</span>").append(s.test().map(t -> t.passed() ? " <span class=\"badge clean\">expected</span>"
                            : " <span class=\"badge findings\">unexpected</span>").orElse(""))
                    .append(baselineBadge(r, i - 1, triage))
                    .append("</td><td>").append(Html.escape(TextReport.summary(r))).append("</td><td class=\"num\">")
                    .append(String.format(java.util.Locale.ROOT, "%,d", r.stats().states())).append("</td></tr>\n");
        }
        for (InvalidInput input : report.invalid()) {
            out.append("<tr><td><a href=\"#scenario-").append(++i).append("\">").append(Html.escape(input.file()))
                    .append("</a></td><td><span class=\"badge invalid\">invalid</span></td><td>")
                    .append(Html.escape(input.summary())).append("</td><td class=\"num\"></td></tr>\n");
        }
        out.append("</tbody></table></section>\n");
    }

    /** A file that could not be checked: its errors, as stderr printed them. */
    private static void invalid(StringBuilder out, InvalidInput input, int n) {
        out.append("<section class=\"scenario\" id=\"scenario-").append(n).append("\"><h2>")
                .append(Html.escape(input.file())).append(" <span class=\"badge invalid\">invalid input</span></h2>\n")
                .append("<pre class=\"errors\">").append(Html.escape(input.details())).append("</pre>\n</section>\n");
    }

    /** Under a baseline: how many of a scenario's findings are new (they fail) and how many known. */
    private static String baselineBadge(CheckResult r, int scenario, Triage triage) {
        if (!triage.baselined() || r.findings().isEmpty()) return "";
        long fresh = java.util.stream.IntStream.range(0, r.findings().size())
                .filter(j -> triage.state(scenario, j) == Triage.State.NEW).count();
        return fresh == 0 ? " <span class=\"badge clean\">all known</span>"
                : " <span class=\"badge findings\">" + fresh + " new</span>";
    }

    private static void scenario(StringBuilder out, ScenarioReport s, int index, LockColors colors, Triage triage) {
        int n = index + 1;
        CheckResult r = s.result();
        out.append("<section class=\"scenario\" id=\"scenario-").append(n).append("\"><h2>")
                .append(Html.escape(s.file())).append(" <span class=\"badge ").append(s.verdict()).append("\">")
                .append(Html.escape(TextReport.summary(r))).append("</span></h2>\n");
        s.test().flatMap(TestOutcome::unmet).ifPresent(u -> out.append("<p class=\"unmet\">")
                .append(Html.escape(u)).append("</p>\n"));
        for (String note : r.notes()) out.append("<p class=\"note\">note: ").append(Html.escape(note)).append("</p>\n");
        int i = 0;
        for (Finding f : r.findings()) {
            String mark = !triage.baselined() ? "" : triage.state(index, i) == Triage.State.NEW
                    ? "<span class=\"badge findings\">new</span> " : "<span class=\"badge clean\">known</span> ";
            finding(out, f, n + "-" + ++i, colors, mark);
        }
        s.graph().ifPresent(g -> graph(out, g));
        out.append("</section>\n");
    }

    /** The lock-order graph, with each cycle the check dismissed and why: those are drawn grey, not red. */
    private static void graph(StringBuilder out, GraphSummary g) {
        out.append("<div class=\"graph\"><h3>Lock-order graph").append(g.complete() ? "" : " (incomplete)")
                .append("</h3><p class=\"hint\">A \u2192 B: B is taken while A is held. Red edges lie on a cycle")
                .append(" that is a finding").append(g.dismissed().isEmpty() ? "." : "; grey ones only on cycles the check"
                        + " dismissed:").append("</p>\n");
        if (!g.dismissed().isEmpty()) {
            out.append("<ul class=\"dismissed\">");
            for (DismissedCycle d : g.dismissed()) {
                out.append("<li data-cycle=\"").append(Html.escape(d.text())).append("\"><code>")
                        .append(Html.escape(d.text().replace(" -> ", " \u2192 "))).append("</code>: ")
                        .append(Html.escape(d.reason())).append("</li>");
            }
            out.append("</ul>\n");
        }
        out.append(new LockGraphSvg(g).render()).append("</div>\n");
    }

    private static void finding(StringBuilder out, Finding f, String id, LockColors colors, String mark) {
        out.append("<article class=\"finding\" id=\"finding-").append(id).append("\"><h3>").append(mark)
                .append("<span class=\"kind ")
                .append(f.verdict().id()).append("\">").append(f.verdict().id()).append("</span> ")
                .append(Html.escape(f.headline())).append("</h3>\n<p class=\"where\">at <code>")
                .append(Html.escape(f.location().position())).append("</code>")
                .append(f.callStack().isEmpty() ? "" : " in <code>" + Html.escape(String.join(" \u2190 ", f.callStack()))
                        + "</code>")
                .append(" \u00b7 fingerprint <code>").append(Fingerprint.of(f)).append("</code></p>\n<ul class=\"why\">");
        for (WaitLink l : f.cycle()) out.append("<li>").append(Html.escape(l.sentence())).append("</li>");
        if (f.cycle().isEmpty()) for (String d : f.details()) out.append("<li>").append(Html.escape(d)).append("</li>");
        out.append("</ul>\n");
        if (f.trace().isEmpty()) {
            out.append("<p class=\"note\">The initial state already shows it: no steps.</p>\n");
            if (!f.loop().isEmpty()) stepTable(out, TextReport.loopHeading(f), f.loop(), "data-loop-step");
            out.append("</article>\n");
            return;
        }
        SwimLaneSvg lanes = new SwimLaneSvg(f, colors);
        out.append("<div class=\"diagram\">").append(lanes.render()).append("</div>\n");
        legend(out, lanes.locks(), colors);
        steps(out, f);
        out.append("</article>\n");
    }

    private static void legend(StringBuilder out, List<String> locks, LockColors colors) {
        if (locks.isEmpty()) return;
        out.append("<p class=\"legend\">held: ");
        locks.forEach(lock -> out.append("<span><i style=\"background:").append(colors.of(lock))
                .append("\"></i>").append(Html.escape(lock)).append("</span>"));
        out.append("</p>\n");
    }

    private static void steps(StringBuilder out, Finding f) {
        stepTable(out, f.trace().size() + (f.trace().size() == 1 ? " step" : " steps"), f.trace(), "data-step");
        if (!f.loop().isEmpty()) stepTable(out, TextReport.loopHeading(f), f.loop(), "data-loop-step");
    }

    /** A folded table of steps; {@code attribute} marks each row with its step number. */
    private static void stepTable(StringBuilder out, String summary, List<TraceStep> steps, String attribute) {
        out.append("<details class=\"steps\"><summary>").append(Html.escape(summary))
                .append("</summary><table><thead><tr><th>#</th>")
                .append("<th>thread</th><th>operation</th><th>at</th><th>call stack</th><th>holds after</th></tr>")
                .append("</thead><tbody>\n");
        for (TraceStep s : steps) {
            out.append("<tr ").append(attribute).append("=\"").append(s.number()).append("\"><td class=\"num\">")
                    .append(s.number())
                    .append("</td><td>").append(Html.escape(s.thread())).append("</td><td><code>")
                    .append(Html.escape(s.operation())).append("</code></td><td><code>")
                    .append(Html.escape(s.span().position())).append("</code></td><td>")
                    .append(Html.escape(String.join(" \u2190 ", s.callStack()))).append("</td><td>")
                    .append(Html.escape(HeldLocks.describe(s.heldAfter())))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table></details>\n");
    }
}
