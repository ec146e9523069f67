package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.bothEngines;
import static io.vmlock.explore.LockKindRulesTest.outcome;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.findings.CheckResult;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.graph.LockEdge;
import io.vmlock.testing.Scenarios;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * bit_spin_lock (include/linux/bit_spinlock.h), state by state on both engines: one holder,
 * preemption off while held (so sleeping there is sleep-in-atomic), interrupts left on, and no
 * owner check (a second bit_spin_lock by the holder spins forever: recursive-lock).
 */
class BitSpinlockTest {
    /** Both engines' result for the scenario, with its kinds of finding and its number of states. */
    /* s0, s1 (holds b), then mutex_lock under b stops the thread: 3 states. */
    @Test
    void sleepingUnderABitSpinlockIsSleepInAtomic() {
        CheckResult r = outcome("""
                bit_spinlock b; mutex m;
                thread t { bit_spin_lock(b); mutex_lock(m); mutex_unlock(m); bit_spin_unlock(b); }
                """, List.of("sleep-in-atomic"), 3);
        assertEquals("t may sleep in mutex_lock(m) while holding bit_spinlock b", r.findings().get(0).headline());
    }

    /* s0, s1 (holds b), s2 (stopped at the second bit_spin_lock): 3 states. */
    @Test
    void takingItAgainIsRecursive() {
        outcome("""
                bit_spinlock b;
                thread t { bit_spin_lock(b); bit_spin_lock(b); bit_spin_unlock(b); bit_spin_unlock(b); }
                """, List.of("recursive-lock"), 3);
    }

    /*
     * Interrupts stay on: as with spin_lock, p0, p0h0, p0h1, p1, p1h0 (the handler spins on the
     * bit its own thread holds), p2 = 6 states, a deadlock.
     */
    @Test
    void anInterruptTakingTheHeldBitDeadlocks() {
        outcome("""
                bit_spinlock b;
                interrupt timer on t { bit_spin_lock(b); bit_spin_unlock(b); }
                thread t { bit_spin_lock(b); bit_spin_unlock(b); }
                """, List.of("deadlock"), 6);
    }

    /*
     * a: a0, a1 (holds b), a2; t: t0, t1 (trylock succeeded), t2 (done, also after a failure).
     * a0t0 a1t0 a2t0 a0t1 a2t1 a0t2 a1t2 a2t2; a1t1 cannot be (both hold b): 8 states, clean.
     */
    @Test
    void aTrylockFailsWhileTheBitIsSet() {
        outcome("""
                bit_spinlock b;
                thread a { bit_spin_lock(b); bit_spin_unlock(b); }
                thread t { if (bit_spin_trylock(b)) { bit_spin_unlock(b); } }
                """, List.of(), 8);
    }

    /** lockdep has no map for a bit lock; vmlock's graph orders it like any spinlock. */
    @Test
    void theGraphOrdersItLikeASpinlock() {
        Set<String> edges = IrGraphBuilder.build(Scenarios.lower("""
                bit_spinlock b; spinlock s;
                thread t1 { bit_spin_lock(b); spin_lock(s); spin_unlock(s); bit_spin_unlock(b); }
                thread t2 { spin_lock(s); bit_spin_lock(b); bit_spin_unlock(b); spin_unlock(s); }
                """)).graph().edges().stream().map(LockEdge::toString).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("b -> s", "s -> b"), edges);
    }
}
