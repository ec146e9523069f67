package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.bothEngines;
import static io.vmlock.explore.LockKindRulesTest.reduced;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-thread variables ({@code current int(0..2) journal_info = 0;}, read and written as
 * {@code current->journal_info}): one slot per thread instance, in both engines, with the state
 * counts worked out by hand, and under each reduction: symmetry moves a copy's slots with it,
 * and partial-order reduction finds accesses to them independent of every other thread.
 */
class PerThreadVariableTest {
    private static final String IN_HANDLE = """
            current bool in_handle = false;
            thread t[2] { current->in_handle = true; BUG_ON(!current->in_handle); current->in_handle = false; }
            """;

    /* jbd2's nesting: the outermost start takes m, the nested one only counts (see examples/constructs). */
    private static final String NESTED = """
            current int(0..2) journal_info = 0;
            mutex m;
            proc start() { if (current->journal_info == 0) { mutex_lock(m); } current->journal_info++; }
            proc stop() { current->journal_info--; if (current->journal_info == 0) { mutex_unlock(m); } }
            thread t[2] { start(); start(); stop(); stop(); }
            """;

    private static void assertOutcome(CheckResult r, List<String> kinds, long states) {
        assertTrue(r.complete(), "search complete");
        assertEquals(kinds, kinds(r), () -> "findings: " + r.findings());
        assertEquals(states, r.stats().states(), "states");
    }

    /*
     * Each copy: at the first assignment (its in_handle false), at BUG_ON (true), at the second
     * assignment (true), finished (false): 4 states of its own, 16 together, and BUG_ON never
     * fails, as each copy reads its own slot. With one global in_handle the other copy can clear
     * it between the two: an assertion.
     */
    @Test
    void eachThreadInstanceHasItsOwnSlot() {
        assertOutcome(bothEngines(IN_HANDLE), List.of(), 16);
        CheckResult shared = bothEngines(IN_HANDLE.replace("current bool", "bool").replace("current->", ""));
        assertEquals(List.of("assertion"), kinds(shared));
    }

    /*
     * Symmetry: the two copies are alike, so a state is the multiset of their own states, the
     * slot moving with its copy: 4 alone, 6 pairs, 10. Partial-order reduction: every command
     * touches only its own thread's position and slot, so one interleaving is enough: 1 + 3 + 3
     * steps, 7 states.
     */
    @Test
    void reductionsTreatTheSlotsAsTheThreadsOwn() {
        assertOutcome(reduced(IN_HANDLE, new Explorer.Reductions(false, true)), List.of(), 10);
        assertOutcome(reduced(IN_HANDLE, new Explorer.Reductions(true, false)), List.of(), 7);
        assertOutcome(reduced(IN_HANDLE, Explorer.Reductions.ALL_BUT_CHAINS), List.of(), 7);
    }

    /*
     * A copy rests at: the outer start's branch (journal_info 0, not holding m), the increment
     * holding m (0), the nested start's branch (1), the first decrement (2), the second (1), the
     * branch that unlocks (0), finished: seven states, five of them holding m. Pairs where at most
     * one copy holds m: 2 x 2 + 2 x 5 x 2 = 24; no recursive lock, as the nested start reads its
     * own journal_info. By symmetry: 3 + 5 x 2 = 13.
     */
    @Test
    void aNestedStartSeesTheOuterOnesHandle() {
        assertOutcome(bothEngines(NESTED), List.of(), 24);
        assertOutcome(reduced(NESTED, new Explorer.Reductions(false, true)), List.of(), 13);
    }

    /* An interrupt runs on the thread it interrupts: current-> there is that thread's own slot. */
    @Test
    void anInterruptSeesTheThreadItInterrupts() {
        CheckResult r = bothEngines("""
                current bool in_irq_work = false;
                thread t { current->in_irq_work = true; current->in_irq_work = false; }
                interrupt irq on t { BUG_ON(current->in_irq_work); }
                """);
        assertEquals(List.of("assertion"), kinds(r));
    }
}
