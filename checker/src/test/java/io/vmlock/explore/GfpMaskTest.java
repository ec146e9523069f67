package io.vmlock.explore;

import static io.vmlock.testing.Scenarios.check;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GFP masks written as the kernel writes them, {@code GFP_KERNEL | __GFP_NOLOCKDEP}: the search
 * gives a mask the reclaim its context allows, whatever lockdep is told; the modifiers change
 * what lockdep sees, not what the allocator does.
 */
class GfpMaskTest {
    private static final String MODEL = """
            mutex m;
            proc shrink() { mutex_lock(m); mutex_unlock(m); }
            reclaim __GFP_FS shrink();
            thread t { mutex_lock(m); alloc(%s); mutex_unlock(m); }
            """;

    private static void assertOutcome(CheckResult r, List<String> kinds, long states) {
        assertTrue(r.complete(), "search complete");
        assertEquals(kinds, kinds(r), () -> "findings: " + r.findings());
        assertEquals(states, r.stats().states(), "states");
    }

    /*
     * One thread, at: mutex_lock, alloc (holding m); the alloc either returns without reclaim
     * (at mutex_unlock, then finished) or enters shrink() (at its mutex_lock of m, which t holds:
     * the recursive-lock finding stops t, a state of its own): 6 states, whether or not lockdep
     * is told to look away.
     */
    @Test
    void noLockdepReclaimsAsItsContextAllows() {
        assertOutcome(check(MODEL.formatted("GFP_KERNEL")), List.of("recursive-lock"), 6);
        assertOutcome(check(MODEL.formatted("GFP_KERNEL | __GFP_NOLOCKDEP")), List.of("recursive-lock"), 6);
        assertOutcome(check(MODEL.formatted("GFP_KERNEL | __GFP_NOFAIL | __GFP_NORETRY")), List.of("recursive-lock"), 6);
    }

    /* GFP_NOFS enters no __GFP_FS path: mutex_lock, alloc, mutex_unlock, finished: 4 states, clean. */
    @Test
    void modifiersAddNoReclaimTheContextForbids() {
        assertOutcome(check(MODEL.formatted("GFP_NOFS")), List.of(), 4);
        assertOutcome(check(MODEL.formatted("GFP_NOFS | __GFP_NOFAIL")), List.of(), 4);
        assertOutcome(check(MODEL.formatted("__GFP_NORETRY | GFP_ATOMIC")), List.of(), 4);
    }

    /*
     * A mask with __GFP_FS cleared is a GFP_NOFS allocation: no __GFP_FS path, 4 states, clean;
     * clearing only __GFP_IO leaves __GFP_FS, so the fs path runs and recurses on m: 6 states. A
     * __GFP_IO path is reached by GFP_KERNEL & ~__GFP_FS but not by GFP_KERNEL & ~__GFP_IO.
     */
    @Test
    void clearedBitsTakeTheirReclaimAway() {
        assertOutcome(check(MODEL.formatted("GFP_KERNEL & ~__GFP_FS")), List.of(), 4);
        assertOutcome(check(MODEL.formatted("(GFP_KERNEL | __GFP_NOFAIL) & ~__GFP_FS")), List.of(), 4);
        assertOutcome(check(MODEL.formatted("GFP_KERNEL & ~__GFP_IO")), List.of("recursive-lock"), 6);
        String io = MODEL.replace("reclaim __GFP_FS", "reclaim __GFP_IO");
        assertOutcome(check(io.formatted("GFP_KERNEL & ~__GFP_FS")), List.of("recursive-lock"), 6);
        assertOutcome(check(io.formatted("GFP_KERNEL & ~__GFP_FS & ~__GFP_IO")), List.of(), 4);
    }
}
