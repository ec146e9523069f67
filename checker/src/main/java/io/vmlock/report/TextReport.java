package io.vmlock.report;

import io.vmlock.diag.SourceFiles;
import io.vmlock.findings.BlockedAt;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.GraphPassStats;
import io.vmlock.findings.SearchStats;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import io.vmlock.verdict.Verdict;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The default report: a summary line, then per finding its headline, the wait-for cycle in
 * words, the explanation, the shortest trace and, for a deadlock or a hang, where each blocked
 * thread is blocked. Deterministic: no timestamps, no timings
 * unless statistics are asked for.
 */
public final class TextReport {
    /** Text reports are wrapped to this many columns. */
    static final int WIDTH = 100;

    private TextReport() {
    }

    private static void line(StringBuilder out, String text, String indent) {
        TextWrap.append(out, text, WIDTH, indent);
    }

    /** Steps without their source line (the files' text not at hand). */
    public static String render(CheckResult r, boolean stats) {
        return render(r, stats, new SourceFiles());
    }

    /** Each step of a trace with its line of {@code sources}, trimmed, under its location. */
    public static String render(CheckResult r, boolean stats, SourceFiles sources) {
        StringBuilder out = new StringBuilder();
        out.append(r.file()).append(": ").append(summary(r)).append('\n');
        int n = 1;
        for (Finding f : r.findings()) {
            out.append('\n');
            finding(out, n++, f, sources);
        }
        for (String note : r.notes()) {
            out.append('\n');
            line(out, "note: " + note, "      ");
        }
        if (stats || !r.complete()) {
            statistics(out, r.stats(), stats);
            r.graphPass().ifPresent(g -> graphPass(out, g, stats));
        }
        return out.toString();
    }

    /** {@code deadlock (1 finding)}, {@code clean}, {@code incomplete: --max-states 10 reached}. */
    public static String summary(CheckResult r) {
        String counts = counts(r);
        if (!r.complete()) {
            return "incomplete: " + r.incomplete().get() + (r.findings().isEmpty() ? "; no findings so far"
                    : "; findings so far: " + counts);
        }
        return r.findings().isEmpty() ? "clean" : counts;
    }

    private static String counts(CheckResult r) {
        Map<String, Integer> byKind = new TreeMap<>();
        for (Finding f : r.findings()) byKind.merge(f.verdict().id(), 1, Integer::sum);
        StringBuilder s = new StringBuilder();
        for (var e : byKind.entrySet()) {
            if (s.length() > 0) s.append(", ");
            s.append(e.getValue()).append(' ').append(e.getKey());
        }
        return s.toString();
    }

    private static void finding(StringBuilder out, int n, Finding f, SourceFiles sources) {
        line(out, "[" + n + "] " + f.verdict().id() + ": " + f.headline(), "    ");
        out.append("    at ").append(f.location().position()).append('\n');
        for (int i = 0; i < f.cycle().size(); i++) {
            WaitLink l = f.cycle().get(i);
            line(out, "    " + l.sentence() + (i + 1 < f.cycle().size() ? ";" : ""), "        ");
        }
        if (f.cycle().isEmpty()) {
            for (String d : f.details()) line(out, "    " + d, "        ");
        }
        String kind = f.verdict() == Verdict.POTENTIAL_DEADLOCK ? "candidate interleaving (from the lock-order graph, "
                + "not replayed), " : "shortest trace, ";
        out.append("    ").append(kind).append(f.trace().size()).append(f.trace().size() == 1 ? " step:" : " steps:")
                .append('\n');
        Map<String, List<String>> stacks = new HashMap<>();
        for (TraceStep s : f.trace()) step(out, s, stacks, sources);
        if (!f.blocked().isEmpty()) {
            out.append(f.trace().isEmpty() ? "    blocked from the start:" : "    blocked after the last step:")
                    .append('\n');
            for (BlockedAt b : f.blocked()) blocked(out, b);
        }
        if (!f.loop().isEmpty()) {
            out.append("    ").append(loopHeading(f)).append(":\n");
            for (TraceStep s : f.loop()) step(out, s, stacks, sources);
        }
    }

    /** {@code then round this loop forever, 9 steps back to the state after step 71}. */
    public static String loopHeading(Finding f) {
        int n = f.loop().size();
        return "then round this loop forever, " + n + (n == 1 ? " step" : " steps") + " back to the state "
                + (f.trace().isEmpty() ? "it starts in" : "after step " + f.trace().size());
    }

    /** {@code jbd2 blocks in mutex_lock(page_lock[P0])}, where, from which call stack, holding what. */
    private static void blocked(StringBuilder out, BlockedAt b) {
        line(out, "      " + b.sentence(), STEP_INDENT + "    ");
        out.append("         at ").append(b.span().position()).append('\n');
        if (!b.callStack().isEmpty()) line(out, "         in " + String.join(" <- ", b.callStack()), STEP_INDENT + "   ");
        line(out, "         holds " + HeldLocks.describe(b.held()), STEP_INDENT + "      ");
    }

    private static final String STEP_INDENT = "         ";

    /**
     * A step: what, where (with that line of the source, when read), and what the thread holds after it. Its call stack is printed only when
     * it differs from that thread's previous step ({@code stacks}: the last one printed per thread).
     */
    private static void step(StringBuilder out, TraceStep s, Map<String, List<String>> stacks, SourceFiles sources) {
        line(out, String.format(Locale.ROOT, "    %3d. %s: %s", s.number(), s.thread(), s.operation()),
                STEP_INDENT + "    ");
        out.append(STEP_INDENT).append("at ").append(s.span().position()).append('\n');
        sources.line(s.span().file(), s.span().line()).map(String::strip).filter(code -> !code.isEmpty())
                .ifPresent(code -> line(out, STEP_INDENT + "| " + code, STEP_INDENT + "|   "));
        List<String> before = stacks.put(s.thread(), s.callStack());
        if (!s.callStack().isEmpty() && !s.callStack().equals(before)) {
            line(out, STEP_INDENT + "in " + String.join(" <- ", s.callStack()), STEP_INDENT + "   ");
        }
        line(out, STEP_INDENT + "holds " + HeldLocks.describe(s.heldAfter()), STEP_INDENT + "      ");
    }

    private static void graphPass(StringBuilder out, GraphPassStats g, boolean timings) {
        out.append(g.afterSearch() ? "graph pass (run after the search, --first): " : "graph pass (run first): ")
                .append(g.summary());
        if (timings) out.append(String.format(Locale.ROOT, ", %.2f s", g.millis() / 1000.0));
        out.append('\n');
    }

    private static void statistics(StringBuilder out, SearchStats s, boolean timings) {
        out.append(String.format(Locale.ROOT, "%nstates: %,d stored, %,d transitions, max depth %d%n", s.states(), s.transitions(),
                s.maxDepth()));
        if (timings) {
            out.append(String.format(Locale.ROOT, "time: %.2f s, peak memory: %,d MiB, state bytes: %,d (%.1f per state)%n",
                    s.millis() / 1000.0, s.peakMemoryBytes() >> 20, s.stateBytes(),
                    s.states() == 0 ? 0.0 : (double) s.stateBytes() / s.states()));
        }
    }
}
