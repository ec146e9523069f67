package io.vmlock.explore;

import static io.vmlock.testing.Scenarios.check;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.testing.FaultRetryModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hooks (a procedure declared without a body, defined elsewhere, a proc definition giving 0), a
 * user copy's value, the retry protocol of a fault handler that releases mmap_lock and returns
 * VM_FAULT_RETRY, and a procedure called twice between two steps. States counted by hand, as in
 * {@link SemanticsTest}.
 */
class FaultRetrySemanticsTest {

    private static void assertOutcome(CheckResult r, List<String> kinds, long states) {
        assertTrue(r.complete(), "search complete");
        assertEquals(kinds, kinds(r), () -> "findings: " + r.findings());
        assertEquals(states, r.stats().states(), "states");
    }

    /* s0 (at the handler's lock), s1 (holds m), s2 (at the assert, r = 0), s3 (done): 4 states. */
    @Test
    void aProcDefiningAnIntHookGivesZero() {
        assertOutcome(check("""
                mutex m;
                int handler(bool w);
                proc handler(bool w) { mutex_lock(m); mutex_unlock(m); }
                thread t { int(0..1) r = handler(true); assert(r == 0); }
                """), List.of(), 4);
    }

    /* The int definition's value is read instead: r = 1, so the assert fails after 3 steps (s0..s2, the stopped s3). */
    @Test
    void anIntDefinitionOfTheHookGivesItsValue() {
        assertOutcome(check("""
                mutex m;
                int handler(bool w);
                int handler(bool w) { mutex_lock(m); mutex_unlock(m); return 1; }
                thread t { int(0..1) r = handler(true); assert(r == 0); }
                """), List.of("assertion"), 4);
    }

    /*
     * n = copy_from_user(buf): s0 (at the copy). The copy is the commitment to its outcome, so
     * it is lowered once per outcome. Without a fault the copy leaves n = 1 (at the lock: A) or
     * n = 0 (done: B0). With a fault: the handler at its lock and holding it, once per outcome
     * (C1, D1 return to A; C0, D0 to B0). From A: holding (E), then done with n = 1 (B1: a
     * finished thread keeps its frame, so B1 is not B0). 9 states.
     */
    @Test
    void aUserCopyGivesTheBytesLeftUncopied() {
        assertOutcome(check("""
                mutex page_lock;
                proc fault_in() { mutex_lock(page_lock); mutex_unlock(page_lock); }
                mapping buf { fault = fault_in(); }
                thread t { int(0..1) n = copy_from_user(buf); if (n != 0) { mutex_lock(page_lock); mutex_unlock(page_lock); } }
                """), List.of(), 9);
    }

    /*
     * The handler releases mmap_lock on the first try and returns VM_FAULT_RETRY; the fault sets
     * TRIED, takes mmap_lock again and faults again, which returns 0. s0 (at down_read), s1 (holds,
     * in the handler at up_read), s2 (released, at the TRIED assignment), s3 (tried, at down_read),
     * s4 (holds, at up_read), s5 (done): 6 states.
     */
    @Test
    void aFaultRetriesOnceAfterVmFaultRetryWithTried() {
        assertOutcome(check("""
                rwsem mmap_lock;
                current bool tried;
                int handler() {
                    if (!current->tried) { up_read(mmap_lock); return 1024; }
                    return 0;
                }
                thread t {
                    down_read(mmap_lock);
                    while (handler() / 1024 % 2 == 1) { current->tried = true; down_read(mmap_lock); }
                    up_read(mmap_lock);
                }
                """), List.of(), 6);
    }

    private static final String FAULT_AND_MAPPER = FaultRetryModels.FAULTING_THREAD + """
            thread mapper { mutex_lock(page_lock); down_write(mmap_lock); up_write(mmap_lock); mutex_unlock(page_lock); }
            """;

    /* Sleeping on the page lock under mmap_lock deadlocks against a thread that takes them the other way. */
    @Test
    void aHandlerSleepingUnderMmapLockDeadlocks() {
        CheckResult r = check(FAULT_AND_MAPPER + """
                int handler() { mutex_lock(page_lock); mutex_unlock(page_lock); return 0; }
                """);
        assertTrue(r.complete());
        assertEquals(List.of("deadlock"), kinds(r));
    }

    /* lock_folio_maybe_drop_mmap(): on the first try, release mmap_lock before sleeping on the page lock, then retry. */
    @Test
    void aHandlerThatReleasesMmapLockBeforeSleepingAndRetriesIsClean() {
        CheckResult r = check(FAULT_AND_MAPPER + FaultRetryModels.RETRYING_HANDLER);
        assertTrue(r.complete());
        assertEquals(List.of(), kinds(r));
    }

    /* f reads a global, so its two calls are resolved after the lock's step: s0, s1 (holds m), s2 (done): 3 states, no loop. */
    @Test
    void aProcedureCalledTwiceBetweenTwoStepsIsNoLoop() {
        assertOutcome(check("""
                mutex m; bool g;
                bool f() { return !g; }
                thread t { mutex_lock(m); bool a = f(); bool b = f(); mutex_unlock(m); }
                """), List.of(), 3);
    }
}
