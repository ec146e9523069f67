package io.vmlock.findings;

import java.util.ArrayList;
import java.util.List;

/**
 * What the lock-order graph pass did before the search: the graph's size, its cycles and what
 * became of them, and the declared-order violations. {@code complete} is false when a walk or
 * the cycle enumeration hit its bound. {@code dismissals}: each cycle that is no finding, with
 * why (the graph pass's {@code dismissed} ones, then those the search refuted), for the reports
 * that draw the graph. {@code afterSearch}: it ran after the search, not before ({@code --first}).
 */
public record GraphPassStats(int classes, int edges, int paths, int cycles, int feasible, int dismissed,
                             int orderViolations, boolean complete, long millis, List<DismissedCycle> dismissals,
                             boolean afterSearch) {
    public GraphPassStats {
        dismissals = List.copyOf(dismissals);
    }

    /** Figures alone, no cycle named. */
    public GraphPassStats(int classes, int edges, int paths, int cycles, int feasible, int dismissed,
                          int orderViolations, boolean complete, long millis) {
        this(classes, edges, paths, cycles, feasible, dismissed, orderViolations, complete, millis, List.of(), false);
    }

    /** These figures, with cycles the search refuted added to the dismissals. */
    public GraphPassStats withRefuted(List<DismissedCycle> refuted) {
        List<DismissedCycle> all = new ArrayList<>(dismissals);
        all.addAll(refuted);
        return new GraphPassStats(classes, edges, paths, cycles, feasible, dismissed, orderViolations, complete, millis,
                all, afterSearch);
    }

    /** These figures, of a pass run after the search. */
    public GraphPassStats ranAfterSearch() {
        return new GraphPassStats(classes, edges, paths, cycles, feasible, dismissed, orderViolations, complete, millis,
                dismissals, true);
    }

    /** {@code 7 lock classes, 9 edges from 12 acquisition paths, 1 cycle (1 feasible, 0 dismissed)}. */
    public String summary() {
        return count(classes, "lock class", "lock classes") + ", " + count(edges, "edge", "edges") + " from "
                + count(paths, "acquisition path", "acquisition paths") + ", " + count(cycles, "cycle", "cycles")
                + " (" + feasible + " feasible, " + dismissed + " dismissed), "
                + count(orderViolations, "declared-order violation", "declared-order violations")
                + (complete ? "" : "; incomplete: a bound cut the walk or the cycle enumeration");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
