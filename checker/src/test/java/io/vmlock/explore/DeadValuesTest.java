package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.reduced;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dead-value reduction ({@code io.vmlock.explore.system.DeadValues}): a thread's local or
 * per-thread variable that dies after its last read no longer tells states apart, so fewer are
 * stored, and each finding, its trace and its report text included, stays what the search
 * without the reduction reports.
 */
class DeadValuesTest {
    private static final Explorer.Reductions DEAD_VALUES = new Explorer.Reductions(false, false, true);

    /*
     * reader copies g into x before or after writer sets it, and reads x only to choose its next
     * step: from its mutex_lock(a) on, x is dead, and the states after it differ only in x. The
     * locks are taken in opposite orders: a deadlock either way.
     */
    /** g and the two locks, and writer, which sets g and takes b, then a. */
    private static final String WRITER = """
            int(0..1) g = 0;
            mutex a;
            mutex b;
            thread writer {
                g = 1;
                mutex_lock(b);
                mutex_lock(a);
                mutex_unlock(a);
                mutex_unlock(b);
            }
            """;

    /** a, then b: against writer, a deadlock. */
    private static final String A_THEN_B = "mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a);";

    private static final String LOCAL = WRITER + """
            thread reader {
                int(0..1) x;
                x = g;
                if (x == 1) { might_sleep(); }
                %s
            }
            """.formatted(A_THEN_B);

    @Test
    void aLocalDeadAfterItsLastReadNoLongerTellsStatesApart() {
        assertSameFindingsInFewerStates(LOCAL);
    }

    @Test
    void aPerThreadVariableDeadAfterItsLastReadNoLongerTellsStatesApart() {
        assertSameFindingsInFewerStates("current int(0..1) seen = 0;\n" + LOCAL.replace("int(0..1) x;", "")
                .replace("x = g;", "current->seen = g;").replace("x == 1", "current->seen == 1"));
    }

    private static void assertSameFindingsInFewerStates(String source) {
        CheckResult full = reduced(source, Explorer.Reductions.NONE);
        CheckResult fewer = reduced(source, DEAD_VALUES);
        assertEquals(List.of("deadlock"), kinds(full));
        assertEquals(full.findings(), fewer.findings());
        assertTrue(fewer.stats().states() < full.stats().states(), fewer.stats() + " against " + full.stats());
        CheckResult all = reduced(source, Explorer.Reductions.ALL_BUT_CHAINS);
        CheckResult withoutDeadValues = reduced(source, new Explorer.Reductions(true, true));
        assertEquals(withoutDeadValues.findings(), all.findings());
        assertTrue(all.stats().states() < withoutDeadValues.stats().states(), all.stats() + " against "
                + withoutDeadValues.stats());
    }

    /*
     * Each read keeps what it reads live back to the write it reads: x by the BUG_ON's guard two
     * steps on, y by the assignment to h, n by the loop's head, written at its end, and z, written
     * before the loop, round the loop's back edge to its next round's read. Were any reset early,
     * the BUG_ON (only in the second round, after reading g = 1 both times) would never fail.
     */
    @Test
    void everyReadKeepsItsValueLiveBackToItsWrite() {
        String source = """
                int(0..1) g = 0;
                int(0..1) h = 0;
                thread reader {
                    int(0..1) x;
                    int(0..1) y;
                    int(0..2) n;
                    int(0..1) z;
                    z = g;
                    while (n < 2) {
                        x = g;
                        y = g;
                        might_sleep();
                        h = y;
                        BUG_ON(x == 1 && h == 1 && n == 1 && z == 1);
                        n = n + 1;
                    }
                }
                thread writer {
                    g = 1;
                    g = 0;
                    g = 1;
                }
                """;
        CheckResult full = reduced(source, Explorer.Reductions.NONE);
        CheckResult reduced = reduced(source, DEAD_VALUES);
        assertEquals(List.of("assertion"), kinds(full));
        assertEquals(full.findings(), reduced.findings());
        assertTrue(reduced.stats().states() < full.stats().states(), reduced.stats() + " against " + full.stats());
    }

    /*
     * take's n is read only to choose its first step, but a report prints the frame as take(1):
     * the parameter stays live while the frame is on the stack, so the deadlock's threads are shown
     * where they really are.
     */
    @Test
    void aParameterStaysAsItIsWhileItsFrameIsOnTheStack() {
        String source = WRITER + """
                proc take(int n) {
                    if (n == 1) { %s }
                }
                thread reader {
                    take(g);
                }
                """.formatted(A_THEN_B);
        CheckResult full = reduced(source, Explorer.Reductions.NONE);
        CheckResult reduced = reduced(source, DEAD_VALUES);
        assertEquals(List.of("deadlock"), kinds(full));
        assertEquals(full.findings(), reduced.findings());
        Finding deadlock = reduced.findings().get(0);
        assertTrue(deadlock.blocked().stream().anyMatch(b -> b.callStack().contains("take(1)")), deadlock.toString());
    }
}
