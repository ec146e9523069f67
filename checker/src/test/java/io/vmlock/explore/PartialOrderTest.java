package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.reduced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Partial-order reduction on models small enough to count by hand: what it drops and what it must keep. */
class PartialOrderTest {
    private static final Explorer.Reductions POR = new Explorer.Reductions(true, false);

    /**
     * Two threads each writing their own variable twice: unreduced every pair of positions, 3 * 3 = 9
     * states. The moves commute, so one order is enough: a runs to its end, then b: 00 10 20 21 22 = 5.
     */
    @Test
    void independentThreadsRunOneAfterTheOther() {
        String own = """
                int(0..1) x; int(0..1) y;
                thread a { x = 1; x = 0; }
                thread b { y = 1; y = 0; }
                """;
        assertEquals(9, states(own, Explorer.Reductions.NONE));
        assertEquals(5, states(own, POR));
    }

    /**
     * Writes of one variable conflict: a then b leaves x = 0, b then a leaves x = 1, so both orders
     * stay. Unreduced: start, a done (x = 1), b done (x = 0), both done with x = 0 and with x = 1 = 5.
     */
    @Test
    void conflictingWritesKeepBothOrders() {
        String shared = """
                int(0..1) x;
                thread a { x = 1; }
                thread b { x = 0; }
                """;
        assertEquals(5, states(shared, Explorer.Reductions.NONE));
        assertEquals(5, states(shared, POR));
    }

    /**
     * A deadlock needs both orders of the first acquisitions: a takes m then n, b takes n then m.
     * The reduced search must still reach the state where each holds one and waits for the other.
     */
    @Test
    void anAbBaDeadlockSurvivesTheReduction() {
        String abba = """
                mutex m; mutex n;
                thread a { mutex_lock(m); mutex_lock(n); mutex_unlock(n); mutex_unlock(m); }
                thread b { mutex_lock(n); mutex_lock(m); mutex_unlock(m); mutex_unlock(n); }
                """;
        assertEquals(List.of("deadlock"), kinds(abba, Explorer.Reductions.NONE));
        assertEquals(List.of("deadlock"), kinds(abba, POR));
    }

    private static CheckResult check(String source, Explorer.Reductions reductions) {
        CheckResult r = reduced(source, reductions);
        assertTrue(r.complete());
        return r;
    }

    private static long states(String source, Explorer.Reductions reductions) {
        CheckResult r = check(source, reductions);
        assertEquals(List.of(), Scenarios.kinds(r));
        return r.stats().states();
    }

    private static List<String> kinds(String source, Explorer.Reductions reductions) {
        return Scenarios.kinds(check(source, reductions));
    }
}
