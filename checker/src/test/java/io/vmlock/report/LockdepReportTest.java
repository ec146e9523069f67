package io.vmlock.report;

import static io.vmlock.testing.Scenarios.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** The lockdep format: kernel/locking/lockdep.c's scenario tables under lockdep's lock names. */
class LockdepReportTest {

    /** The report after its summary line: the table of the one finding. */
    private static String table(String scenario) {
        String report = LockdepReport.render(check(scenario));
        return report.substring(report.indexOf('\n') + 2);
    }

    /* A handle holder and a thread waiting for the handles to drain: jbd2_handle, read-held. */
    @Test
    void journalHandlesAreJbd2Handle() {
        String t = table("""
                journal j;
                mutex m;
                thread a { mutex_lock(m); jbd2_journal_lock_updates(j); jbd2_journal_unlock_updates(j); mutex_unlock(m); }
                thread b { jbd2_journal_start(j); mutex_lock(m); mutex_unlock(m); jbd2_journal_stop(j); }
                """);
        assertTrue(t.endsWith("""
                  lock(m);
                                               rlock(jbd2_handle);
                                               lock(m);
                  lock(jbd2_handle);

                 *** DEADLOCK ***
                """), t);
    }

    /* The commit barrier held while a new handle waits for it: jbd2_handle, never "the j commit". */
    @Test
    void theCommitBarrierIsJbd2Handle() {
        String t = table("""
                journal j;
                mutex m;
                thread a { mutex_lock(m); jbd2_journal_start(j); jbd2_journal_stop(j); mutex_unlock(m); }
                thread b { jbd2_journal_lock_updates(j); mutex_lock(m); mutex_unlock(m); jbd2_journal_unlock_updates(j); }
                """);
        assertTrue(t.contains("""
                  lock(m);
                                               lock(jbd2_handle);
                                               lock(m);
                  rlock(jbd2_handle);
                """), t);
        assertFalse(t.contains("commit"), t);
    }

    /* print_usage_bug_scenario: the handler spins on the lock its own task holds. */
    @Test
    void anInterruptOnTheHoldersCpuIsTheInconsistentLockStateTable() {
        assertEquals("""
                ================================
                WARNING: inconsistent lock state
                --------------------------------
                inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.
                CPU0: t, interrupted by irq

                 Possible unsafe locking scenario:

                       CPU0
                       ----
                  lock(s);
                  <Interrupt>
                    lock(s);

                 *** DEADLOCK ***
                """, table("""
                spinlock s;
                thread t { spin_lock(s); spin_unlock(s); }
                interrupt irq on t { spin_lock(s); spin_unlock(s); }
                """));
    }

    /* print_irq_lock_scenario: an irq-safe lock taken, irqs off, before an irq-unsafe one. */
    @Test
    void anInterruptInACycleIsTheIrqInversionTable() {
        assertEquals("""
                ========================================================
                WARNING: possible irq lock inversion dependency detected
                --------------------------------------------------------
                CPU0: t1, interrupted by irq
                CPU1: t2

                 Possible interrupt unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(unsafe);
                                               local_irq_disable();
                                               lock(safe);
                                               lock(unsafe);
                  <Interrupt>
                    lock(safe);

                 *** DEADLOCK ***
                """, table("""
                spinlock unsafe;
                spinlock safe;
                thread t1 { spin_lock(unsafe); spin_unlock(unsafe); }
                thread t2 { spin_lock_irq(safe); spin_lock(unsafe); spin_unlock(unsafe); spin_unlock_irq(safe); }
                interrupt irq on t1 { spin_lock(safe); spin_unlock(safe); }
                """));
    }

    /* A cycle through a completion: cross-release's table, the completer "unlocking" it. */
    @Test
    void aCycleThroughAnEventIsTheCrosslockTable() {
        String t = table("""
                mutex m;
                completion done;
                thread a { mutex_lock(m); wait_for_completion(done); mutex_unlock(m); }
                thread b { mutex_lock(m); complete(done); mutex_unlock(m); }
                """);
        assertTrue(t.endsWith("""
                 Possible unsafe locking scenario by crosslock:

                       CPU0                    CPU1
                       ----                    ----
                  lock(m);
                  lock((complete)done);
                                               lock(m);
                                               unlock((complete)done);

                 *** DEADLOCK ***
                """), t);
    }

    /*
     * lockdep names three locks in "Chain exists of:" whatever the chain's length: source (CPU0
     * wants it) --> parent (CPU1 holds it) --> target (CPU0 holds it); and through an event, the
     * crosslock's: the lock CPU1 wants --> what CPU0 holds --> the event CPU0 waits for.
     */
    @Test
    void theChainIsSourceParentTargetForAnyLength() {
        String four = table("""
                mutex a; mutex b; mutex c; mutex d;
                thread t1 { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
                thread t2 { mutex_lock(b); mutex_lock(c); mutex_unlock(c); mutex_unlock(b); }
                thread t3 { mutex_lock(c); mutex_lock(d); mutex_unlock(d); mutex_unlock(c); }
                thread t4 { mutex_lock(d); mutex_lock(a); mutex_unlock(a); mutex_unlock(d); }
                """);
        assertTrue(four.contains("Chain exists of:\n  b --> d --> a\n\n"), four);
        String cross = table("""
                mutex m; mutex n;
                completion done;
                thread a { mutex_lock(m); wait_for_completion(done); mutex_unlock(m); }
                thread b { mutex_lock(n); mutex_lock(m); mutex_unlock(m); mutex_unlock(n); }
                thread c { mutex_lock(n); complete(done); mutex_unlock(n); }
                """);
        assertTrue(cross.contains("Chain exists of:\n  n --> m --> (complete)done\n\n"), cross);
    }

    /* print_circular_lock_scenario over three locks: source --> parent --> target, then the table. */
    @Test
    void aCycleOfThreeLocksIsTheCircularTableWithItsChain() {
        assertEquals("""
                t.vmlock: 1 deadlock

                ======================================================
                WARNING: possible circular locking dependency detected
                ------------------------------------------------------
                CPU0: t1
                CPU1: t3

                Chain exists of:
                  b --> c --> a

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(a);
                                               lock(c);
                                               lock(a);
                  lock(b);

                 *** DEADLOCK ***
                """, LockdepReport.render(check(Scenarios.THREE_LOCK_CYCLE)));
    }

    /* Two locks: no chain, both CPUs named, the rule exactly as long as lockdep's. */
    @Test
    void aCycleOfTwoLocksHasNoChain() {
        assertEquals("""
                ======================================================
                WARNING: possible circular locking dependency detected
                ------------------------------------------------------
                CPU0: a
                CPU1: b

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(x);
                                               lock(y);
                                               lock(x);
                  lock(y);

                 *** DEADLOCK ***
                """, table("""
                mutex x;
                mutex y;
                thread a { mutex_lock(x); mutex_lock(y); mutex_unlock(y); mutex_unlock(x); }
                thread b { mutex_lock(y); mutex_lock(x); mutex_unlock(x); mutex_unlock(y); }
                """));
    }

    /* Findings lockdep has no table for: the headline and where, after the summary line. */
    @Test
    void otherFindingsAreTheirHeadlineAndPosition() {
        assertEquals("""
                t.vmlock: 1 sleep-in-atomic

                sleep-in-atomic: t may sleep in mutex_lock(m) while holding spinlock s
                    at t.vmlock:3:26
                """, LockdepReport.render(check("""
                spinlock s;
                mutex m;
                thread t { spin_lock(s); mutex_lock(m); mutex_unlock(m); spin_unlock(s); }
                """)));
    }
}
