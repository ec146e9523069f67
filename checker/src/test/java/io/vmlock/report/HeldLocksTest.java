package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.ast.SourceSpan;
import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.TraceStep;
import io.vmlock.verdict.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where a finding's locks were taken (SARIF's related locations): for a deadlock each lock of the
 * cycle at the step its holder took it; otherwise the locks the finding's thread holds at its last
 * step, each where it was last taken, the last step itself left out.
 */
class HeldLocksTest {
    private static HeldLock mutex(String name) {
        return new HeldLock(name, HeldLock.Mode.EXCLUSIVE);
    }

    private static TraceStep step(int n, String thread, List<HeldLock> after) {
        return new TraceStep(n, thread, "op" + n, SyntheticReports.at(10 + n, 3), List.of(), after);
    }

    private static List<String> sites(Finding f) {
        return HeldLocks.acquisitionSites(f).stream().map(s -> s.lock() + "@" + s.step().number()).toList();
    }

    @Test
    void aDeadlocksSitesAreWhereEachHolderTookTheLockOfTheCycle() {
        assertEquals(List.of("page_lock[P0]@1", "the journal commit@2"), sites(SyntheticReports.deadlock()));
    }

    /** t takes a, then b; u takes a too (another thread's take is not t's); t drops a and takes it again. */
    private static final List<TraceStep> TRACE = List.of(
            step(1, "t", List.of(mutex("a"))),
            step(2, "u", List.of(mutex("c"))),
            step(3, "t", List.of(mutex("a"), mutex("b"))),
            step(4, "t", List.of(mutex("b"))),
            step(5, "u", List.of(mutex("c"), mutex("a"))),
            step(6, "t", List.of(mutex("b"), mutex("a"))),
            step(7, "t", List.of(mutex("b"), mutex("a"), mutex("d"))));

    private static Finding at(List<TraceStep> trace, SourceSpan location) {
        return new Finding(Verdict.SLEEP_IN_ATOMIC, "h", List.of(), List.of(), trace, location);
    }

    @Test
    void otherwiseTheLastThreadsLocksWhereItLastTookThemButNotTheLastStepsOwn() {
        assertEquals(List.of("b@3", "a@6"), sites(at(TRACE, TRACE.get(6).span())));
        assertEquals(List.of("b@3"), sites(at(TRACE.subList(0, 4), TRACE.get(3).span())));
    }

    @Test
    void noSitesWhenTheFindingIsNotAtTheLastStepOrHasNoTrace() {
        assertTrue(sites(at(TRACE, TRACE.get(5).span())).isEmpty(), "the finding is elsewhere than the last step");
        assertTrue(sites(at(List.of(), SyntheticReports.at(1, 1))).isEmpty());
    }

    @Test
    void takenAtIsTheLastTakeByThatThreadInAnyMode() {
        assertEquals(6, HeldLocks.takenAt(TRACE, "t", "a").orElseThrow().number());
        assertEquals(5, HeldLocks.takenAt(TRACE, "u", "a").orElseThrow().number());
        assertTrue(HeldLocks.takenAt(TRACE, "u", "b").isEmpty());
        List<TraceStep> rw = List.of(step(1, "t", List.of(new HeldLock("r", HeldLock.Mode.READ))),
                step(2, "t", List.of()), step(3, "t", List.of(new HeldLock("r", HeldLock.Mode.WRITE))));
        assertEquals(3, HeldLocks.takenAt(rw, "t", "r").orElseThrow().number());
    }

    @Test
    void aChangeIsWhatTheStepTookAndReleasedAgainstItsThreadsPreviousStep() {
        List<HeldLocks.Change> changes = HeldLocks.changes(TRACE);
        HeldLocks.Change fourth = changes.get(3);
        assertEquals(List.of(mutex("a"), mutex("b")), fourth.before());
        assertEquals(List.of(), fourth.taken());
        assertEquals(List.of(mutex("a")), fourth.released());
        assertEquals(List.of(mutex("a")), changes.get(4).taken(), "u's own previous step, not t's");
        assertEquals("nothing", HeldLocks.describe(List.of()));
        assertEquals("a, r (read)", HeldLocks.describe(List.of(mutex("a"), new HeldLock("r", HeldLock.Mode.READ))));
        assertEquals("lock_page [fault]", HeldLocks.procedure("lock_page(P0) [fault]"));
    }
}
