package io.vmlock.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.explore.Explorer;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.DismissedCycle;
import io.vmlock.findings.Finding;
import io.vmlock.findings.GraphPassStats;
import io.vmlock.ir.IrProgram;
import io.vmlock.report.TextReport;
import io.vmlock.testing.Scenarios;
import io.vmlock.verdict.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code check --first} through the pipeline: the search runs first, and a finding it meets ends
 * the check without the lock-order graph pass, saying so; the pass runs after a search that met
 * nothing, or when a report draws the graph, and then claims nothing about cycles the search
 * did not look for.
 */
class FirstGraphPassTest {
    /** Two inversions no thread shares: each a deadlock of its own. */
    private static final String TWO_INVERSIONS = """
            mutex a; mutex b; mutex c; mutex d;
            thread t1 { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
            thread t2 { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
            thread t3 { mutex_lock(c); mutex_lock(d); mutex_unlock(d); mutex_unlock(c); }
            thread t4 { mutex_lock(d); mutex_lock(c); mutex_unlock(c); mutex_unlock(d); }
            """;

    private static CheckOptions first(boolean graphShown) {
        return CheckOptions.of(Explorer.Options.defaults().withFirst(true)).withGraphSummary(graphShown);
    }

    private static List<Verdict> verdicts(CheckResult r) {
        return r.findings().stream().map(Finding::verdict).toList();
    }

    @Test
    void aFindingEndsTheCheckBeforeTheGraphPassAndTheReportSaysWhatWasNotChecked() {
        IrProgram p = Scenarios.lower(TWO_INVERSIONS);
        CheckResult all = Pipeline.check(p, CheckOptions.defaults());
        CheckResult r = Pipeline.check(p, first(false));
        assertEquals(List.of(Verdict.DEADLOCK, Verdict.DEADLOCK), verdicts(all));
        assertEquals(List.of(Verdict.DEADLOCK), verdicts(r));
        assertTrue(r.complete());
        assertTrue(r.graphPass().isEmpty(), "no graph pass ran");
        assertTrue(r.notes().contains(GraphFirstCheck.FIRST_WITHOUT_GRAPH_PASS), r.notes()::toString);
        assertFalse(all.notes().contains(GraphFirstCheck.FIRST_WITHOUT_GRAPH_PASS));
        assertFalse(TextReport.render(r, true).contains("graph pass ("), "no figures of a pass that did not run");
    }

    /** The search stopped at one deadlock: the other cycle is neither confirmed nor said to be unreachable. */
    @Test
    void withTheGraphDrawnTheOtherCycleIsNotRefutedByASearchThatStoppedEarly() {
        CheckResult r = Pipeline.check(Scenarios.lower(TWO_INVERSIONS), first(true));
        assertEquals(List.of(Verdict.DEADLOCK), verdicts(r));
        GraphPassStats pass = r.graphPass().orElseThrow();
        assertTrue(pass.afterSearch());
        assertEquals(2, pass.feasible());
        assertEquals(List.<DismissedCycle>of(), pass.dismissals());
        List<String> unsettled = r.notes().stream().filter(n -> n.endsWith("was neither confirmed nor refuted: under "
                + "--first the search looked for one finding only")).toList();
        assertEquals(1, unsettled.size(), r.notes()::toString);
        assertFalse(r.notes().stream().anyMatch(n -> n.contains("found no interleaving")), r.notes()::toString);
        assertTrue(TextReport.render(r, true).contains("\ngraph pass (run after the search, --first): 4 lock classes"));
    }

    /** A search that met nothing: the graph pass runs after it, and its declared-order violation is reported. */
    @Test
    void aSearchThatMetNothingIsFollowedByTheGraphPass() {
        CheckResult r = Pipeline.check(Scenarios.lower(GraphFirstCheckTest.ORDER_VIOLATION), first(false));
        assertEquals(List.of(Verdict.ORDER_VIOLATION), verdicts(r));
        assertTrue(r.graphPass().orElseThrow().afterSearch());
        assertFalse(r.notes().contains(GraphFirstCheck.FIRST_WITHOUT_GRAPH_PASS), r.notes()::toString);
    }

    @Test
    void withoutFirstTheGraphPassRunsFirst() {
        CheckResult r = Pipeline.check(Scenarios.lower(TWO_INVERSIONS), CheckOptions.defaults());
        assertFalse(r.graphPass().orElseThrow().afterSearch());
        assertTrue(TextReport.render(r, true).contains("\ngraph pass (run first): 4 lock classes"));
    }
}
