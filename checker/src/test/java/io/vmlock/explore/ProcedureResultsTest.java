package io.vmlock.explore;

import static io.vmlock.testing.Scenarios.check;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Procedures that return a value ({@code bool inode_trylock(inode i)}, {@code int pick(int x)}),
 * with their state counts worked out by hand. The value lands in a temporary local of the caller
 * (a frame slot like any local, so part of the state while the frame lives), and the return is
 * control: resolved at once, or with the next step when it reads a global.
 */
class ProcedureResultsTest {

    private static void assertOutcome(CheckResult r, List<String> kinds, long states) {
        assertTrue(r.complete(), "search complete");
        assertEquals(kinds, kinds(r), () -> "findings: " + r.findings());
        assertEquals(states, r.stats().states(), "states");
    }

    /*
     * a: a0 (in take(), at the trylock), a1 (took m: at its unlock, temporary true), finished with
     * the temporary true (aT, after the unlock) or false (aF, the trylock found m held by b): a
     * finished thread keeps its frame, so aT and aF are two states. b: b0, b1 (holds m), b2.
     * a0 pairs with b0 b1 b2 (3); a1 with b0 b2, never b1 (2); aT with b0 b1 b2 (3: b locks m
     * after a let go); aF only with b1 b2 (2): 10 states, and the failed trylock never blocks: clean.
     * Inline, if (mutex_trylock(m)) gives 8: one finished state for a, as it has no temporary.
     */
    @Test
    void aTrylockResultPassedUpThroughAWrapperKeepsItsSemantics() {
        assertOutcome(check("""
                mutex m;
                bool take() { return mutex_trylock(m); }
                thread a { if (take()) { mutex_unlock(m); } }
                thread b { mutex_lock(m); mutex_unlock(m); }
                """), List.of(), 10);
        assertOutcome(check("""
                mutex m;
                thread a { if (mutex_trylock(m)) { mutex_unlock(m); } }
                thread b { mutex_lock(m); mutex_unlock(m); }
                """), List.of(), 8);
    }

    /*
     * One thread, steps: assert, r = pick(0) (an assignment is a step), assert. The calls and
     * returns are control: pick(3) runs before the first step, pick(0) right after the first
     * assert. States: at the first assert (r = 2), at the assignment, at the second assert
     * (r = 7), finished: 4. The second test expects 3 where pick(0) returned 7: an assertion, and
     * the thread stops at it instead of finishing: again 4.
     */
    @Test
    void intResultsFlowIntoLocalsAndAssignments() {
        assertOutcome(check("""
                int pick(int x) { if (x > 1) { return x - 1; } return 7; }
                thread t { int(0..9) r = pick(3); assert(r == 2); r = pick(0); assert(r == 7); }
                """), List.of(), 4);
        assertOutcome(check("""
                int pick(int x) { if (x > 1) { return x - 1; } return 7; }
                thread t { int(0..9) r = pick(3); assert(r == 2); r = pick(0); assert(r == 3); }
                """), List.of("assertion"), 4);
    }

    /*
     * is_set() returns a global's value, so r rests at that return and reads g with its next
     * step, as a branch on a global would. w: w0, w1. r: r0 (at the return), rB (g was 1: at
     * BUG_ON, temporary true), rF (g was 0: finished, temporary false). (w0,r0) (w1,r0) (w0,rF)
     * (w1,rF) (w1,rB): 5 states, and BUG_ON fails in the one interleaving where w ran first.
     */
    @Test
    void aReturnThatReadsAGlobalReadsItWithTheNextStep() {
        assertOutcome(check("""
                int(0..1) g = 0;
                bool is_set() { return g == 1; }
                thread w { g = 1; }
                thread r { if (is_set()) { BUG_ON(true); } }
                """), List.of("assertion"), 5);
    }

    /*
     * Calls inside operands run left to right before the test: busy() is false (m is free), then
     * twice(3), twice(1): 6 + 2 == 8, so BUG_ON(!idle) runs with idle = !busy() = true and
     * passes. One thread, at: busy()'s trylock, its unlock, the first BUG_ON, the second,
     * finished: 5 states, clean.
     */
    @Test
    void callsStandInsideConditionsAndOperands() {
        assertOutcome(check("""
                mutex m;
                bool busy() { if (mutex_trylock(m)) { mutex_unlock(m); return false; } return true; }
                int twice(int x) { return 2 * x; }
                thread t {
                    bool idle = !busy();
                    if (twice(3) + twice(1) == 8 && idle) { BUG_ON(!idle); }
                    BUG_ON(!idle);
                }
                """), List.of(), 5);
    }

    /* The compiled search and the reference search agree on every model above, statistics included. */
    @Test
    void theCompiledSearchAgrees() {
        String source = """
                int(0..1) g = 0;
                mutex m;
                bool take() { return mutex_trylock(m); }
                bool is_set() { return g == 1; }
                int pick(int x) { if (x > 1) { return x - 1; } return 7; }
                thread a { if (take()) { g = 1; mutex_unlock(m); } }
                thread b { mutex_lock(m); int(0..9) r = pick(3); mutex_unlock(m); BUG_ON(r != 2); }
                thread c { while (is_set() == false) { } }
                """;
        var ir = Scenarios.lower(source);
        for (Explorer.Order order : Explorer.Order.values()) {
            CheckResult reference = Explorer.check(ir, new Explorer.Options(order, Limits.defaults(),
                    Explorer.Engine.REFERENCE, 1, false));
            CheckResult compiled = Explorer.check(ir, new Explorer.Options(order, Limits.defaults(),
                    Explorer.Engine.COMPILED, 1, false));
            assertEquals(reference.stats().states(), compiled.stats().states());
            assertEquals(reference.stats().transitions(), compiled.stats().transitions());
            assertEquals(kinds(reference), kinds(compiled));
        }
    }
}
