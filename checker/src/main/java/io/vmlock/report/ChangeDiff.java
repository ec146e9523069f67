package io.vmlock.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a change does to a set of scenarios, file by file: lock-order edges added and removed,
 * findings introduced and fixed (matched by fingerprint, so moved lines are no change). A file
 * only in the new version introduces all its findings; one only in the old fixes all of its.
 */
public final class ChangeDiff {
    private final Map<String, List<String>> lines = new LinkedHashMap<>();
    private int introduced;
    private int fixed;
    private int edgesAdded;
    private int edgesRemoved;

    public void compare(String file, Optional<ScenarioReport> before, Optional<ScenarioReport> after) {
        List<String> out = new ArrayList<>();
        if (before.isEmpty()) out.add("  new scenario");
        if (after.isEmpty()) out.add("  scenario removed");
        edges(out, before.flatMap(ScenarioReport::graph), after.flatMap(ScenarioReport::graph));
        Baseline old = new Baseline(before.map(s -> Baseline.entries(s, file)).orElse(List.of()));
        Baseline now = new Baseline(after.map(s -> Baseline.entries(s, file)).orElse(List.of()));
        Baseline.Comparison c = old.compare(now);
        for (Baseline.Entry e : c.introduced()) out.add("  introduced " + e.kind() + ": " + e.headline() + " [" + e.fingerprint() + "]");
        for (Baseline.Entry e : c.gone()) out.add("  fixed " + e.kind() + ": " + e.headline() + " [" + e.fingerprint() + "]");
        after.filter(s -> !s.result().complete())
                .ifPresent(s -> out.add("  incomplete: " + s.result().incomplete().get() + " (not known to be clean)"));
        introduced += c.introduced().size();
        fixed += c.gone().size();
        if (!out.isEmpty()) lines.put(file, out);
    }

    private void edges(List<String> out, Optional<GraphSummary> before, Optional<GraphSummary> after) {
        Map<String, GraphSummary.OrderEdge> old = byKey(before);
        Map<String, GraphSummary.OrderEdge> now = byKey(after);
        for (var e : now.entrySet()) {
            if (old.containsKey(e.getKey())) continue;
            out.add("  + lock order " + e.getKey() + " (" + e.getValue().callPath() + " at "
                    + e.getValue().acquiredAt().position() + ")" + (after.get().inCycle(e.getValue()) ? ", on a cycle" : ""));
            edgesAdded++;
        }
        for (var e : old.entrySet()) {
            if (now.containsKey(e.getKey())) continue;
            out.add("  - lock order " + e.getKey() + " (was " + e.getValue().callPath() + ")");
            edgesRemoved++;
        }
    }

    private static Map<String, GraphSummary.OrderEdge> byKey(Optional<GraphSummary> g) {
        Map<String, GraphSummary.OrderEdge> edges = new LinkedHashMap<>();
        g.ifPresent(s -> s.edges().forEach(e -> edges.put(e.key(), e)));
        return edges;
    }

    public int introducedCount() {
        return introduced;
    }

    public String render() {
        StringBuilder s = new StringBuilder();
        lines.forEach((file, out) -> {
            s.append(file).append(":\n");
            out.forEach(l -> s.append(l).append('\n'));
        });
        s.append(introduced).append(introduced == 1 ? " finding" : " findings").append(" introduced, ").append(fixed)
                .append(" fixed; ").append(edgesAdded).append(edgesAdded == 1 ? " lock-order edge" : " lock-order edges")
                .append(" added, ").append(edgesRemoved).append(" removed\n");
        return s.toString();
    }
}
