package io.vmlock.report;

import io.vmlock.findings.Finding;
import io.vmlock.findings.WaitLink;

/**
 * Graphviz: per deadlock, its wait-for cycle (threads as boxes, locks as ellipses, "waits for"
 * edges in red, "held by" edges in black); per scenario with a graph, the lock-order graph with
 * the edges on a cycle in bold red. One digraph, a cluster each, so {@code dot -Tsvg} draws it all.
 */
public final class DotReport {
    private DotReport() {
    }

    public static String render(Report report) {
        StringBuilder out = new StringBuilder("digraph vmlock {\n");
        out.append("  graph [rankdir=LR, fontname=\"Helvetica\", labeljust=l];\n");
        out.append("  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
        int cluster = 0;
        for (ScenarioReport s : report.scenarios()) {
            int n = 0;
            for (Finding f : s.result().findings()) {
                n++;
                if (!f.cycle().isEmpty()) waitFor(out, ++cluster, s.file() + " [" + n + "] " + f.verdict().id() + ": "
                        + f.headline(), f);
            }
            if (s.graph().isPresent()) lockOrder(out, ++cluster, s.file(), s.graph().get());
        }
        return out.append("}\n").toString();
    }

    private static void waitFor(StringBuilder out, int cluster, String label, Finding f) {
        String p = "c" + cluster + ":";
        out.append("  subgraph ").append(quote("cluster_" + cluster)).append(" {\n");
        out.append("    label=").append(quote(label)).append(";\n");
        for (WaitLink l : f.cycle()) {
            out.append("    ").append(quote(p + "thread:" + l.thread())).append(" [shape=box, style=filled, ")
                    .append("fillcolor=\"#dbe9f6\", label=").append(quote(l.thread())).append("];\n");
            out.append("    ").append(quote(p + "lock:" + l.holds().name())).append(" [shape=ellipse, label=")
                    .append(quote(l.holds().name())).append("];\n");
        }
        for (WaitLink l : f.cycle()) {
            out.append("    ").append(quote(p + "lock:" + l.holds().name())).append(" -> ").append(quote(p + "thread:" + l.thread()))
                    .append(" [label=").append(quote(l.queued() ? "queued first:" : l.holds().shared() ? "held shared by" : "held by")).append("];\n");
            out.append("    ").append(quote(p + "thread:" + l.thread())).append(" -> ").append(quote(p + "lock:" + l.waitsFor().name()))
                    .append(" [label=").append(quote(l.waitsFor().shared() ? "waits (shared) for" : "waits for"))
                    .append(", color=red, fontcolor=red, penwidth=2];\n");
        }
        out.append("  }\n");
    }

    private static void lockOrder(StringBuilder out, int cluster, String file, GraphSummary g) {
        String p = "c" + cluster + ":";
        out.append("  subgraph ").append(quote("cluster_" + cluster)).append(" {\n");
        out.append("    label=").append(quote("lock-order graph of " + file + (g.complete() ? "" : " (incomplete)")))
                .append(";\n");
        for (GraphSummary.LockClassNode c : g.classes()) {
            out.append("    ").append(quote(p + c.name())).append(" [shape=ellipse, label=")
                    .append(quote(c.name() + "\n" + c.kind() + (c.instances() > 1 ? " x" + c.instances() : "")))
                    .append("];\n");
        }
        for (GraphSummary.OrderEdge e : g.edges()) {
            String style = g.inCycle(e) ? ", color=red, fontcolor=red, penwidth=2" : "";
            String dashed = e.blocking() ? "" : ", style=dashed";
            out.append("    ").append(quote(p + e.from())).append(" -> ").append(quote(p + e.to())).append(" [label=")
                    .append(quote(e.paths() + (e.paths() == 1 ? " path" : " paths"))).append(style).append(dashed)
                    .append("];\n");
        }
        out.append("  }\n");
    }

    /** A DOT quoted string: backslashes and quotes escaped, newlines as DOT's centred line break. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
