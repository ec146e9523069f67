package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Softirqs, state by state: one arrives where irqs are on, no _bh section masks it and no handler
 * runs; spin_lock_bh and local_bh_disable mask softirqs only, spin_lock_irq both
 * (include/linux/spinlock_api_smp.h); a hard interrupt may arrive in a softirq. Both engines search
 * each scenario to the same report and state count, and the compiled one with partial-order and
 * symmetry reduction to a hand-counted reduced count (with one thread every move is that thread's,
 * so no stubborn set is smaller than all of them and the reduced count is the full one).
 */
class SoftirqTest {
    /* p0, p0h0 (handler at its spin_lock), p0h1, p1 (t holds s), p1h0 (spins on s), p2: 6 states. */
    @Test
    void aSoftirqTakingALockItsTaskHoldsWithSpinLockDeadlocks() {
        CheckResult r = outcome("""
                spinlock s;
                softirq timer on t { spin_lock(s); spin_unlock(s); }
                thread t { spin_lock(s); spin_unlock(s); }
                """, List.of("deadlock"), 6, 6);
        assertEquals("t waits for itself", r.findings().get(0).headline());
    }

    /* p0, p0h0, p0h1, p1 (softirqs masked: no arrival), p2: 5 states. */
    @Test
    void spinLockBhKeepsTheSoftirqOut() {
        outcome("""
                spinlock s;
                softirq timer on t { spin_lock(s); spin_unlock(s); }
                thread t { spin_lock_bh(s); spin_unlock_bh(s); }
                """, List.of(), 5, 5);
    }

    /* p0, p0h0, p0h1, p1 (irqs off, so no softirq either), p2: 5 states. */
    @Test
    void spinLockIrqKeepsTheSoftirqOut() {
        outcome("""
                spinlock s;
                softirq timer on t { spin_lock(s); spin_unlock(s); }
                thread t { spin_lock_irq(s); spin_unlock_irq(s); }
                """, List.of(), 5, 5);
    }

    /*
     * spin_lock_bh masks softirqs only: the hard interrupt still comes where t holds s.
     * p0, p0i0, p0i1, p1, p1i0 (spins on s), p2: 6 states.
     */
    @Test
    void spinLockBhLeavesHardInterruptsOn() {
        outcome("""
                spinlock s;
                interrupt disk on t { spin_lock(s); spin_unlock(s); }
                thread t { spin_lock_bh(s); spin_unlock_bh(s); }
                """, List.of("deadlock"), 6, 6);
    }

    /*
     * local_bh_disable nests: the softirq waits for the outer enable. The handler has two steps
     * (h0, h1 before each x = 1). At p0: p0 with x 0 or 1, p0h0 with x 0 or 1, p0h1 with x = 1 (5);
     * p1 (depth 1), p2 (depth 2), p3 (depth 1 again: still masked), p4 (done), each with x 0 or
     * 1 (8): 13 states. A mask that the inner enable cleared would add p3h0 (x 0, 1) and p3h1: 16.
     */
    @Test
    void localBhDisableNests() {
        outcome("""
                int(0..1) x = 0;
                softirq timer on t { x = 1; x = 1; }
                thread t { local_bh_disable(); local_bh_disable(); local_bh_enable(); local_bh_enable(); }
                """, List.of(), 13, 13);
    }

    /*
     * A hard interrupt arrives in a softirq (irqs are on there) and spins on the lock the softirq
     * holds. t: p0 (x = 0), p1 (x = 1, done: nothing arrives). At p0: S0 (timer at spin_lock),
     * S1 (timer holds s), I0 (disk at spin_lock), I1 (disk holds s), S0I0, S0I1 (disk in the
     * timer before it locks), S1I0 (disk spins on the timer's s: stuck): 9 states.
     */
    @Test
    void aHardInterruptMayInterruptASoftirq() {
        CheckResult r = outcome("""
                spinlock s; int(0..1) x = 0;
                softirq timer on t { spin_lock(s); spin_unlock(s); }
                interrupt disk on t { spin_lock(s); spin_unlock(s); }
                thread t { x = 1; }
                """, List.of("deadlock"), 9, 9);
        assertEquals("t holds s and waits for s in interrupt disk", r.findings().get(0).cycle().get(0).sentence());
    }

    /* The same with spin_lock_irq in the softirq: S1 has irqs off, so no S1I0: 8 states, clean. */
    @Test
    void spinLockIrqInTheSoftirqKeepsTheHardInterruptOut() {
        outcome("""
                spinlock s; int(0..1) x = 0;
                softirq timer on t { spin_lock_irq(s); spin_unlock_irq(s); }
                interrupt disk on t { spin_lock(s); spin_unlock(s); }
                thread t { x = 1; }
                """, List.of(), 8, 8);
    }

