package io.vmlock.report;

import static io.vmlock.testing.Scenarios.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.BlockedAt;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.SearchStats;
import io.vmlock.findings.StepContext;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import io.vmlock.testing.Scenarios;
import io.vmlock.verdict.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The lockdep format: kernel/locking/lockdep.c's scenario tables under lockdep's lock names. */
class LockdepReportTest {

    /** The report after its summary line: the table of the one finding. */
    private static String table(String scenario) {
        String report = LockdepReport.render(check(scenario));
        return report.substring(report.indexOf('\n') + 2);
    }

    /* A handle holder and a thread waiting for the handles to drain: the journal's map, read-held. */
    @Test
    void journalHandlesAreTheJournalsJbd2HandleMap() {
        String t = table("""
                journal j;
                mutex m;
                thread a { mutex_lock(m); jbd2_journal_lock_updates(j); jbd2_journal_unlock_updates(j); mutex_unlock(m); }
                thread b { jbd2_journal_start(j); mutex_lock(m); mutex_unlock(m); jbd2_journal_stop(j); }
                """);
        assertTrue(t.contains("""
                  lock(m);
                                               lock((jbd2_handle)j);
                                               lock(m);
                  lock((jbd2_handle)j);

                 *** DEADLOCK ***
                """), t);
        // print_lock_name's -{outer:inner}: the mutex's LD_WAIT_SLEEP (4 under PROVE_RAW_LOCK_NESTING),
        // the jbd2_handle map's LD_WAIT_INV (lockdep_init_map), wherever a class is printed
        assertTrue(t.contains("""
                a is trying to acquire lock:
                 ((jbd2_handle)j){++++}-{0:0}, at: jbd2_journal_lock_updates(j) t.vmlock:3:27

                but task is already holding lock:
                 (m){+.+.}-{4:4}, at: mutex_lock(m) t.vmlock:3:12
                """), t);
        assertTrue(t.contains("\n-> #1 (m){+.+.}-{4:4}:\n"), t);
        assertTrue(t.contains("\n-> #0 ((jbd2_handle)j){++++}-{0:0}:\n"), t);
        assertTrue(t.contains("\n #0: (m){+.+.}-{4:4}, at: mutex_lock(m) t.vmlock:3:12\n"), t);
    }

    /* Two journals are two maps, each under its declared name, never one "jbd2_handle". */
    @Test
    void eachJournalIsNamedAsDeclared() {
        String t = table("""
                journal j1;
                journal j2;
                thread a { jbd2_journal_start(j1); jbd2_journal_lock_updates(j2); jbd2_journal_unlock_updates(j2); jbd2_journal_stop(j1); }
                thread b { jbd2_journal_start(j2); jbd2_journal_lock_updates(j1); jbd2_journal_unlock_updates(j1); jbd2_journal_stop(j2); }
                """);
        assertTrue(t.contains("(jbd2_handle)j1") && t.contains("(jbd2_handle)j2"), t);
        assertFalse(t.contains("(jbd2_handle);"), t);
    }

    /* The commit barrier held while a new handle waits for it: the journal's map, never "the j commit". */
    @Test
    void theCommitBarrierIsTheJournalsMap() {
        String t = table("""
                journal j;
                mutex m;
                thread a { mutex_lock(m); jbd2_journal_start(j); jbd2_journal_stop(j); mutex_unlock(m); }
                thread b { jbd2_journal_lock_updates(j); mutex_lock(m); mutex_unlock(m); jbd2_journal_unlock_updates(j); }
                """);
        assertTrue(t.contains("""
                  lock(m);
                                               lock((jbd2_handle)j);
                                               lock(m);
                  rlock((jbd2_handle)j);
                """), t);
        assertFalse(t.contains("commit"), t);
    }

    /*
     * print_usage_bug: the task took the lock with interrupts on (registered first), the handler
     * on its CPU now takes it in hardirq context. mark_lock sets IN-HARDIRQ-W before the report is
     * printed, so the class prints '?' (used in hardirq and enabled) on every line.
     */
    @Test
    void anInterruptOnTheHoldersCpuIsTheInconsistentLockState() {
        String t = table("""
                spinlock s;
                thread t { spin_lock(s); spin_unlock(s); }
                interrupt irq on t { spin_lock(s); spin_unlock(s); }
                """);
        assertTrue(t.startsWith("""
                ================================
                WARNING: inconsistent lock state
                --------------------------------
                inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage.
                t [HC1[1]:SC0[0]:HE0:SE1] takes:
                 (s){?.+.}-{3:3}, at: spin_lock(s) t.vmlock:3:22
                {HARDIRQ-ON-W} state was registered at:
                       spin_lock(s) t.vmlock:2:12
                       thread t

                other info that might help us debug this:
                 Possible unsafe locking scenario:

                       CPU0
                       ----
                  lock(s);
                  <Interrupt>
                    lock(s);

                 *** DEADLOCK ***

                1 lock held by t:
                 #0: (s){?.+.}-{3:3}, at: spin_lock(s) t.vmlock:2:12
                """), t);
    }

    /*
     * The same for a softirq: lockdep_states.h's SOFTIRQ state, print_usage_bug's context flags
     * in a softirq (SC1[1], softirqs off, hard interrupts on).
     */
    @Test
    void aSoftirqOnTheHoldersCpuIsTheSoftirqInconsistentLockState() {
        String t = table("""
                spinlock s;
                thread t { spin_lock(s); spin_unlock(s); }
                softirq timer on t { spin_lock(s); spin_unlock(s); }
                """);
        assertTrue(t.startsWith("""
                ================================
                WARNING: inconsistent lock state
                --------------------------------
                inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.
                t [HC0[0]:SC1[1]:HE1:SE0] takes:
                 (s){+.?.}-{3:3}, at: spin_lock(s) t.vmlock:3:22
                {SOFTIRQ-ON-W} state was registered at:
                       spin_lock(s) t.vmlock:2:12
                       thread t
                """), t);
    }

    /*
     * A lock held under spin_lock_bh gets no SOFTIRQ-ON bit (HARDIRQ-ON only): the inversion names
     * SOFTIRQ-unsafe; the lock that just changed state prints its new IN-SOFTIRQ-W bit ('-').
     */
    @Test
    void aSoftirqInACycleIsTheSoftirqInversion() {
        String t = table("""
                spinlock unsafe;
                spinlock safe;
                thread t1 { spin_lock(unsafe); spin_unlock(unsafe); }
                thread t2 { spin_lock_bh(safe); spin_lock(unsafe); spin_unlock(unsafe); spin_unlock_bh(safe); }
                softirq timer on t1 { spin_lock(safe); spin_unlock(safe); }
                """);
        assertTrue(t.contains("but this lock took another, SOFTIRQ-unsafe lock in the past:"), t);
        assertTrue(t.contains("t1 just changed the state of lock:\n (safe){+.-.}-{3:3}, at: spin_lock(safe)"), t);
        assertTrue(t.contains(" (safe){+.-.}-{3:3}, at: spin_lock_bh(safe)"), t);
    }

