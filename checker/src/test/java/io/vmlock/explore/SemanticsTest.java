package io.vmlock.explore;

import static io.vmlock.testing.Scenarios.check;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule of the semantics pinned by a small model whose verdict and exact number of states
 * are worked out by hand in the comment above it. A state is the globals, the lock words and
 * every thread's stack; control flow is never a state of its own (it is resolved with the next
 * step), and a thread whose last step is done is finished in that same step.
 */
class SemanticsTest {

    private static void assertOutcome(CheckResult r, List<String> kinds, long states) {
        assertTrue(r.complete(), "search complete");
        assertEquals(kinds, kinds(r), () -> "findings: " + r.findings());
        assertEquals(states, r.stats().states(), "states");
    }

    private static Finding only(CheckResult r) {
        assertEquals(1, r.findings().size(), () -> "findings: " + r.findings());
        return r.findings().get(0);
    }

    /*
     * reader r0..r4 (holds 0,1,2,1,0 reads), writer w0 / wq (queued) / w1 (holds) / w2 (done).
     * Reachable: r0w0 r1w0 r2w0 r3w0 r4w0; r0w1 r4w1; r0w2..r4w2 (5); r1wq r2wq r3wq r4wq = 16.
     * r1wq is stuck: the reader's second down_read waits behind the queued writer, which waits
     * for the reader: a deadlock after 2 steps.
     */
    @Test
    void rwsemReadRecursionDeadlocksAgainstAQueuedWriter() {
        CheckResult r = check("""
                rwsem sem;
                thread reader { down_read(sem); down_read(sem); up_read(sem); up_read(sem); }
                thread writer { down_write(sem); up_write(sem); }
                """);
        assertOutcome(r, List.of("deadlock"), 16);
        Finding f = only(r);
        assertEquals(2, f.trace().size());
        assertEquals("writer", f.trace().get(1).thread());
        assertTrue(f.trace().get(1).operation().contains("queued"), f.trace().get(1).operation());
        // the queued writer is in the cycle, holding nothing: it blocks the reader's second read
        assertEquals(List.of("reader holds sem and waits for sem (read), queued behind writer",
                "writer waits for sem (write), which reader holds (read)"),
                f.cycle().stream().map(l -> l.sentence()).toList());
        assertEquals("reader and writer wait for each other", f.headline());
    }

    /* The reader alone: r0..r4, 5 states, nothing to wait for. */
    @Test
    void rwsemReadRecursionWithoutAWriterIsClean() {
        assertOutcome(check("""
                rwsem sem;
                thread reader { down_read(sem); down_read(sem); up_read(sem); up_read(sem); }
                """), List.of(), 5);
    }

    /*
     * t: t0..t4 (handle depth 0,1,2,1,0); c (force_commit): c0, c1 barrier held, c2 drained, c3.
     * t's first start needs no barrier, its nested start never blocks; c drains only at depth 0.
     * t0 and t4 pair with c0..c3 (8), t1..t3 with c0, c1, c3 (9): 17 states, all end: clean.
     */
    @Test
    void nestedJournalStartNestsAndACommitWaitsForIt() {
        assertOutcome(check("""
                journal j;
                thread t { jbd2_journal_start(j); jbd2_journal_start(j); jbd2_journal_stop(j); jbd2_journal_stop(j); }
                thread c { jbd2_journal_force_commit(j); }
                """), List.of(), 17);
    }

    /* start (1 handle), barrier taken, then the drain waits for its own handle: 3 states. */
    @Test
    void committingWhileHoldingAHandleSelfDeadlocks() {
        CheckResult r = check("""
                journal j;
                thread t { jbd2_journal_start(j); jbd2_journal_force_commit(j); jbd2_journal_stop(j); }
                """);
        assertOutcome(r, List.of("deadlock"), 3);
        assertEquals("t holds a handle on j and waits for every handle on j to stop",
                only(r).cycle().get(0).sentence());
    }

