package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.bothEngines;
import static io.vmlock.explore.LockKindRulesTest.outcome;
import static io.vmlock.explore.LockKindRulesTest.reduced;
import static io.vmlock.explore.LockKindRulesTest.blockingEdges;
import static io.vmlock.explore.LockKindRulesTest.edges;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * percpu_ref as the request queue's q_usage_counter, state by state on both engines (counts
 * worked out by hand above each test), and in lockdep's view. A freeze is two steps: it kills
 * the ref (the freezer's state "fd": new entries now wait), then waits for zero. Freezer
 * positions: f0 (before), fd (killed, waiting for zero), f1 (frozen, at the unfreeze), f2 (done).
 */
class PercpuRefTest {
    private static final String FREEZER = "thread f { blk_mq_freeze_queue(q); blk_mq_unfreeze_queue(q); }\n";

    /*
     * io: i0, i1 (entered), i2 (done). f0 with i0..i2 (3); fd with i0..i2 (3); f1 only from fd i0
     * and fd i2, since nobody enters a frozen queue (2); f2 with i0..i2 (3). 11 states, clean.
     */
    @Test
    void anEntryWaitsForTheUnfreezeAndTheFreezeForTheExit() {
        outcome("percpu_ref q;\nthread io { blk_queue_enter(q); blk_queue_exit(q); }\n" + FREEZER, List.of(), 11);
    }

    /*
     * io holds r0..r4 = 0, 1, 2, 1, 0 references. f0 with r0..r4 (5); fd with r0..r4 (5), and fd r1
     * is stuck: the second entry waits for the unfreeze, the freeze for the first entry's exit;
     * f1 from fd r0 and fd r4 (2); f2 with r0..r4 (5). 17 states, one deadlock.
     */
    @Test
    void enteringAgainUnderAFreezeDeadlocks() {
        CheckResult r = outcome("""
                percpu_ref q;
                thread io { blk_queue_enter(q); blk_queue_enter(q); blk_queue_exit(q); blk_queue_exit(q); }
                """ + FREEZER, List.of("deadlock"), 17);
        Finding f = r.findings().get(0);
        assertEquals(List.of("io holds q and waits for q", "f holds q and waits for every reference to q to be put"),
                f.cycle().stream().map(l -> l.sentence()).toList());
    }

    /* percpu_ref_get never waits, not even after the drain: every r with every f, 20 states, no deadlock. */
    @Test
    void aReferenceTakenOnAKilledRefDoesNotWait() {
        outcome("""
                percpu_ref q;
                thread io { percpu_ref_get(q); percpu_ref_get(q); percpu_ref_put(q); percpu_ref_put(q); }
                """ + FREEZER, List.of(), 20);
    }

    /*
     * Freezes nest across threads: a and b each f0, fd, f1, f2, and with no reference to wait for
     * every pair is reachable: 16 states, clean (two percpu rwsem writers exclude: 12).
     */
    @Test
    void freezesNestAcrossThreads() {
        outcome("""
                percpu_ref q;
                thread a { blk_mq_freeze_queue(q); blk_mq_unfreeze_queue(q); }
                thread b { blk_mq_freeze_queue(q); blk_mq_unfreeze_queue(q); }
                """, List.of(), 16);
    }

    private static final String TRY = """
            percpu_ref q;
            thread t { percpu_ref_get(q); if (%s(q)) { percpu_ref_put(q); } percpu_ref_put(q); }
            """;

    /*
     * t: p0, p1 (one reference, at the try), p2 (two), p3 (one, at the last put), p4 (done).
     * percpu_ref_tryget never fails while t holds a reference, killed or not: every p with every
     * f, 20 states. percpu_ref_tryget_live fails while killed, so f1 p2 (a second reference
     * taken after the drain) is unreachable: 19 states. Both clean.
     */
    @Test
    void trygetFailsOnlyAtZeroAndTrygetLiveWhileKilled() {
        outcome(TRY.formatted("percpu_ref_tryget") + FREEZER, List.of(), 20);
        outcome(TRY.formatted("percpu_ref_tryget_live") + FREEZER, List.of(), 19);
    }

    /* A freezer entering its own frozen queue waits for itself: f0, fd, f1 (at the entry), stopped: 4 states. */
    @Test
    void theFreezerEnteringItsQueueIsRecursive() {
        outcome("""
                percpu_ref q;
                thread f { blk_mq_freeze_queue(q); blk_queue_enter(q); blk_queue_exit(q); blk_mq_unfreeze_queue(q); }
                """, List.of("recursive-lock"), 4);
    }

    /*
     * Two copies of a freezer: each at f0, fd, f1 or f2 with its own freeze depth (1 at fd and f1),
     * freezes nesting across threads and no reference to drain: 4 x 4 = 16 states, clean. Under
     * symmetry a state is the multiset of the two copies' states: 4 alike + 6 pairs = 10; a copy's
     * freeze depth moves with it (it did not: a renamed frozen copy was a thread at f2 still
     * holding its freeze, and the compiled step of a copy entering the queue raised a finding
     * the reference semantics did not, an internal error found by the soak test).
     */
    @Test
    void symmetryMovesAFreezeWithItsCopy() {
        String freezers = "percpu_ref q;\nthread f[2] { blk_mq_freeze_queue(q); blk_mq_unfreeze_queue(q); }\n";
        outcome(freezers, List.of(), 16);
        CheckResult r = reduced(freezers, new Explorer.Reductions(false, true));
        assertTrue(r.complete());
        assertEquals(List.of(), kinds(r), () -> "findings: " + r.findings());
        assertEquals(10, r.stats().states());
        String entering = """
                percpu_ref q;
                proc reclaim_io() { blk_queue_enter(q); blk_queue_exit(q); }
                thread f[2] { blk_mq_freeze_queue(q); reclaim_io(); blk_mq_unfreeze_queue(q); }
                """;
        CheckResult full = reduced(entering, Explorer.Reductions.NONE);
        CheckResult reduced = reduced(entering, Explorer.Reductions.ALL_BUT_CHAINS);
        assertEquals(List.of("recursive-lock"), kinds(full));
        assertEquals(kinds(full), kinds(reduced));
    }

    /**
     * lockdep's view (6.13+): a freeze holds q for write but, taken as a trylock, orders after
     * nothing; an entry orders after what is held but holds nothing; a bare reference is not
     * seen; a nested freeze adds no self-edge. (A trylock's edge is recorded but never waits.)
     */
    @Test
    void theGraphSeesFreezesHeldAndEntriesForAMoment() {
        assertEquals(Set.of("m -> q", "q -> m"), edges("""
                percpu_ref q; mutex m;
                thread a { blk_mq_freeze_queue(q); mutex_lock(m); mutex_unlock(m); blk_mq_unfreeze_queue(q); }
                thread b { mutex_lock(m); blk_queue_enter(q); blk_queue_exit(q); mutex_unlock(m); }
                """));
        assertEquals(Set.of(), edges("""
                percpu_ref q; mutex m;
                thread a { blk_queue_enter(q); mutex_lock(m); mutex_unlock(m); blk_queue_exit(q); }
                thread b { mutex_lock(m); percpu_ref_get(q); percpu_ref_put(q); mutex_unlock(m); }
                """));
        assertEquals(Set.of("q -> m"), blockingEdges("""
                percpu_ref q; mutex m;
                thread c { mutex_lock(m); blk_mq_freeze_queue(q); blk_mq_unfreeze_queue(q); mutex_unlock(m); }
                thread a { blk_mq_freeze_queue(q); blk_mq_freeze_queue(q); mutex_lock(m); mutex_unlock(m);
                           blk_mq_unfreeze_queue(q); blk_mq_unfreeze_queue(q); }
                """));
    }
}