    /*
     * print_irq_inversion_bug's table: an irq-safe lock taken, irqs off, before an irq-unsafe one.
     * The safe lock, only ever taken with irqs off, prints just its new IN-HARDIRQ-W bit.
     */
    @Test
    void anInterruptInACycleIsTheIrqInversionTable() {
        String t = table("""
                spinlock unsafe;
                spinlock safe;
                thread t1 { spin_lock(unsafe); spin_unlock(unsafe); }
                thread t2 { spin_lock_irq(safe); spin_lock(unsafe); spin_unlock(unsafe); spin_unlock_irq(safe); }
                interrupt irq on t1 { spin_lock(safe); spin_unlock(safe); }
                """);
        assertTrue(t.startsWith("""
                ========================================================
                WARNING: possible irq lock inversion dependency detected
                --------------------------------------------------------
                t1 just changed the state of lock:
                 (safe){-...}-{3:3}, at: spin_lock(safe) t.vmlock:5:23
                but this lock took another, HARDIRQ-unsafe lock in the past:
                 (unsafe){+.+.}-{3:3}
                """), t);
        // the interrupt takes the very lock t2 waits for: no "Chain exists of" (only a longer cycle has a middle lock)
        assertTrue(t.contains("""
                 (unsafe){+.+.}-{3:3}

                and interrupts could create inverse lock ordering between them.


                other info that might help us debug this:
                 Possible interrupt unsafe locking scenario:
                """), t);
        assertFalse(t.contains("Chain exists of"), t);
        assertTrue(t.contains("""
                stack backtrace:
                Call Trace:
                 spin_lock(safe) t.vmlock:5:23
                """), t);
        assertTrue(t.contains("""
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
                """), t);
    }