    /*
     * Two threads contending for s, a's softirq too. a: p0, p0h0, p0h1 (its softirq holds s), p1
     * (a holds s, softirqs masked), p2; b: q0, q1 (holds s), q2. 15 pairs less the two where both
     * hold s: 13. Partial-order reduction keeps them all: wherever both can move, each one's next
     * step is on s, which the other still takes (the softirq's hold of s is a's: a dependency).
     */
    @Test
    void aSoftirqsLockIsADependencyForPartialOrderReduction() {
        outcome("""
                spinlock s;
                softirq timer on a { spin_lock(s); spin_unlock(s); }
                thread a { spin_lock_bh(s); spin_unlock_bh(s); }
                thread b { spin_lock(s); spin_unlock(s); }
                """, List.of(), 13, 13);
    }

    /*
     * b takes another lock: independent of a. Unreduced 5 * 3 = 15. Reduced: where both can move,
     * b has one move and a two (its step and its softirq's arrival), so b goes alone until it
     * ends (q0, q1, q2 with a at p0), then a alone: p1, p2, p0h0, p0h1 with b done: 7.
     */
    @Test
    void anIndependentThreadRunsAheadOfTheSoftirq() {
        outcome("""
                spinlock s; spinlock u;
                softirq timer on a { spin_lock(s); spin_unlock(s); }
                thread a { spin_lock_bh(s); spin_unlock_bh(s); }
                thread b { spin_lock(u); spin_unlock(u); }
                """, List.of(), 15, 7);
    }

    /*
     * The softirq runs on both copies (daemons, so the livelock check lets symmetry rename them).
     * A copy: p0, p0h0, p0h1 (its softirq holds s), p1 (holds s), p2. 25 pairs less the 4 where
     * both hold s: 21. Up to renaming, the 15 multisets of two less the 3 where both hold s: 12;
     * partial-order reduction adds nothing (both copies always take s next or later).
     */
    @Test
    void symmetryRenamesACopyWithItsSoftirq() {
        String copies = """
                spinlock s;
                softirq timer on w { spin_lock(s); spin_unlock(s); }
                daemon thread w[2] { spin_lock_bh(s); spin_unlock_bh(s); }
                """;
        outcome(copies, List.of(), 21, 12);
        assertEquals(12, LockKindRulesTest.reduced(copies, new Explorer.Reductions(false, true)).stats().states());
    }

    /*
     * The same with spin_lock: a copy also has p1h0 (its softirq spins on the s it holds, stuck),
     * so 6 local states, 3 of which hold s: 36 - 9 = 27 pairs; up to renaming 21 - 6 = 15. A
     * copy's task token and its softirq's stay apart when renamed, or p1h0 would not be stuck.
     */
    @Test
    void symmetryKeepsTheSoftirqSelfDeadlockOfACopy() {
        CheckResult r = outcome("""
                spinlock s;
                softirq timer on w { spin_lock(s); spin_unlock(s); }
                daemon thread w[2] { spin_lock(s); spin_unlock(s); }
                """, List.of("deadlock"), 27, 15);
        assertEquals("w[0] waits for itself", r.findings().get(0).headline());
    }

    /*
     * local_bh_disable makes the task atomic (preempt_count holds SOFTIRQ_DISABLE_OFFSET), so a
     * sleep in it is reported; the same sleep after local_bh_enable is not. p0, p1 (masked), and t
     * stopped at the might_sleep, the finding: 3 states. Unmasked first: p0 .. p3, clean: 4 states.
     */
    @Test
    void aSleepWithSoftirqsMaskedIsASleepInAtomicContext() {
        CheckResult r = outcome("""
                thread t { local_bh_disable(); might_sleep(); local_bh_enable(); }
                """, List.of("sleep-in-atomic"), 3, 3);
        assertEquals("t may sleep in might_sleep() with softirqs disabled", r.findings().get(0).headline());
        outcome("""
                thread t { local_bh_disable(); local_bh_enable(); might_sleep(); }
                """, List.of(), 4, 4);
    }

    /**
     * Both engines' report and state count (the reference's result, as LockKindRulesTest#outcome),
     * then the compiled search with both reductions (compiled, not handed to the reference
     * semantics): the same finding kinds in {@code reducedStates}.
     */
    private static CheckResult outcome(String source, List<String> kinds, long states, long reducedStates) {
        CheckResult r = LockKindRulesTest.outcome(source, kinds, states);
        CheckResult reduced = LockKindRulesTest.reduced(source, Explorer.Reductions.ALL_BUT_CHAINS);
        assertTrue(reduced.complete(), source);
        assertTrue(reduced.notes().stream().noneMatch(n -> n.startsWith("compiled engine not used:")), () -> reduced.notes().toString());
        assertEquals(kinds, Scenarios.kinds(reduced), () -> source + reduced.findings());
        assertEquals(reducedStates, reduced.stats().states(), source);
        return r;
    }
}
