package io.vmlock.report;

import io.vmlock.ast.SourceSpan;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.SearchStats;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import io.vmlock.verdict.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hand-built findings of every kind, including the graph's kinds the explorer does not raise:
 * a deadlock over a nested call (writer faults into a handler that needs the page lock it holds
 * against a journal commit) and one single-step finding per other kind.
 */
public final class SyntheticReports {
    static final String FILE = "examples/dir with space/dax.vmlock";
    private static final HeldLock PAGE_LOCK = new HeldLock("page_lock[P0]", HeldLock.Mode.EXCLUSIVE);

    private SyntheticReports() {
    }

    static SourceSpan at(int line, int column) {
        return new SourceSpan(FILE, line, column, line, column + 9);
    }

    public static Finding deadlock() {
        List<TraceStep> trace = List.of(
                new TraceStep(1, "writer", "mutex_lock(page_lock[P0])", at(20, 5), List.of("lock_page(P0)"),
                        List.of(PAGE_LOCK)),
                new TraceStep(2, "jbd2", "jbd2_journal_lock_updates(journal)", at(30, 5), List.of(),
                        List.of(new HeldLock("the journal commit", HeldLock.Mode.COMMIT))),
                new TraceStep(3, "writer", "copy_from_user(dax_buf): faults -> dax_fault(P0)", at(21, 5), List.of(),
                        List.of(PAGE_LOCK)),
                new TraceStep(4, "writer", "down_read(mmap_lock)", at(11, 5), List.of("dax_fault(P0) [fault]"),
                        List.of(PAGE_LOCK, new HeldLock("mmap_lock", HeldLock.Mode.READ))));
        WaitLink.End pageLock = new WaitLink.Lock("page_lock[P0]", "page_lock", false, "page_lock[P0]");
        WaitLink.End commit = new WaitLink.Lock("the journal commit", "journal", false, "the journal commit");
        List<WaitLink> cycle = List.of(new WaitLink("writer", pageLock, commit, Optional.empty()),
                new WaitLink("jbd2", commit, pageLock, Optional.empty()));
        return new Finding(Verdict.DEADLOCK, "writer and jbd2 wait for each other",
                cycle.stream().map(WaitLink::sentence).toList(), cycle, trace, at(12, 5),
                List.of("jbd2_journal_force_commit(journal)", "dax_fault(P0) [fault]"));
    }

    /** One finding of each kind: the deadlock above, and a one-step finding of every other kind. */
    public static List<Finding> everyKind() {
        List<Finding> all = new ArrayList<>();
        all.add(deadlock());
        int line = 40;
        for (Verdict v : RuleHelp.findingKinds()) {
            if (v == Verdict.DEADLOCK) continue;
            TraceStep step = new TraceStep(1, "t<1>", "spin_lock(\"s\"); & more", at(line, 3), List.of("p(1)"),
                    List.of(new HeldLock("s", HeldLock.Mode.EXCLUSIVE)));
            all.add(new Finding(v, "a " + v.id() + " with <markup> & \"quotes\"", List.of("detail; #1"), List.of(),
                    List.of(step), at(line++, 3), List.of("p(1)")));
        }
        return all;
    }

    public static Report report(List<Finding> findings) {
        CheckResult r = new CheckResult(FILE, findings, new SearchStats(10, 12, 4, 5, 1 << 20, 80), Optional.empty(),
                List.of());
        return new Report("check", "0.1.0", List.of(ScenarioReport.of(r).withGraph(graph())), false, Path.of(""));
    }

    static GraphSummary graph() {
        return new GraphSummary(true,
                List.of(new GraphSummary.LockClassNode("journal", "journal", 1),
                        new GraphSummary.LockClassNode("mmap_lock", "rwsem", 1),
                        new GraphSummary.LockClassNode("page_lock", "mutex", 2)),
                List.of(new GraphSummary.OrderEdge("journal", "page_lock", 1, true, at(31, 5), "jbd2 > ext4_writepages"),
                        new GraphSummary.OrderEdge("page_lock", "journal", 1, true, at(13, 5), "writer > dax_fault"),
                        new GraphSummary.OrderEdge("page_lock", "mmap_lock", 2, false, at(11, 5), "writer > dax_fault")),
                List.of(List.of("journal", "page_lock")));
    }
}
