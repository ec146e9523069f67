package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.edges;
import static io.vmlock.explore.LockKindRulesTest.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.findings.CheckResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Bit locks and bit waits (include/linux/wait_bit.h; mm/filemap.c folio_lock, folio_unlock,
 * folio_wait_bit_common; mm/page-writeback.c folio_wait_writeback), state by state on both
 * engines: a sleeping lock bit with no owner. Any thread may clear it (a read's completion
 * unlocks the folio its submitter locked), a waiter sleeps until someone does, and a thread that
 * ends with the bit set holds nothing.
 */
class BitLockTest {
    /*
     * reader r0..r4, end_io e0 (wait), e1 (unlock), e2. r0e0, r1e0 (set), r2e0 (submitted: the
     * reader's second folio_lock sleeps), r2e1, r2e2 (cleared by end_io), r3e2 (set again),
     * r4e2: 7 states, clean.
     */
    @Test
    void theCompletionUnlocksWhatTheReaderLocked() {
        outcome("""
                bit_lock b; bool submitted = false;
                thread reader { folio_lock(b); submitted = true; folio_lock(b); folio_unlock(b); }
                thread end_io { wait_event(submitted); folio_unlock(b); }
                """, List.of(), 7);
    }

    /* r0e0, r1e0: the reader waits for a completion that nobody submitted: 2 states, a hang. */
    @Test
    void lockingAFolioWhoseReadNeverCompletesHangs() {
        CheckResult r = outcome("""
                bit_lock b; bool submitted = false;
                thread reader { folio_lock(b); folio_lock(b); folio_unlock(b); }
                thread end_io { wait_event(submitted); folio_unlock(b); }
                """, List.of("hang"), 2);
        assertEquals("reader waits for b to be cleared (set by reader); only end_io could make it true, but end_io"
                + " waits for the condition submitted, false with submitted = false", r.findings().get(0).details().get(0));
    }

    /*
     * w0..w5, io i0..i4: w0i0, w1i0 (writeback set), w2i0 (submitted); w3i0 (w holds m, sleeps
     * on the bit), w3i1 (io wants m: stuck); w2i1, w2i2 (io holds m), w2i3 (bit cleared), w2i4,
     * w3i4, w4i4, w5i4: 12 states, a deadlock through the bit and the mutex.
     */
    @Test
    void waitingOnWritebackWhoseCompletionNeedsAHeldLockDeadlocks() {
        outcome("""
                bit_lock wb; mutex m; bool submitted = false;
                thread w { folio_start_writeback(wb); submitted = true; mutex_lock(m); folio_wait_writeback(wb); mutex_unlock(m); }
                thread io { wait_event(submitted); mutex_lock(m); folio_end_writeback(wb); mutex_unlock(m); }
                """, List.of("deadlock"), 12);
    }

    /*
     * p0, p1 (set), p2 (the setter's own trylock failed), p3 (cleared), then clearing the clear
     * bit stops the thread (folio_unlock's VM_BUG_ON_FOLIO): 5 states.
     */
    @Test
    void aTrylockFailsOnASetBitAndClearingAClearBitIsABug() {
        outcome("""
                bit_lock b;
                thread t { wait_on_bit_lock(b); if (folio_trylock(b)) { } clear_bit_unlock(b); clear_bit_unlock(b); }
                """, List.of("unlock-not-held"), 5);
    }

    /* p0, p1 (set), p2 (a second start leaves it set, without waiting): 3 states; ending so is no finding. */
    @Test
    void startingWritebackNeverWaitsAndEndingWithTheBitSetHoldsNothing() {
        outcome("""
                bit_lock b;
                thread t { folio_start_writeback(b); folio_start_writeback(b); }
                """, List.of(), 3);
    }

    /*
     * lockdep has no map for a bit lock; vmlock's graph orders a folio lock as it did the page
     * lock (a held lock), a wait for the bit after what the waiter holds, a writeback start not at
     * all, and a path locking its own bit again (waiting for the completion) adds no edge.
     */
    @Test
    void theGraphOrdersTheFolioLockAndTheWaitsForIt() {
        assertEquals(Set.of("b -> m", "m -> b"), edges("""
                bit_lock b; mutex m;
                thread t1 { folio_lock(b); mutex_lock(m); mutex_unlock(m); folio_unlock(b); }
                thread t2 { mutex_lock(m); folio_wait_locked(b); mutex_unlock(m); }
                thread t3 { mutex_lock(m); folio_start_writeback(b); mutex_unlock(m); }
                thread t4 { folio_lock(b); folio_lock(b); folio_unlock(b); }
                """));
    }
}
