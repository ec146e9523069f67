package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.findings.CheckResult;
import org.junit.jupiter.api.Test;

/** Which stubborn set is taken, counted by hand on independent threads. */
class StubbornSetsTest {
    private static final String A = "thread a { either { x = 1; } or { x = 2; } u = 1; }\n";
    private static final String B = "thread b { either { y = 1; } or { y = 2; } }\n";
    private static final String VARIABLES = "int(0..2) x; int(0..1) u; int(0..2) y;\n";

    /**
     * a chooses x, then sets u; b chooses y. At the start each alone is a stubborn set of two
     * moves: a tie, and the first thread in thread order goes first. a first: the start, a's two
     * choices, a's step after each (a alone, one move, is cheaper than b's two), then b's two
     * choices after each = 1 + 2 + 2 + 4 = 9 states, 8 moves. b first: the start, b's two choices,
     * then a alone runs in full after each (2 choices, 1 step each) = 1 + 2 + 4 + 4 = 11 states,
     * 10 moves. Unreduced either way: a's 5 places times b's 3 = 15 states.
     */
    @Test
    void onATieTheFirstThreadInThreadOrderGoesFirst() {
        CheckResult aFirst = porSearch(VARIABLES + A + B);
        assertEquals(9, aFirst.stats().states());
        assertEquals(8, aFirst.stats().transitions());
        CheckResult bFirst = porSearch(VARIABLES + B + A);
        assertEquals(11, bFirst.stats().states());
        assertEquals(10, bFirst.stats().transitions());
        assertEquals(15, LockKindRulesTest.reduced(VARIABLES + A + B, Explorer.Reductions.NONE).stats().states());
    }

    private static CheckResult porSearch(String source) {
        return LockKindRulesTest.reduced(source, new Explorer.Reductions(true, false));
    }
}