    /* s0, s1 (holds s), then mutex_lock under s stops the thread: 3 states. */
    @Test
    void mutexUnderSpinlockSleepsInAtomic() {
        CheckResult r = check("""
                spinlock s;
                mutex m;
                thread t { spin_lock(s); mutex_lock(m); mutex_unlock(m); spin_unlock(s); }
                """);
        assertOutcome(r, List.of("sleep-in-atomic"), 3);
        Finding f = only(r);
        assertEquals("t may sleep in mutex_lock(m) while holding spinlock s", f.headline());
        assertTrue(f.details().contains("s was taken at step 1 (t.vmlock:3:12)"), f.details().toString());
    }

    private static final String RECLAIM = """
            mutex fs_lock;
            proc shrink_fs() { mutex_lock(fs_lock); mutex_unlock(fs_lock); }
            reclaim __GFP_FS shrink_fs();
            """;

    /* GFP_NOFS may not enter the __GFP_FS path: s0, s1 (holds), s2 (allocated), s3: 4 states. */
    @Test
    void gfpNofsDoesNotEnterFsReclaim() {
        assertOutcome(check(RECLAIM + "thread t { mutex_lock(fs_lock); alloc(GFP_NOFS); mutex_unlock(fs_lock); }"),
                List.of(), 4);
    }

    /* GFP_KERNEL also may: + the reclaim frame at its mutex_lock, + the stopped thread: 6 states. */
    @Test
    void gfpKernelEntersFsReclaimWithTheLocksHeld() {
        CheckResult r = check(RECLAIM + "thread t { mutex_lock(fs_lock); alloc(GFP_KERNEL); mutex_unlock(fs_lock); }");
        assertOutcome(r, List.of("recursive-lock"), 6);
        assertEquals(List.of("shrink_fs() [reclaim]"), only(r).trace().get(2).callStack());
    }

    /* A memalloc_nofs scope turns GFP_KERNEL into GFP_NOFS: s0..s5 with the scope steps: 6 states. */
    @Test
    void memallocNofsScopeExcludesFsReclaim() {
        assertOutcome(check(RECLAIM + """
                thread t { mutex_lock(fs_lock); memalloc_nofs_save(); alloc(GFP_KERNEL); memalloc_nofs_restore();
                           mutex_unlock(fs_lock); }
                """), List.of(), 6);
    }

    private static final String PAGE_FAULT = """
            mutex page_lock;
            proc fault_in() { mutex_lock(page_lock); mutex_unlock(page_lock); }
            mapping buf { fault = fault_in(); }
            """;

    /* The copy may fault into the page lock t holds: s0, s1, s2, s3 and the fault at its lock, stuck: 6 states. */
    @Test
    void aUserCopyUnderThePageLockMayFaultIntoIt() {
        assertOutcome(check(PAGE_FAULT + "thread t { mutex_lock(page_lock); copy_from_user(buf); mutex_unlock(page_lock); }"),
                List.of("recursive-lock"), 6);
    }

    /* With page faults disabled the copy comes back short: s0..s5, one per step, no fault: 6 states. */
    @Test
    void aUserCopyWithPageFaultsDisabledDoesNotFault() {
        assertOutcome(check(PAGE_FAULT + """
                thread t { mutex_lock(page_lock); pagefault_disable(); copy_from_user(buf); pagefault_enable();
                           mutex_unlock(page_lock); }
                """), List.of(), 6);
    }

    /* Nested scopes: the copy after the inner enable still may not fault; after the outer it may. */
    @Test
    void pagefaultDisableNests() {
        assertOutcome(check(PAGE_FAULT + """
                thread t { mutex_lock(page_lock); pagefault_disable(); pagefault_disable(); pagefault_enable();
                           copy_to_user(buf); pagefault_enable(); mutex_unlock(page_lock); }
                """), List.of(), 8);
        // the outer enable reopens faults: 8 states as above, + the fault at its lock, + stuck
        assertOutcome(check(PAGE_FAULT + """
                thread t { mutex_lock(page_lock); pagefault_disable(); pagefault_disable(); pagefault_enable();
                           pagefault_enable(); copy_to_user(buf); mutex_unlock(page_lock); }
                """), List.of("recursive-lock"), 10);
    }

