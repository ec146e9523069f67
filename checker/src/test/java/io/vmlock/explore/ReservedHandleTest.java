package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.bothEngines;
import static io.vmlock.explore.LockKindRulesTest.edges;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * jbd2_journal_start_reserved on both engines and in the lock-order graph, against
 * fs/jbd2/transaction.c start_this_handle() (Kingxukai/linux 9b44fff655e2): a reserved handle
 * skips the barrier and the T_LOCKED wait and joins the transaction whose commit still waits for
 * its handles; it waits only in T_SWITCH, once that wait is over.
 */
class ReservedHandleTest {
    /** w holds a handle until r has started one; the commit locks updates in between. */
    private static final String JOIN_LOCKED = """
            journal j; bool joined = false; bool started = false;
            thread commit { wait_event(started); jbd2_journal_lock_updates(j); jbd2_journal_unlock_updates(j); }
            thread w { jbd2_journal_start(j); started = true; wait_event(joined); jbd2_journal_stop(j); }
            thread r { START(j); joined = true; jbd2_journal_stop(j); }
            """;

    private static CheckResult complete(String source) {
        CheckResult r = bothEngines(source);
        assertTrue(r.complete(), source);
        return r;
    }

    @Test
    void aReservedHandleJoinsTheTransactionWhoseCommitStillWaitsForHandles() {
        assertEquals(List.of(), kinds(complete(JOIN_LOCKED.replace("START", "jbd2_journal_start_reserved"))));
        // the same start as an ordinary handle waits for the commit, which waits for w, which waits for it
        assertEquals(List.of("deadlock"), kinds(complete(JOIN_LOCKED.replace("START", "jbd2_journal_start"))));
    }

    /** Past the drain (T_SWITCH, here until the unlock) no reserved handle starts: the assertion holds. */
    @Test
    void aReservedHandleWaitsOnceTheCommitsWaitForHandlesIsOver() {
        String source = """
                journal j; bool switching = false;
                thread commit { jbd2_journal_lock_updates(j); switching = true; switching = false; jbd2_journal_unlock_updates(j); }
                thread r { jbd2_journal_start_reserved(j); assert(!switching); jbd2_journal_stop(j); }
                """;
        assertEquals(List.of(), kinds(complete(source)));
        // without the journal in between, the commit's window is seen
        assertEquals(List.of("assertion"), kinds(complete(source.replace("jbd2_journal_start_reserved(j);", "")
                .replace("jbd2_journal_stop(j);", ""))));
    }

    /**
     * The commit that waits for a reserved handle is the kernel's deadlock: c holds m and locks
     * updates after r joined; r waits for m. lockdep sees start_this_handle's read acquire of
     * jbd2_handle, as for any handle.
     */
    @Test
    void aCommitWaitsForAReservedHandleAsForAnyHandle() {
        String source = """
                journal j; mutex m;
                thread r { jbd2_journal_start_reserved(j); mutex_lock(m); mutex_unlock(m); jbd2_journal_stop(j); }
                thread c { mutex_lock(m); jbd2_journal_lock_updates(j); jbd2_journal_unlock_updates(j); mutex_unlock(m); }
                """;
        CheckResult r = complete(source);
        assertEquals(List.of("deadlock"), kinds(r));
        assertEquals(List.of("c holds m and waits for every handle on j to stop", "r holds a handle on j and waits for m"),
                r.findings().get(0).cycle().stream().map(l -> l.sentence()).sorted().toList());
        assertEquals(Set.of("j -> m", "m -> j"), edges(source));
    }

    /** jbd2_journal_start_reserved(): "WARN_ON(current->journal_info)": a thread's own handle. */
    @Test
    void aReservedStartInsideAHandleIsRecursive() {
        String source = """
                journal j;
                thread r { jbd2_journal_start(j); jbd2_journal_start_reserved(j); jbd2_journal_stop(j); jbd2_journal_stop(j); }
                """;
        assertEquals(List.of("recursive-lock"), kinds(complete(source)));
    }
}
