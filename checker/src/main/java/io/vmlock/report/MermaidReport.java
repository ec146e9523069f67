package io.vmlock.report;

import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Markdown with a Mermaid {@code sequenceDiagram} per finding, as GitHub and GitLab render it:
 * a participant per thread and per lock, a solid arrow where a thread takes a lock, a dotted
 * one where it releases it, notes for other steps, and crossed arrows for the final waits.
 * Only syntax both renderers have supported for years: no boxes, no created participants.
 */
public final class MermaidReport {
    private MermaidReport() {
    }

    public static String render(Report report) {
        StringBuilder out = new StringBuilder();
        for (ScenarioReport s : report.scenarios()) {
            out.append("## ").append(markdown(s.file())).append(": ").append(markdown(TextReport.summary(s.result())))
                    .append("\n\n");
            int n = 1;
            for (Finding f : s.result().findings()) {
                out.append("### [").append(n++).append("] ").append(f.verdict().id()).append(": ")
                        .append(markdown(f.headline())).append("\n\n");
                out.append("```mermaid\n").append(diagram(f)).append("```\n\n");
            }
        }
        return out.toString();
    }

    /** The diagram alone, without the Markdown around it. */
    public static String diagram(Finding f) {
        Map<String, String> ids = participants(f);
        StringBuilder d = new StringBuilder("sequenceDiagram\n");
        ids.forEach((key, id) -> d.append("    participant ").append(id).append(" as ")
                .append(label(key.substring(key.indexOf(':') + 1))).append('\n'));
        List<HeldLocks.Change> changes = HeldLocks.changes(steps(f));
        for (HeldLocks.Change c : changes.subList(0, f.trace().size())) step(d, c, ids);
        if (!f.loop().isEmpty()) {
            d.append("    loop ").append(label(TextReport.loopHeading(f))).append('\n');
            for (HeldLocks.Change c : changes.subList(f.trace().size(), changes.size())) step(d, c, ids);
            d.append("    end\n");
        }
        for (WaitLink l : f.cycle()) {
            d.append("    ").append(ids.get("thread:" + l.thread())).append(" -x ").append(ids.get("lock:" + l.waitsFor().name()))
                    .append(": ").append(label("waits for " + l.waitsFor().name() + " (blocked)")).append('\n');
        }
        if (f.cycle().isEmpty() && !f.trace().isEmpty()) {
            String last = ids.get("thread:" + f.trace().get(f.trace().size() - 1).thread());
            d.append("    Note over ").append(last).append(": ").append(label(f.verdict().id() + ": " + f.headline()))
                    .append('\n');
        }
        return d.toString();
    }

    /**
     * Keys {@code thread:NAME} and {@code lock:NAME} (a thread and a lock may share a name), threads
     * first in order of appearance; ids are plain words and the names go in labels.
     */
    private static Map<String, String> participants(Finding f) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (TraceStep s : steps(f)) ids.computeIfAbsent("thread:" + s.thread(), k -> "T" + ids.size());
        for (WaitLink l : f.cycle()) ids.computeIfAbsent("thread:" + l.thread(), k -> "T" + ids.size());
        for (HeldLocks.Change c : HeldLocks.changes(steps(f))) {
            for (HeldLock h : c.taken()) ids.computeIfAbsent("lock:" + h.lock(), k -> "L" + ids.size());
        }
        for (WaitLink l : f.cycle()) ids.computeIfAbsent("lock:" + l.waitsFor().name(), k -> "L" + ids.size());
        return ids;
    }

    /** The trace, then the loop that repeats after it. */
    private static List<TraceStep> steps(Finding f) {
        return Stream.concat(f.trace().stream(), f.loop().stream()).toList();
    }

    private static void step(StringBuilder d, HeldLocks.Change c, Map<String, String> ids) {
        TraceStep s = c.step();
        String thread = ids.get("thread:" + s.thread());
        String text = s.number() + ". " + s.operation();
        if (!c.taken().isEmpty()) {
            for (HeldLock h : c.taken()) {
                d.append("    ").append(thread).append(" ->> ").append(ids.get("lock:" + h.lock()))
                        .append(": ").append(label(text)).append('\n');
            }
        } else if (!c.released().isEmpty()) {
            for (HeldLock h : c.released()) {
                d.append("    ").append(thread).append(" -->> ").append(ids.get("lock:" + h.lock()))
                        .append(": ").append(label(text)).append('\n');
            }
        } else {
            d.append("    Note over ").append(thread).append(": ").append(label(text)).append('\n');
        }
    }

    /** Mermaid text: {@code ;} and {@code #} start syntax, so they go as entity codes; no line breaks. */
    static String label(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '#' || c == ';' || c == '%') out.append('#').append((int) c).append(';');
            else out.append(c == '\n' ? ' ' : c);
        }
        return out.toString();
    }

    /** Markdown headings: characters that would turn into markup are escaped. */
    private static String markdown(String s) {
        return s.replaceAll("([\\\\`*_\\[\\]<>#|])", "\\\\$1");
    }
}
