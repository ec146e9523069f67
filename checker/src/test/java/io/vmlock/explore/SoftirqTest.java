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
 * (include/linux/spinlock_api_smp.h); a hard interrupt may arrive in a softirq. The compiled
 * engine leaves these scenarios to the reference semantics, so the reference search is checked.
 */
class SoftirqTest {
    /* p0, p0h0 (handler at its spin_lock), p0h1, p1 (t holds s), p1h0 (spins on s), p2: 6 states. */
    @Test
    void aSoftirqTakingALockItsTaskHoldsWithSpinLockDeadlocks() {
        CheckResult r = outcome("""
                spinlock s;
                softirq timer on t { spin_lock(s); spin_unlock(s); }
                thread t { spin_lock(s); spin_unlock(s); }
                """, List.of("deadlock"), 6);
        assertEquals("t waits for itself", r.findings().get(0).headline());
    }

    /* p0, p0h0, p0h1, p1 (softirqs masked: no arrival), p2: 5 states. */
    @Test
    void spinLockBhKeepsTheSoftirqOut() {
        outcome("""
                spinlock s;
                softirq timer on t { spin_lock(s); spin_unlock(s); }
                thread t { spin_lock_bh(s); spin_unlock_bh(s); }
                """, List.of(), 5);
    }

    /* p0, p0h0, p0h1, p1 (irqs off, so no softirq either), p2: 5 states. */
    @Test
    void spinLockIrqKeepsTheSoftirqOut() {
        outcome("""
                spinlock s;
                softirq timer on t { spin_lock(s); spin_unlock(s); }
                thread t { spin_lock_irq(s); spin_unlock_irq(s); }
                """, List.of(), 5);
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
                """, List.of("deadlock"), 6);
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
                """, List.of(), 13);
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
                """, List.of("deadlock"), 9);
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
                """, List.of(), 8);
    }

    private static CheckResult outcome(String source, List<String> kinds, long states) {
        CheckResult r = Explorer.check(Scenarios.lower(source),
                new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.REFERENCE, 1, false));
        assertTrue(r.complete(), source);
        assertEquals(kinds, Scenarios.kinds(r), () -> source + r.findings());
        assertEquals(states, r.stats().states(), source);
        return r;
    }
}