    /*
     * A copy's result as C tests it: s0, s1 (holds), s2 (disabled); the short branch copies
     * (a3), enables (a4), unlocks (a5), copies again to done or faults (h0, h1 holding
     * page_lock, then done); the full branch copies (b3), enables (b4), unlocks to the same
     * done: 11 states.
     */
    @Test
    void aShortCopyIsTestedAsInC() {
        assertOutcome(check(PAGE_FAULT + """
                thread t {
                    mutex_lock(page_lock); pagefault_disable();
                    if (copy_from_user(buf)) { pagefault_enable(); mutex_unlock(page_lock); copy_from_user(buf); }
                    else { pagefault_enable(); mutex_unlock(page_lock); }
                }
                """), List.of(), 11);
    }

    /*
     * t: p0, p1 (holds s, irqs on), p2 (done); the handler h0 (entered), h1 (holds s).
     * From p0 the irq runs h0, h1 and returns to p0. From p1 it spins at h0 on the s its own
     * thread holds, and t cannot run until it returns: p0, p0h0, p0h1, p1, p1h0, p2 = 6 states.
     */
    @Test
    void interruptTakingASpinlockHeldWithIrqsOnDeadlocks() {
        CheckResult r = check("""
                spinlock s;
                thread t { spin_lock(s); spin_unlock(s); }
                interrupt timer on t { spin_lock(s); spin_unlock(s); }
                """);
        assertOutcome(r, List.of("deadlock"), 6);
        assertEquals(List.of("spin_lock(s)", "interrupt timer arrives"),
                only(r).trace().stream().map(s -> s.operation()).toList());
    }

    /* spin_lock_irq keeps the irq out while s is held: p0, p0h0, p0h1, p1, p2 = 5 states. */
    @Test
    void spinLockIrqKeepsTheInterruptOut() {
        assertOutcome(check("""
                spinlock s;
                thread t { spin_lock_irq(s); spin_unlock_irq(s); }
                interrupt timer on t { spin_lock(s); spin_unlock(s); }
                """), List.of(), 5);
    }

    /*
     * a: a0, a1 (holds m), a2; b: b0, bs (trylock succeeded), bf (failed), bd (done), be (stopped).
     * Reachable: a0b0 a1b0 a2b0 a0bs a2bs a1bf a2bf a1be a2be a0bd a1bd a2bd = 12; bf only when a
     * holds m, and its assert(false) is the finding: a's lock, b's trylock fails, the assert.
     */
    @Test
    void trylockFailureBranchIsExplored() {
        CheckResult r = check("""
                mutex m;
                thread a { mutex_lock(m); mutex_unlock(m); }
                thread b { if (mutex_trylock(m)) { mutex_unlock(m); } else { assert(false); } }
                """);
        assertOutcome(r, List.of("assertion"), 12);
        assertEquals(List.of("mutex_lock(m)", "mutex_trylock(m): fails", "assert(false)"),
                only(r).trace().stream().map(s -> s.operation()).toList());
    }

    /* The waiter never moves; other: o0, o1: 2 states, the second stuck with a waiter unfinished. */
    @Test
    void waitingForACompletionNobodyCompletesHangs() {
        CheckResult r = check("""
                completion done;
                thread waiter { wait_for_completion(done); }
                thread other { might_sleep(); }
                """);
        assertOutcome(r, List.of("hang"), 2);
        assertEquals(List.of("waiter waits for completion done (not completed), which no thread can bring about"),
                only(r).details());
    }

    /* w0c0, w0c1 (completed), w1c1: 3 states, clean. */
    @Test
    void aCompletedCompletionWakesTheWaiter() {
        assertOutcome(check("""
                completion done;
                thread waiter { wait_for_completion(done); }
                thread c { complete(done); }
                """), List.of(), 3);
    }