    /*
     * print_irq_lock_scenario: where the safe lock's holder waits for a middle lock, not the unsafe
     * one itself, the chain safe --> middle --> unsafe comes before the table, whose CPU1 takes the middle.
     */
    @Test
    void anInversionThroughAMiddleLockPrintsItsChain() {
        String t = table("""
                spinlock unsafe;
                spinlock mid;
                spinlock safe;
                thread t1 { spin_lock(unsafe); spin_unlock(unsafe); }
                thread t2 { spin_lock_irq(safe); spin_lock(mid); spin_unlock(mid); spin_unlock_irq(safe); }
                thread t3 { spin_lock(mid); spin_lock(unsafe); spin_unlock(unsafe); spin_unlock(mid); }
                interrupt irq on t1 { spin_lock(safe); spin_unlock(safe); }
                """);
        assertTrue(t.contains("""
                other info that might help us debug this:
                Chain exists of:
                  safe --> mid --> unsafe

                 Possible interrupt unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(unsafe);
                                               local_irq_disable();
                                               lock(safe);
                                               lock(mid);
                  <Interrupt>
                    lock(safe);
                """), t);
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
        // print_circular_bug_header's order: CPU1's acquisition, then where CPU0 waits for the event
        assertTrue(t.startsWith("""
                ======================================================
                WARNING: possible circular locking dependency detected
                ------------------------------------------------------
                b is trying to acquire lock:
                 (m){+.+.}, at: mutex_lock(m) t.vmlock:4:12

                but now in release context of a crosslock acquired at the following:
                 ((complete)done){....}, at: wait_for_completion(done) t.vmlock:3:27

                which lock already depends on the new lock.
                """), t);
        // the task that tries (b) holds nothing; the waiter's mutex is listed, and the stack is b's
        assertTrue(t.contains("""
                no locks held by b.
                1 lock held by a:
                 #0: (m){+.+.}, at: mutex_lock(m) t.vmlock:3:12

                stack backtrace:
                Call Trace:
                 mutex_lock(m) t.vmlock:4:12
                 thread b
                """), t);
        assertTrue(t.contains("""
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

    /*
     * print_circular_bug over three locks: the dependency chain from the lock held (#2) back to
     * the one wanted (#0), each entry with the call chain that made it, then the table.
     */
    @Test
    void aCycleOfThreeLocksIsTheCircularBugWithItsDependencyChain() {
        assertEquals("""
                t.vmlock: 1 deadlock

                ======================================================
                WARNING: possible circular locking dependency detected
                ------------------------------------------------------
                t1 is trying to acquire lock:
                 (b){+.+.}-{4:4}, at: mutex_lock(b) t.vmlock:4:28

                but task is already holding lock:
                 (a){+.+.}-{4:4}, at: mutex_lock(a) t.vmlock:4:13

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #2 (a){+.+.}-{4:4}:
                       mutex_lock(a) t.vmlock:6:28
                       thread t3

                -> #1 (c){+.+.}-{4:4}:
                       down_read(c) t.vmlock:5:28
                       thread t2

                -> #0 (b){+.+.}-{4:4}:
                       mutex_lock(b) t.vmlock:4:28
                       thread t1

                other info that might help us debug this:

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

                1 lock held by t1:
                 #0: (a){+.+.}-{4:4}, at: mutex_lock(a) t.vmlock:4:13

                stack backtrace:
                Call Trace:
                 mutex_lock(b) t.vmlock:4:28
                 thread t1
                """, LockdepReport.render(check(Scenarios.THREE_LOCK_CYCLE)));
    }

    /* Two locks: no chain, the rules exactly as long as lockdep's. */
    @Test
    void aCycleOfTwoLocksHasNoChain() {
        String t = table("""
                mutex x;
                mutex y;
                thread a { mutex_lock(x); mutex_lock(y); mutex_unlock(y); mutex_unlock(x); }
                thread b { mutex_lock(y); mutex_lock(x); mutex_unlock(x); mutex_unlock(y); }
                """);
        assertTrue(t.startsWith("""
                ======================================================
                WARNING: possible circular locking dependency detected
                ------------------------------------------------------
                """), t);
        assertFalse(t.contains("Chain exists of:"), t);
        assertTrue(t.contains("""
                -> #1 (x){+.+.}-{4:4}:
                       mutex_lock(x) t.vmlock:4:27
                       thread b

                -> #0 (y){+.+.}-{4:4}:
                       mutex_lock(y) t.vmlock:3:27
                       thread a
                """), t);
    }

    /*
     * A spinlock_t's LD_WAIT_CONFIG (3 under PROVE_RAW_LOCK_NESTING); a bit spinlock, which lockdep
     * never sees, prints no wait types (nor would lockdep print the class at all).
     */
    @Test
    void aSpinlockPrintsItsWaitTypesAndABitSpinlockNone() {
        String t = table("""
                bit_spinlock h;
                spinlock s;
                thread a { bit_spin_lock(h); spin_lock(s); spin_unlock(s); bit_spin_unlock(h); }
                thread b { spin_lock(s); bit_spin_lock(h); bit_spin_unlock(h); spin_unlock(s); }
                """);
        assertTrue(t.contains("""
                a is trying to acquire lock:
                 (s){+.+.}-{3:3}, at: spin_lock(s) t.vmlock:3:30

                but task is already holding lock:
                 (h){+.+.}, at: bit_spin_lock(h) t.vmlock:3:12
                """), t);
    }

    /*
     * A seqcount's map is lockdep_init_map()'d (include/linux/seqlock.h __seqcount_init(), Kingxukai/linux
     * 9b44fff655e2) or statically { .name = #lockname } (SEQCOUNT_DEP_MAP_INIT): LD_WAIT_INV, -{0:0}, on
     * the writer's held lock (write_seqcount_begin: seqcount_acquire) and the reader's acquisition
     * (read_seqcount_begin: seqcount_lockdep_reader_access) alike.
     */
    @Test
    void aSeqcountPrintsLdWaitInv() {
        String t = table("""
                seqcount c;
                spinlock s;
                thread a { write_seqcount_begin(c); spin_lock(s); spin_unlock(s); write_seqcount_end(c); }
                thread b { spin_lock(s); read_seqcount_begin(c); read_seqcount_retry(c); spin_unlock(s); }
                """);
        assertTrue(t.contains("""
                but task is already holding lock:
                 (c){+.+.}-{0:0}, at: write_seqcount_begin(c) t.vmlock:3:12
                """), t);
        assertTrue(t.contains("\n-> #1 (c){+.+.}-{0:0}:\n       read_seqcount_begin(c) t.vmlock:4:26\n"), t);
        assertTrue(t.contains("\n-> #0 (s){+.+.}-{3:3}:\n"), t);
    }

    /*
     * A seqlock_t is two lockdep classes (include/linux/seqlock.h, Kingxukai/linux 9b44fff655e2):
     * __SEQLOCK_UNLOCKED(q) names its spinlock_t "q" (__SPIN_LOCK_UNLOCKED, LD_WAIT_CONFIG: -{3:3})
     * and its seqcount's map "q.seqcount" (SEQCNT_SPINLOCK_ZERO -> SEQCNT_ZERO(q.seqcount), LD_WAIT_INV:
     * -{0:0}). write_seqlock() is spin_lock(&sl->lock), then do_write_seqcount_begin(): the writer holds
     * both, spinlock first, and orders what it takes next after the seqcount; read_seqbegin()'s
     * seqcount_lockdep_reader_access() acquires the seqcount for read with interrupts saved off and
     * releases it at once: the reader waits on "q.seqcount", which gets no enabled-for-read usage.
     * Real reports: "(mount_lock){+.+.}-{2:2}" then "(mount_lock.seqcount){+.+.}-{0:0}" held by a writer
     * (6.12-rc4, before PROVE_RAW_LOCK_NESTING put spinlock_t at 3:
     * https://lore.kernel.org/all/67176c28.050a0220.10f4f4.0116.GAE@google.com/), and
     * "(zonelist_update_seq.seqcount){...-}-{0:0}" at read_seqbegin()
     * (https://syzkaller.appspot.com/bug?extid=ecf48cc152f84f8c9f67). CPU0's own hold prints as it holds
     * it (print_circular_lock_scenario's tgt->read): the writer's lock(, not the reader's rlock(.
     */
    @Test
    void aSeqlockWriterAgainstAReaderHoldsTheSpinlockThenTheSeqcount() {
        assertEquals("""
                ======================================================
                WARNING: possible circular locking dependency detected
                ------------------------------------------------------
                a is trying to acquire lock:
                 (s){+.+.}-{3:3}, at: spin_lock(s) t.vmlock:3:30

                but task is already holding lock:
                 (q.seqcount){+.+.}-{0:0}, at: write_seqlock(q) t.vmlock:3:12

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (q.seqcount){+.+.}-{0:0}:
                       read_seqbegin(q) t.vmlock:4:26
                       thread b

                -> #0 (s){+.+.}-{3:3}:
                       spin_lock(s) t.vmlock:3:30
                       thread a

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(q.seqcount);
                                               lock(s);
                                               lock(q.seqcount);
                  lock(s);

                 *** DEADLOCK ***

                2 locks held by a:
                 #0: (q){+.+.}-{3:3}, at: write_seqlock(q) t.vmlock:3:12
                 #1: (q.seqcount){+.+.}-{0:0}, at: write_seqlock(q) t.vmlock:3:12

                stack backtrace:
                Call Trace:
                 spin_lock(s) t.vmlock:3:30
                 thread a
                """, table("""
                seqlock q;
                spinlock s;
                thread a { write_seqlock(q); spin_lock(s); spin_unlock(s); write_sequnlock(q); }
                thread b { spin_lock(s); read_seqbegin(q); read_seqretry(q); spin_unlock(s); }
                """));
    }

    /*
     * A reader in the interrupt that came in the write section (commit 1007843a9190, "mm/page_alloc: fix
     * potential deadlock on zonelist_update_seq seqlock"): the reader's read acquisition of the seqcount
     * in the handler against the writer's interrupts-on hold of it, {HARDIRQ-ON-W} -> {IN-HARDIRQ-R}
     * (mark_lock_irq), on "q.seqcount" alone; the writer's spinlock is only in the held list.
     */
    @Test
    void aSeqlockReaderInAnInterruptIsTheSeqcountsInconsistentState() {
        assertEquals("""
                ================================
                WARNING: inconsistent lock state
                --------------------------------
                inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-R} usage.
                w [HC1[1]:SC0[0]:HE0:SE1] takes:
                 (q.seqcount){+-+.}-{0:0}, at: read_seqbegin(q) t.vmlock:3:23
                {HARDIRQ-ON-W} state was registered at:
                       write_seqlock(q) t.vmlock:2:12
                       thread w

                other info that might help us debug this:
                 Possible unsafe locking scenario:

                       CPU0
                       ----
                  lock(q.seqcount);
                  <Interrupt>
                    lock(q.seqcount);

                 *** DEADLOCK ***

                2 locks held by w:
                 #0: (q){+.+.}-{3:3}, at: write_seqlock(q) t.vmlock:2:12
                 #1: (q.seqcount){+-+.}-{0:0}, at: write_seqlock(q) t.vmlock:2:12

                stack backtrace:
                Call Trace:
                 read_seqbegin(q) t.vmlock:3:23
                 interrupt tick
                 thread w
                """, table("""
                seqlock q;
                thread w { write_seqlock(q); write_sequnlock(q); }
                interrupt tick on w { read_seqbegin(q); read_seqretry(q); }
                """));
    }

    /*
     * A writer waits for another writer in write_seqlock()'s spin_lock, on "q"; the holder took
     * "q.seqcount" under it and what it waits for under that, so lockdep's chain runs q --> q.seqcount --> s.
     */
    @Test
    void aSeqlockWriterWaitingForAWriterIsAChainThroughBothClasses() {
        String t = table("""
                seqlock q;
                spinlock s;
                thread a { spin_lock(s); write_seqlock(q); write_sequnlock(q); spin_unlock(s); }
                thread b { write_seqlock(q); spin_lock(s); spin_unlock(s); write_sequnlock(q); }
                """);
        assertTrue(t.contains("""
                a is trying to acquire lock:
                 (q){+.+.}-{3:3}, at: write_seqlock(q) t.vmlock:3:26
                """), t);
        assertTrue(t.contains("""
                -> #2 (s){+.+.}-{3:3}:
                       spin_lock(s) t.vmlock:4:30
                       thread b

                -> #1 (q.seqcount){+.+.}-{0:0}:
                       write_seqlock(q) t.vmlock:4:12
                       thread b

                -> #0 (q){+.+.}-{3:3}:
                       write_seqlock(q) t.vmlock:3:26
                       thread a
                """), t);
        assertTrue(t.contains("""
                Chain exists of:
                  q --> q.seqcount --> s

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(s);
                                               lock(q.seqcount);
                                               lock(s);
                  lock(q);
                """), t);
    }

    /* A writer in the interrupt spins in write_seqlock()'s spin_lock: the spinlock class "q", on both lines. */
    @Test
    void aSeqlockWriterInAnInterruptIsTheSpinlocksInconsistentState() {
        String t = table("""
                seqlock q;
                thread w { write_seqlock(q); write_sequnlock(q); }
                interrupt tick on w { write_seqlock(q); write_sequnlock(q); }
                """);
        assertTrue(t.contains("""
                inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage.
                w [HC1[1]:SC0[0]:HE0:SE1] takes:
                 (q){?.+.}-{3:3}, at: write_seqlock(q) t.vmlock:3:23
                """), t);
        assertTrue(t.contains("  lock(q);\n  <Interrupt>\n    lock(q);\n"), t);
        assertTrue(t.contains(" #1: (q.seqcount){+.+.}-{0:0}, at: write_seqlock(q) t.vmlock:2:12\n"), t);
    }

    /* A writer's retake spins on its own spinlock "q"; a read_seqbegin() in its own write section on "q.seqcount". */
    @Test
    void aSeqlockTakenAgainIsRecursiveOnTheClassItWants() {
        String writer = table("""
                seqlock q;
                thread a { write_seqlock(q); write_seqlock(q); write_sequnlock(q); write_sequnlock(q); }
                """);
        assertTrue(writer.contains("""
                a is trying to acquire lock:
                 (q){+.+.}-{3:3}, at: write_seqlock(q) t.vmlock:2:30

                but task is already holding lock:
                 (q){+.+.}-{3:3}, at: write_seqlock(q) t.vmlock:2:12
                """), writer);
        assertTrue(writer.contains("  lock(q);\n  lock(q);\n"), writer);
        String reader = table("""
                seqlock q;
                thread a { write_seqlock(q); read_seqbegin(q); read_seqretry(q); write_sequnlock(q); }
                """);
        assertTrue(reader.contains("""
                a is trying to acquire lock:
                 (q.seqcount){+.+.}-{0:0}, at: read_seqbegin(q) t.vmlock:2:30

                but task is already holding lock:
                 (q.seqcount){+.+.}-{0:0}, at: write_seqlock(q) t.vmlock:2:12
                """), reader);
        assertTrue(reader.contains("  lock(q.seqcount);\n  lock(q.seqcount);\n"), reader);
    }

    /* A reader inside its read section holds nothing lockdep sees: seqcount_lockdep_reader_access released it. */
    @Test
    void aSeqlockReadSectionIsNoHeldLock() {
        String t = table("""
                seqlock q;
                mutex m1;
                mutex m2;
                thread a { mutex_lock(m1); read_seqbegin(q); mutex_lock(m2); mutex_unlock(m2); read_seqretry(q); mutex_unlock(m1); }
                thread b { mutex_lock(m2); mutex_lock(m1); mutex_unlock(m1); mutex_unlock(m2); }
                """);
        assertTrue(t.contains("""
                1 lock held by a:
                 #0: (m1){+.+.}-{4:4}, at: mutex_lock(m1) t.vmlock:4:12

                stack backtrace:
                """), t);
    }

    /*
     * A percpu_ref has no lockdep map (include/linux/percpu-refcount.h); what lockdep sees of
     * q_usage_counter since 6.13 is the queue's map, lockdep_init_map()'d in block/blk-core.c
     * blk_alloc_queue() (Kingxukai/linux 0291023e7330): LD_WAIT_INV, as syzbot's reports print
     * "(&q->q_usage_counter(io)#10){++++}-{0:0}" (https://syzkaller.appspot.com/bug?extid=460404a158b0ed7b101c).
     */
    @Test
    void aRequestQueuesUsageCounterPrintsLdWaitInv() {
        String t = table("""
                percpu_ref q;
                mutex m;
                thread a { mutex_lock(m); blk_queue_enter(q); blk_queue_exit(q); mutex_unlock(m); }
                thread b { blk_mq_freeze_queue(q); mutex_lock(m); mutex_unlock(m); blk_mq_unfreeze_queue(q); }
                """);
        assertTrue(t.contains("""
                a is trying to acquire lock:
                 (q){+.+.}-{0:0}, at: blk_queue_enter(q) t.vmlock:3:27
                """), t);
        assertTrue(t.contains("\n-> #0 (q){+.+.}-{0:0}:\n"), t);
    }

    /* A cycle through an event prints 4.14's cross-release report, from before wait types (5.7). */
    @Test
    void aCrossReleaseReportPrintsNoWaitTypes() {
        String t = table("""
                mutex m;
                completion c;
                thread a { mutex_lock(m); wait_for_completion(c); mutex_unlock(m); }
                thread b { mutex_lock(m); complete(c); mutex_unlock(m); }
                """);
        assertTrue(t.contains("(m){+.+.}, at: mutex_lock(m)"), t);
        assertTrue(!t.contains("-{"), t);
    }

    /* print_deadlock_bug: the same lock taken again, outside reclaim. */
    @Test
    void aLockTakenAgainIsPossibleRecursiveLocking() {
        String t = table("""
                mutex m;
                thread t { mutex_lock(m); mutex_lock(m); mutex_unlock(m); mutex_unlock(m); }
                """);
        assertEquals("""
                ============================================
                WARNING: possible recursive locking detected
                --------------------------------------------
                t is trying to acquire lock:
                 (m){+.+.}-{4:4}, at: mutex_lock(m) t.vmlock:2:27

                but task is already holding lock:
                 (m){+.+.}-{4:4}, at: mutex_lock(m) t.vmlock:2:12

                other info that might help us debug this:
                 Possible unsafe locking scenario:

                       CPU0
                       ----
                  lock(m);
                  lock(m);

                 *** DEADLOCK ***

                 May be due to missing lock nesting notation

                1 lock held by t:
                 #0: (m){+.+.}-{4:4}, at: mutex_lock(m) t.vmlock:2:12

                stack backtrace:
                Call Trace:
                 mutex_lock(m) t.vmlock:2:27
                 thread t
                """, t);
    }

    /*
     * Taken again inside reclaim: the allocation under sb_lock took fs_reclaim (sb_lock -> fs_reclaim),
     * reclaim takes sb_lock (fs_reclaim -> sb_lock): lockdep's circular dependency since 4.14.
     */
    @Test
    void aLockTakenAgainInReclaimIsACycleThroughFsReclaim() {
        String t = table("""
                mutex sb_lock;
                proc shrink() { mutex_lock(sb_lock); mutex_unlock(sb_lock); }
                reclaim __GFP_FS shrink();
                thread a { mutex_lock(sb_lock); alloc(GFP_KERNEL); mutex_unlock(sb_lock); }
                """);
        assertEquals("""
                ======================================================
                WARNING: possible circular locking dependency detected
                ------------------------------------------------------
                a is trying to acquire lock:
                 (sb_lock){+.+.}-{4:4}, at: mutex_lock(sb_lock) t.vmlock:2:17

                but task is already holding lock:
                 (fs_reclaim){+.+.}-{0:0}, at: alloc(GFP_KERNEL): enters reclaim -> shrink()
                    t.vmlock:4:33

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (fs_reclaim){+.+.}-{0:0}:
                       alloc(GFP_KERNEL): enters reclaim -> shrink() t.vmlock:4:33
                       thread a

                -> #0 (sb_lock){+.+.}-{4:4}:
                       mutex_lock(sb_lock) t.vmlock:2:17
                       shrink() [reclaim]
                       thread a

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(fs_reclaim);
                                               lock(sb_lock);
                                               lock(fs_reclaim);
                  lock(sb_lock);

                 *** DEADLOCK ***

                2 locks held by a:
                 #0: (sb_lock){+.+.}-{4:4}, at: mutex_lock(sb_lock) t.vmlock:4:12
                 #1: (fs_reclaim){+.+.}-{0:0}, at: alloc(GFP_KERNEL): enters reclaim -> shrink()
                         t.vmlock:4:33

                stack backtrace:
                Call Trace:
                 mutex_lock(sb_lock) t.vmlock:2:17
                 shrink() [reclaim]
                 thread a
                """, t);
    }

    /*
     * a holds s ({@code held}) over an allocation and reclaim takes it again ({@code retake}): the
     * acquisition's line, with its usage, and print_circular_lock_scenario's lines down to CPU0's retake.
     */
    private static String assertRetakenInReclaim(String held, String retake, String cpu0Retake) {
        return assertRetakenInReclaim(held, retake, cpu0Retake, "");
    }

    /** As above, with the threads {@code others} beside a. */
    private static String assertRetakenInReclaim(String held, String retake, String cpu0Retake, String others) {
        String t = table("""
                rwsem s;
                proc shrink() { down_%2$s(s); up_%2$s(s); }
                reclaim __GFP_FS shrink();
                thread a { down_%1$s(s); alloc(GFP_KERNEL); up_%1$s(s); }
                """.formatted(held, retake) + others);
        assertTrue(t.contains("a is trying to acquire lock:\n (s){++++}-{4:4}, at: down_" + retake + "(s) t.vmlock:2:17\n"), t);
        assertTrue(t.contains("""
                  lock(fs_reclaim);
                                               lock(s);
                                               lock(fs_reclaim);
                """ + "  " + cpu0Retake + "\n"), t);
        return t;
    }

    /*
     * Taken again for read inside reclaim: print_circular_lock_scenario says rlock( for the acquisition
     * (src->read), lock( for what CPU1 takes; the read acquisition's usage is marked (mark_usage)
     * before the report, so every line prints s with its read bits.
     */
    @Test
    void aLockTakenAgainForReadInReclaimIsAnRlockInTheScenario() {
        String t = assertRetakenInReclaim("write", "read", "rlock(s);");
        assertTrue(t.contains(" #0: (s){++++}-{4:4}, at: down_write(s) t.vmlock:4:12\n"), t);
    }

    /* Taken again for write under a read hold: the acquisition is a write, so lock( (src->read is 0). */
    @Test
    void aLockTakenAgainForWriteInReclaimIsALockInTheScenario() {
        String t = assertRetakenInReclaim("read", "write", "lock(s);");
        assertFalse(t.contains("rlock("), t);
    }

    /*
     * print_deadlock_scenario prints lock( on both lines whatever the modes (read at linux-next
     * 308d11b23391): only the usage says the retake is a read.
     */
    @Test
    void aLockTakenAgainForReadOutsideReclaimIsLockOnBothLines() {
        String t = table("""
                rwsem s;
                thread t { down_write(s); down_read(s); up_read(s); up_write(s); }
                """);
        assertTrue(t.contains("""
                t is trying to acquire lock:
                 (s){++++}-{4:4}, at: down_read(s) t.vmlock:2:27

                but task is already holding lock:
                 (s){++++}-{4:4}, at: down_write(s) t.vmlock:2:12
                """), t);
        assertTrue(t.contains("""
                       CPU0
                       ----
                  lock(s);
                  lock(s);
                """), t);
        assertFalse(t.contains("rlock("), t);
    }

    /*
     * t read-holds s and takes it for read again behind w's queued down_write: a deadlock of t
     * alone as lockdep sees it. The reads, in task context with interrupts on, set the read
     * characters of HARDIRQ and SOFTIRQ ({.+.+}); w's down_write entered lock_acquire before it
     * queued (rwsem_acquire, then LOCK_CONTENDED), which marked the write ones: {++++} on every line.
     */
    @Test
    void aRetakeBehindAQueuedWriterPrintsTheWritersUsageToo() {
        String t = table("""
                rwsem s;
                thread t { down_read(s); down_read(s); up_read(s); up_read(s); }
                thread w { down_write(s); up_write(s); }
                """);
        assertTrue(t.contains("""
                t is trying to acquire lock:
                 (s){++++}-{4:4}, at: down_read(s) t.vmlock:2:26

                but task is already holding lock:
                 (s){++++}-{4:4}, at: down_read(s) t.vmlock:2:12
                """), t);
        assertTrue(t.contains(" #0: (s){++++}-{4:4}, at: down_read(s) t.vmlock:2:12\n"), t);
    }

    /*
     * A percpu rwsem's writer shuts readers out, then waits for the one inside: percpu_down_write()
     * acquires the class for lockdep before that wait, so lockdep's chain has no link for it. a
     * waits behind w for p, which r holds (read): the chain is p and m, each once (syzbot's
     * s_writepages_rwsem report, corpus file 34, came back with the class twice before).
     */
    @Test
    void aPercpuWritersWaitForReadersIsNoLinkOfTheChain() {
        String t = table("""
                percpu_rwsem p;
                mutex m;
                thread r { percpu_down_read(p); mutex_lock(m); mutex_unlock(m); percpu_up_read(p); }
                thread a { mutex_lock(m); percpu_down_read(p); percpu_up_read(p); mutex_unlock(m); }
                thread w { percpu_down_write(p); percpu_up_write(p); }
                """);
        assertTrue(t.contains("\n-> #1 (p){++++}-{0:0}:\n       percpu_down_read(p) t.vmlock:4:27\n       thread a\n"), t);
        assertTrue(t.contains("\n-> #0 (m){+.+.}-{4:4}:\n"), t);
        assertTrue(!t.contains("-> #2"), t);
        assertTrue(!t.contains("percpu_down_write"), t);
    }

    /*
     * The same deadlock of one thread with the retake inside reclaim: lockdep's cycle through
     * fs_reclaim, not recursive locking (the allocation took fs_reclaim under s, reclaim takes s).
     * s prints {++++} (a's reads, w's queued write), fs_reclaim {+.+.} (taken for write at the
     * allocation, interrupts on); CPU0's retake is a read.
     */
    @Test
    void aRetakeInsideReclaimBehindAQueuedWriterIsACycleThroughFsReclaim() {
        String t = assertRetakenInReclaim("read", "read", "rlock(s);", "thread w { down_write(s); up_write(s); }\n");
        assertTrue(t.startsWith("""
                ======================================================
                WARNING: possible circular locking dependency detected
                """), t);
        assertTrue(t.contains("""
                but task is already holding lock:
                 (fs_reclaim){+.+.}-{0:0}, at: alloc(GFP_KERNEL): enters reclaim -> shrink()
                """), t);
    }

    /*
     * __lock_acquire marks the usage of the acquisition it checks (mark_usage) before
     * validate_chain finds the class held: a write wait on a class the trace only read-held prints
     * the write characters on both lines. Hand-built: the explorer names this case a recursive lock.
     */
    @Test
    void aThreadWaitingForWhatItHoldsPrintsTheClassWithItsOwnWait() {
        HeldLock read = new HeldLock("s", HeldLock.Mode.READ);
        WaitLink self = new WaitLink("t", new WaitLink.Lock("s", "s", true, "s"),
                new WaitLink.Lock("s", "s", false, "s"), Optional.empty());
        TraceStep take = new TraceStep(1, "t", "down_read(s)", SyntheticReports.at(1, 1), List.of(), List.of(read));
        BlockedAt wait = new BlockedAt("t", "down_write(s)", SyntheticReports.at(2, 1), List.of(), List.of(read));
        String r = render(new Finding(Verdict.DEADLOCK, "t waits for itself", List.of(), List.of(self), List.of(take),
                SyntheticReports.at(2, 1), List.of(), List.of(wait)));
        assertTrue(r.contains("""
                t is trying to acquire lock:
                 (s){++++}, at: down_write(s) examples/dir with space/dax.vmlock:2:1

                but task is already holding lock:
                 (s){++++}, at: down_read(s) examples/dir with space/dax.vmlock:1:1
                """), r);
    }

    /*
     * A chain through fs_reclaim of more than two classes: what the allocation held after the lock,
     * then fs_reclaim, then what reclaim took before it takes the lock again, each taken under the one
     * before it; "Chain exists of:" names the lock, the last link's parent and what the task holds.
     */
    @Test
    void aCycleThroughFsReclaimKeepsTheLocksEachSideOfTheAllocation() {
        String t = table("""
                mutex a_lock;
                mutex b_lock;
                mutex c_lock;
                proc shrink() { mutex_lock(c_lock); mutex_lock(a_lock); mutex_unlock(a_lock); mutex_unlock(c_lock); }
                reclaim __GFP_FS shrink();
                thread a { mutex_lock(a_lock); mutex_lock(b_lock); alloc(GFP_KERNEL); mutex_unlock(b_lock); mutex_unlock(a_lock); }
                """);
        List<String> entries = t.lines().filter(l -> l.startsWith("-> #")).toList();
        assertEquals(List.of("-> #3 (c_lock){+.+.}-{4:4}:", "-> #2 (fs_reclaim){+.+.}-{0:0}:", "-> #1 (b_lock){+.+.}-{4:4}:",
                "-> #0 (a_lock){+.+.}-{4:4}:"), entries, t);
        assertTrue(t.contains("Chain exists of:\n  a_lock --> fs_reclaim --> c_lock\n"), t);
        assertTrue(t.contains("""
                  lock(c_lock);
                                               lock(fs_reclaim);
                                               lock(c_lock);
                  lock(a_lock);
                """), t);
        assertTrue(t.contains("4 locks held by a:\n #0: (a_lock)"), t);
        assertTrue(t.contains(" #2: (fs_reclaim)"), t);
        assertTrue(t.contains(" #3: (c_lock)"), t);
    }

    /* A lock taken twice inside one reclaim path: the allocation did not hold it, so lockdep's recursive locking. */
    @Test
    void aLockTakenTwiceInsideReclaimIsRecursiveLocking() {
        String t = table("""
                mutex b_lock;
                mutex c_lock;
                proc shrink() { mutex_lock(c_lock); mutex_lock(c_lock); mutex_unlock(c_lock); mutex_unlock(c_lock); }
                reclaim __GFP_FS shrink();
                thread a { mutex_lock(b_lock); alloc(GFP_KERNEL); mutex_unlock(b_lock); }
                """);
        assertTrue(t.startsWith("""
                ============================================
                WARNING: possible recursive locking detected
                """), t);
    }

    /*
     * fs_reclaim_acquire takes the map only for __GFP_FS, and never for __GFP_NOLOCKDEP: lockdep sees
     * no cycle through fs_reclaim there, only the lock taken again (recursive locking).
     */
    @Test
    void aLockTakenAgainInAReclaimLockdepDoesNotTrackIsRecursiveLocking() {
        for (String alloc : List.of("alloc(GFP_NOFS)", "alloc(GFP_KERNEL | __GFP_NOLOCKDEP)")) {
            String t = table("""
                    mutex sb_lock;
                    proc shrink() { mutex_lock(sb_lock); mutex_unlock(sb_lock); }
                    reclaim shrink();
                    thread a { mutex_lock(sb_lock); %s; mutex_unlock(sb_lock); }
                    """.formatted(alloc));
            assertTrue(t.startsWith("""
                    ============================================
                    WARNING: possible recursive locking detected
                    """), alloc + ":\n" + t);
            assertFalse(t.contains("fs_reclaim"), alloc + ":\n" + t);
        }
    }

    /*
     * might_alloc takes fs_reclaim before might_sleep_if: in a softirq lockdep reports fs_reclaim's
     * inconsistent state first, registered where an allocation ran with softirqs on.
     */
    @Test
    void anAllocationInASoftirqIsFsReclaimsInconsistentState() {
        String t = table("""
                thread a { alloc(GFP_KERNEL); }
                softirq rx on a { alloc(GFP_KERNEL); }
                """);
        assertTrue(t.startsWith("""
                ================================
                WARNING: inconsistent lock state
                --------------------------------
                inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.
                a [HC0[0]:SC1[1]:HE1:SE0] takes:
                 (fs_reclaim){+.?.}-{0:0}, at: alloc(GFP_KERNEL) t.vmlock:2:19
                {SOFTIRQ-ON-W} state was registered at:
                """), t);
        assertTrue(t.contains("""
                {SOFTIRQ-ON-W} state was registered at:
                       (before the trace: at boot, the first allocation in task context)

                other info that might help us debug this:
                 Possible unsafe locking scenario:

                       CPU0
                       ----
                  lock(fs_reclaim);
                  <Interrupt>
                    lock(fs_reclaim);

                 *** DEADLOCK ***

                no locks held by a.

                stack backtrace:
                Call Trace:
                 alloc(GFP_KERNEL) t.vmlock:2:19
                 softirq rx
                 thread a
                """), t);
        assertFalse(t.contains("BUG: sleeping function"), t);
        assertFalse(t.contains("sleep-in-atomic: "), t);
    }

    /*
     * Registered at the trace's allocation in task context when there is one; a hard interrupt is
     * HARDIRQ's state, taken with interrupts off ([HC1[1]:...:HE0]); the held locks are the thread's.
     */
    @Test
    void anAllocationInAHandlerIsRegisteredAtTheTracesAllocationInTaskContext() {
        String t = table("""
                mutex m;
                bool ready;
                thread a { mutex_lock(m); alloc(GFP_KERNEL); ready = true; mutex_unlock(m); }
                interrupt irq on a { if (ready) { alloc(GFP_KERNEL); } }
                """);
        assertTrue(t.startsWith("""
                ================================
                WARNING: inconsistent lock state
                --------------------------------
                inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage.
                a [HC1[1]:SC0[0]:HE0:SE1] takes:
                 (fs_reclaim){?.+.}-{0:0}, at: alloc(GFP_KERNEL) t.vmlock:4:35
                {HARDIRQ-ON-W} state was registered at:
                       alloc(GFP_KERNEL) t.vmlock:3:27
                       thread a
                """), t);
        assertTrue(t.contains("1 lock held by a:\n #0: (m){+.+.}-{4:4}, at: mutex_lock(m) t.vmlock:3:12\n"), t);
    }

    /* A spinlock held over GFP_KERNEL in task context: fs_reclaim breaks no usage there, so __might_resched's bug. */
    @Test
    void aSpinlockHeldOverAnAllocationIsStillTheSleepingFunctionBug() {
        String t = LockdepReport.render(check("""
                spinlock s;
                thread t { spin_lock(s); alloc(GFP_KERNEL); spin_unlock(s); }
                """));
        assertTrue(t.contains("BUG: sleeping function called from invalid context"), t);
        assertFalse(t.contains("fs_reclaim"), t);
    }

    /* __might_resched: preempt_count one per spinlock, the held list, where preemption went off. */
    @Test
    void sleepInAtomicIsTheSleepingFunctionBug() {
        assertEquals("""
                t.vmlock: 1 sleep-in-atomic

                BUG: sleeping function called from invalid context at t.vmlock:3:26
                in_atomic(): 1, irqs_disabled(): 0, non_block: 0, name: t
                preempt_count: 1, expected: 0
                RCU nest depth: 0, expected: 0
                1 lock held by t:
                 #0: (s){+.+.}-{3:3}, at: spin_lock(s) t.vmlock:3:12
                Preemption disabled at:
                spin_lock(s) t.vmlock:3:12
                Call Trace:
                 mutex_lock(m) t.vmlock:3:26
                 thread t
                """, LockdepReport.render(check("""
                spinlock s;
                mutex m;
                thread t { spin_lock(s); mutex_lock(m); mutex_unlock(m); spin_unlock(s); }
                """)));
    }

    /* hung_task_info for the blocked thread, then every lock held in the system. */
    @Test
    void aHangIsTheHungTaskReportWithAllLocksHeld() {
        String t = table("""
                mutex m;
                completion done;
                thread t { mutex_lock(m); wait_for_completion(done); mutex_unlock(m); }
                """);
        assertEquals("""
                INFO: task t blocked for more than 120 seconds.
                "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
                task:t state:D
                Call Trace:
                 wait_for_completion(done) t.vmlock:3:27
                 thread t

                Showing all locks held in the system:
                1 lock held by t:
                 #0: (m){+.+.}-{4:4}, at: mutex_lock(m) t.vmlock:3:12

                =============================================
                """, t);
    }

    /* Findings the kernel has no report for: the headline and where, after the summary line. */
    @Test
    void otherFindingsAreTheirHeadlineAndPosition() {
        assertEquals("""
                t.vmlock: 1 lock-held-at-exit

                lock-held-at-exit: t ends while holding m
                    at t.vmlock:2:27
                """, LockdepReport.render(check("""
                mutex m;
                thread t { mutex_lock(m); }
                """)));
    }

    /*
     * lockdep's 80 columns, on every example's report: only a token longer than a line may overrun.
     * Tagged "every-example": it checks all of examples/ (over a minute), so a mutation run, which
     * runs it again for every mutant it reaches, leaves it out (pom.xml); LockdepTextTest covers
     * the wrapping rules themselves.
     */
    @Tag("every-example")
    @Test
    void everyExampleFitsInEightyColumns() throws java.io.IOException {
        java.nio.file.Path examples = Scenarios.root().resolve("examples");
        try (var walk = java.nio.file.Files.walk(examples)) {
            for (java.nio.file.Path p : walk.filter(f -> f.toString().endsWith(".vmlock")).sorted().toList()) {
                String report = LockdepReport.render(Scenarios.checkFile(p));
                for (String line : report.lines().toList()) {
                    boolean oneToken = line.strip().indexOf(' ') < 0;
                    assertTrue(line.length() <= LockdepText.WIDTH || oneToken, p + ": " + line);
                }
            }
        }
    }

    /*
     * mark_lock_irq: a write in the handler against a lock read-held with softirqs on is
     * {SOFTIRQ-ON-R} -> {IN-SOFTIRQ-W}; a read in the handler against a write, {SOFTIRQ-ON-W} ->
     * {IN-SOFTIRQ-R}; the new bit is in the read or write column it names. Hand-built findings: no
     * lock of the language is read-taken in a handler.
     */
    @Test
    void aReadOnEitherSideOfAHandlersWaitNamesItsReadUsage() {
        String writeInHandler = softirqWait(HeldLock.Mode.READ, false);
        assertTrue(writeInHandler.contains("inconsistent {SOFTIRQ-ON-R} -> {IN-SOFTIRQ-W} usage.\n"), writeInHandler);
        assertTrue(writeInHandler.contains(" (l){.+-+}, at: down_write(l)"), writeInHandler);
        assertTrue(writeInHandler.contains("{SOFTIRQ-ON-R} state was registered at:\n"), writeInHandler);
        String readInHandler = softirqWait(HeldLock.Mode.WRITE, true);
        assertTrue(readInHandler.contains("inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-R} usage.\n"), readInHandler);
        assertTrue(readInHandler.contains(" (l){+.+-}, at: down_write(l)"), readInHandler);
    }

    /* state_name(): an unsafe lock only ever read-held with interrupts on is "SOFTIRQ-READ-unsafe". */
    @Test
    void anInversionWithAReadHeldUnsafeLockSaysReadUnsafe() {
        String r = render(readHeldInversion(false));
        assertTrue(r.contains("but this lock took another, SOFTIRQ-READ-unsafe lock in the past:\n"), r);
        Finding readHeld = readHeldInversion(false);
        String writeHeld = render(new Finding(Verdict.DEADLOCK, "t and v", List.of(), readHeld.cycle(),
                List.of(new TraceStep(1, "t", "down_write(u)", SyntheticReports.at(1, 1), List.of(),
                        List.of(new HeldLock("u", HeldLock.Mode.WRITE)))), SyntheticReports.at(3, 1), List.of(),
                readHeld.blocked()));
        assertTrue(writeHeld.contains("but this lock took another, SOFTIRQ-unsafe lock in the past:\n"), writeHeld);
    }

    /*
     * CPU0 of an inversion is the thread whose handler waits, wherever the finding's cycle starts:
     * the same cycle listed from the other thread renders the same report (t's softirq state, not v's).
     */
    @Test
    void anInversionStartsAtTheHandlerWhereverTheCycleStarts() {
        String handlerFirst = render(readHeldInversion(false));
        String handlerSecond = render(readHeldInversion(true));
        assertTrue(handlerSecond.contains("t just changed the state of lock:\n (s)"), handlerSecond);
        assertTrue(handlerSecond.contains("SOFTIRQ-READ-unsafe lock in the past:\n (u)"), handlerSecond);
        assertEquals(handlerFirst, handlerSecond);
    }

    /**
     * v takes s with interrupts off, then waits for u; t holds u for read with softirqs on, and
     * its softirq rx waits for s. {@code handlerSecond}: the cycle lists v's link first.
     */
    private static Finding readHeldInversion(boolean handlerSecond) {
        WaitLink.End unsafe = new WaitLink.Lock("u", "u", true, "u");
        WaitLink.End safe = new WaitLink.Lock("s", "s", false, "s");
        WaitLink inHandler = new WaitLink("t", unsafe, safe, Optional.of("rx"), Optional.empty(), true);
        WaitLink other = new WaitLink("v", safe, unsafe, Optional.empty());
        List<WaitLink> cycle = handlerSecond ? List.of(other, inHandler) : List.of(inHandler, other);
        List<TraceStep> trace = List.of(
                new TraceStep(1, "t", "down_read(u)", SyntheticReports.at(1, 1), List.of(),
                        List.of(new HeldLock("u", HeldLock.Mode.READ))),
                new TraceStep(2, "v", "spin_lock_irq(s)", SyntheticReports.at(2, 1), List.of(),
                        List.of(new HeldLock("s", HeldLock.Mode.EXCLUSIVE)), SyntheticReports.at(2, 1),
                        new StepContext(false, false, false, false)));
        List<BlockedAt> blocked = List.of(
                new BlockedAt("t", "spin_lock(s)", SyntheticReports.at(3, 1), List.of(), List.of()),
                new BlockedAt("v", "down_write(u)", SyntheticReports.at(4, 1), List.of(), List.of()));
        return new Finding(Verdict.DEADLOCK, "t and v", List.of(), cycle, trace, SyntheticReports.at(3, 1),
                List.of(), blocked);
    }

    /** A softirq on t waits for l, which t holds in mode {@code held}; {@code readInHandler}: it waits to read. */
    private static String softirqWait(HeldLock.Mode held, boolean readInHandler) {
        HeldLock hold = new HeldLock("l", held);
        WaitLink link = new WaitLink("t", new WaitLink.Lock("l", "l", held == HeldLock.Mode.READ, "l"),
                new WaitLink.Lock("l", "l", readInHandler, "l"), Optional.of("rx"), Optional.empty(), true);
        TraceStep take = new TraceStep(1, "t", "down_write(l)", SyntheticReports.at(1, 1), List.of(), List.of(hold));
        BlockedAt wait = new BlockedAt("t", "down_write(l)", SyntheticReports.at(2, 1), List.of("softirq rx"),
                List.of(hold));
        return render(new Finding(Verdict.DEADLOCK, "t waits for l in softirq rx", List.of(), List.of(link),
                List.of(take), SyntheticReports.at(2, 1), List.of(), List.of(wait)));
    }

    private static String render(Finding f) {
        return LockdepReport.render(new CheckResult(SyntheticReports.FILE, List.of(f),
                new SearchStats(1, 1, 1, 1, 1, 1), Optional.empty(), List.of()));
    }

    /** m taken in reclaim; the threads, one allocating under s, one taking s under m, follow (CPU0 is the first). */
    private static final String RECLAIM_CYCLE = """
            mutex m;
            mutex s;
            proc shrink() { mutex_lock(m); mutex_unlock(m); }
            reclaim __GFP_FS shrink();
            """;
    private static final String RECLAIMER = "thread a { mutex_lock(s); alloc(GFP_KERNEL); mutex_unlock(s); }\n";
    private static final String TAKER = "thread b { mutex_lock(m); mutex_lock(s); mutex_unlock(s); mutex_unlock(m); }\n";

    /*
     * A thread that waits in reclaim its allocation entered under a lock: lockdep saw the
     * allocation take fs_reclaim under that lock and reclaim take the wanted lock under fs_reclaim,
     * so the chain has three classes (corpus 36's shape). CPU0 in reclaim holds fs_reclaim last.
     */
    @Test
    void aWaitInReclaimPutsFsReclaimInTheChainAfterTheLockTheAllocationHeld() {
        String t = table(RECLAIM_CYCLE + RECLAIMER + TAKER);
        assertTrue(t.contains("""
                a is trying to acquire lock:
                 (m){+.+.}-{4:4}, at: mutex_lock(m) t.vmlock:3:17

                but task is already holding lock:
                 (fs_reclaim){+.+.}-{0:0}, at: alloc(GFP_KERNEL): enters reclaim -> shrink()
                """), t);
        assertTrue(t.contains("\n-> #2 (fs_reclaim){+.+.}-{0:0}:\n       alloc(GFP_KERNEL): enters reclaim -> shrink() t.vmlock:5:27\n"), t);
        assertTrue(t.contains("\n-> #1 (s){+.+.}-{4:4}:\n"), t);
        assertTrue(t.contains("\n-> #0 (m){+.+.}-{4:4}:\n"), t);
        assertTrue(t.contains("Chain exists of:\n  m --> s --> fs_reclaim\n"), t);
        assertTrue(t.contains("""
                2 locks held by a:
                 #0: (s){+.+.}-{4:4}, at: mutex_lock(s) t.vmlock:5:12
                 #1: (fs_reclaim){+.+.}-{0:0}, at: alloc(GFP_KERNEL): enters reclaim -> shrink()
                """), t);
    }

    /* The same cycle with the other thread as CPU0: fs_reclaim sits between the two locks, not last. */
    @Test
    void aWaitInReclaimOfAnotherThreadPutsFsReclaimInsideTheChain() {
        String t = table(RECLAIM_CYCLE + TAKER + RECLAIMER);
        assertTrue(t.contains("b is trying to acquire lock:\n (s){+.+.}-{4:4}"), t);
        assertTrue(t.contains("but task is already holding lock:\n (m){+.+.}-{4:4}"), t);
        assertTrue(t.contains("\n-> #2 (m){+.+.}-{4:4}:\n"), t);
        assertTrue(t.contains("\n-> #1 (fs_reclaim){+.+.}-{0:0}:\n"), t);
        assertTrue(t.contains("\n-> #0 (s){+.+.}-{4:4}:\n"), t);
        assertTrue(t.contains("Chain exists of:\n  s --> fs_reclaim --> m\n"), t);
        assertTrue(t.contains("1 lock held by b:\n"), t);
    }
}
