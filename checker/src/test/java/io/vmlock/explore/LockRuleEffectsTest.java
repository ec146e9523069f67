package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.agree;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.findings.CheckResult;
import io.vmlock.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The completion and lockdep_assert_held rules, each on a tiny scenario run by both engines
 * (which must agree), with the verdict and number of states worked out by hand as in
 * {@link SemanticsTest}: a state is the globals, the lock words and every thread's stack.
 */
class LockRuleEffectsTest {

    private static CheckResult both(String source, List<String> kinds, long states) {
        CheckResult r = agree(Scenarios.lower(source), source);
        assertEquals(kinds, Scenarios.kinds(r), () -> LockKindRulesTest.report(r));
        assertEquals(states, r.stats().states(), () -> LockKindRulesTest.report(r));
        return r;
    }

    /*
     * One complete wakes one waiter: c0 (count 0), c1 (count 1), then w1 or w2 takes it (count 0
     * again) and the other waits for ever: 4 states, a hang. A wait that did not use the
     * completion up would let both through.
     */
    @Test
    void oneCompleteWakesOneWaiter() {
        both("""
                completion done;
                thread w1 { wait_for_completion(done); }
                thread w2 { wait_for_completion(done); }
                thread c { complete(done); }
                """, List.of("hang"), 4);
    }

    /*
     * complete_all lets a waiter through without using up a count: c0w0 (0, not all), c1w0 (all),
     * c2w0 (count 1, all), c1w1 (all), c2w1 (count 1, all): 5 states, clean. The waiter that
     * passes after the complete leaves the count at 1; consuming it too would add c2w1 with 0.
     */
    @Test
    void aWaitAfterCompleteAllLeavesTheCountAlone() {
        both("""
                completion done;
                thread c { complete_all(done); complete(done); }
                thread w { wait_for_completion(done); }
                """, List.of(), 5);
    }

    /*
     * reinit_completion forgets both a pending complete and a complete_all: c0w0, c1w0
     * (signalled), c2w0 (reset: the waiter is stuck), c1w1, c2w1: 5 states and a hang.
     */
    @ParameterizedTest
    @ValueSource(strings = {"complete", "complete_all"})
    void reinitForgetsTheSignal(String signal) {
        both("""
                completion done;
                thread c { %s(done); reinit_completion(done); }
                thread w { wait_for_completion(done); }
                """.formatted(signal), List.of("hang"), 5);
    }

    /*
     * The count saturates at the cap (15): a 16th complete still succeeds, it only adds nothing.
     * One thread, 16 steps: 17 states, clean.
     */
    @Test
    void completeBeyondTheCapStillSucceeds() {
        both("completion done;\nthread c { " + "complete(done); ".repeat(16) + "}\n", List.of(), 17);
    }

    /* lockdep_assert_held holds for a read hold of an rwsem as for a mutex: t0, t1, t2, t3: 4 states. */
    @ParameterizedTest
    @ValueSource(strings = {"rwsem l;|down_read|up_read", "rwsem l;|down_write|up_write", "mutex l;|mutex_lock|mutex_unlock"})
    void assertHeldHoldsInEveryModeTheThreadHolds(String spec) {
        String[] s = spec.split("\\|");
        both(s[0] + "\nthread t { " + s[1] + "(l); lockdep_assert_held(l); " + s[2] + "(l); }\n", List.of(), 4);
    }

    /*
     * Another thread's read hold is not this thread's: r0, r1 (reading), r2 (done), and from each
     * the failing assertion step of t: 6 states, an assertion finding.
     */
    @Test
    void assertHeldFailsWhenOnlyAnotherThreadReads() {
        String source = "rwsem l;\nthread r { down_read(l); up_read(l); }\nthread t { lockdep_assert_held(l); }\n";
        both(source, List.of("assertion"), 6);
    }
}