    /*
     * A daemon that loops forever (k0, k1 with tick 0/1) while the waiter's condition never
     * holds: no state is stuck, but no run ever finishes the waiter: 2 states, a livelock hang.
     */
    @Test
    void aWaitNothingCanSatisfyWhileADaemonLoopsIsAHang() {
        CheckResult r = check("""
                bool flag;
                int(0..1) tick = 0;
                daemon thread kswapd { while (true) { tick = 1; tick = 0; } }
                thread waiter { wait_event(flag); }
                """);
        assertOutcome(r, List.of("hang"), 2);
        assertEquals(List.of("waiter waits for the condition flag, false with flag = false, "
                + "which no thread can bring about"), only(r).details());
    }

    /* s0, s1 (finished holding m): 2 states. */
    @Test
    void endingWhileHoldingALock() {
        assertOutcome(check("mutex m;\nthread t { mutex_lock(m); }"), List.of("lock-held-at-exit"), 2);
    }

    /* s0, s1 (stopped): 2 states. */
    @Test
    void releasingALockNotHeld() {
        // The static unlock-not-acquired check accepts this (one branch acquires); the search finds
        // the other branch. Choosing a branch is a step. s0; lock branch: s1 (chosen), s2 (holds
        // m), s3 (unlocked, finished); empty branch: s4 (chosen), s5 (stopped at the unlock).
        // 6 states.
        String scenario = "mutex m;\nthread t { either { mutex_lock(m); } or { } mutex_unlock(m); }";
        assertOutcome(check(scenario), List.of("unlock-not-held"), 6);
    }

    /* s0, s1 (x = 2), s2 (stopped at the assert): 3 states. */
    @Test
    void failingAssertionShowsTheValues() {
        CheckResult r = check("int(0..3) x = 0;\nthread t { x = 2; assert(x < 2); }");
        assertOutcome(r, List.of("assertion"), 3);
        assertEquals(List.of("with x = 2"), only(r).details());
    }

    /* s0, s1 (x = 1), s2 (stopped at x++): 3 states. */
    @Test
    void assignmentOutOfRange() {
        CheckResult r = check("int(0..1) x = 0;\nthread t { x = 1; x++; }");
        assertOutcome(r, List.of("assertion"), 3);
        assertEquals("t assigns 2 to x, outside its range 0..1", only(r).headline());
    }

    /* s0; x = 2 breaks the invariant: that state is stored, reported and not explored: 2 states. */
    @Test
    void invariantIsCheckedInEveryState() {
        CheckResult r = check("int(0..3) x = 0;\ninvariant x < 2;\nthread t { x = 2; x = 0; }");
        assertOutcome(r, List.of("assertion"), 2);
        assertEquals("invariant x < 2 does not hold", only(r).headline());
    }

    /* Two threads, ABBA: the N = 2 philosophers without the loop: 19 states, 2-step deadlock. */
    @Test
    void abbaDeadlocks() {
        CheckResult r = check("""
                mutex a;
                mutex b;
                thread t1 { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
                thread t2 { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
                """);
        assertOutcome(r, List.of("deadlock"), 19);
        assertEquals(List.of("t1 holds a and waits for b", "t2 holds b and waits for a"),
                only(r).cycle().stream().map(l -> l.sentence()).toList());
    }

    /*
     * Two copies of one thread, each taking a then b or b then a: the cycles "w[0] holds a,
     * w[1] holds b" and "w[0] holds b, w[1] holds a" are symmetric variants, so one finding.
     */
    @Test
    void symmetricCopiesOfAReplicatedThreadAreOneFinding() {
        CheckResult r = check("""
                mutex a;
                mutex b;
                thread w[2] {
                    either { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
                    or { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
                }
                """);
        assertEquals(1, r.findings().size(), () -> r.findings().toString());
        assertEquals("w[0] and w[1] wait for each other", r.findings().get(0).headline());
    }
}
