package io.vmlock.explore;

import static io.vmlock.testing.Scenarios.check;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.BlockedAt;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import io.vmlock.ir.Lowering;
import io.vmlock.pipeline.Compilation;
import io.vmlock.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Waits for events in the wait-for graph: a thread sleeping on a condition or a completion waits
 * for every stuck thread whose remaining code could bring it about, so a cycle through such a
 * wait is a deadlock and a wait no stuck thread could end is a hang. Also what the findings say
 * about the threads they leave blocked.
 */
class EventWaitTest {

    private static Finding only(CheckResult r) {
        assertTrue(r.complete(), "search complete");
        assertEquals(1, r.findings().size(), () -> "findings: " + r.findings());
        return r.findings().get(0);
    }

    /** The finding with this headline. */
    private static Finding headed(CheckResult r, String headline) {
        assertTrue(r.complete(), "search complete");
        return r.findings().stream().filter(f -> f.headline().equals(headline)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + headline + "' in " + r.findings()));
    }

    private static List<String> sentences(Finding f) {
        return f.cycle().stream().map(WaitLink::sentence).toList();
    }

    /* a holds m and waits for done; b, the only thread that completes done, first needs m. */
    @Test
    void aCycleThroughACompletionIsADeadlock() {
        Finding f = only(check("""
                mutex m;
                completion done;
                thread a { mutex_lock(m); wait_for_completion(done); mutex_unlock(m); }
                thread b { mutex_lock(m); complete(done); mutex_unlock(m); }
                """));
        assertEquals("deadlock", f.verdict().id());
        assertEquals("a and b wait for each other", f.headline());
        assertEquals(List.of("a holds m and waits for completion done (not completed), which only b can complete",
                "b waits for m"), sentences(f));
        WaitLink a = f.cycle().get(0);
        assertTrue(a.waitsFor() instanceof WaitLink.Event && a.holds() instanceof WaitLink.Lock, a.toString());
        assertTrue(f.cycle().get(1).holds() instanceof WaitLink.Event, f.cycle().get(1).toString());
        assertEquals("(complete)done", a.waitsFor().lockdepClass());
    }

    /* The same with a wait_event on a variable b sets under m. */
    @Test
    void aCycleThroughAConditionIsADeadlock() {
        Finding f = only(check("""
                mutex m;
                bool flag;
                thread a { mutex_lock(m); wait_event(flag); mutex_unlock(m); }
                thread b { mutex_lock(m); flag = true; mutex_unlock(m); }
                """));
        assertEquals("deadlock", f.verdict().id());
        assertEquals(List.of("a holds m and waits for the condition flag, false with flag = false, "
                + "which only b can make true", "b waits for m"), sentences(f));
    }

    /*
     * b needs m too, but its code never completes done: no cycle. Where a took m first, both
     * hang and the report says why; where b went first, a alone hangs.
     */
    @Test
    void aWaitNoStuckThreadCouldEndIsAHang() {
        CheckResult r = check("""
                mutex m;
                completion done;
                thread a { mutex_lock(m); wait_for_completion(done); mutex_unlock(m); }
                thread b { mutex_lock(m); mutex_unlock(m); }
                """);
        assertEquals(List.of("hang"), kinds(r));
        assertEquals(List.of("a waits for completion done (not completed), which no thread can bring about",
                "b waits for m, held by a"), headed(r, "a and b wait forever").details());
    }

    /* b ends without completing on one branch: a then waits for a completion nobody left can complete. */
    @Test
    void aCompletionWhoseOnlyCompleterEndedWithoutCompletingIsAHang() {
        CheckResult r = check("""
                completion done;
                thread a { wait_for_completion(done); }
                thread b { either { complete(done); } or { might_sleep(); } }
                """);
        Finding f = only(r);
        assertEquals("hang", f.verdict().id());
        assertEquals(List.of("a waits for completion done (not completed), which no thread can bring about"),
                f.details());
        // b commits to the branch that does not complete, then ends
        assertEquals(List.of("either: branch 2", "might_sleep()"), f.trace().stream().map(TraceStep::operation).toList());
    }

    /*
     * k could set flag but waits for m, which x holds while it waits for what nobody can bring
     * about: no cycle; the hang says who could have ended a's wait and what blocks it.
     */
    @Test
    void aHangSaysWhatBlocksTheThreadsThatCouldEndIt() {
        CheckResult r = check("""
                mutex m;
                bool flag;
                bool other;
                thread x { mutex_lock(m); wait_event(other); mutex_unlock(m); }
                thread a { wait_event(flag); }
                daemon thread k { mutex_lock(m); flag = true; mutex_unlock(m); }
                """);
        assertEquals(List.of("hang"), kinds(r));
        assertEquals(List.of("x waits for the condition other, false with other = false, which no thread can "
                + "bring about", "a waits for the condition flag, false with flag = false; only k could make it "
                + "true, but k waits for m, held by x"), headed(r, "x and a wait forever").details());
    }

    /* k, the only thread that could set flag, waits for the lock f left held: reported once, as that. */
    @Test
    void aWaitThatOnlyFollowsFromALockLeftHeldIsNotReportedAgain() {
        CheckResult r = check("""
                mutex m;
                bool flag;
                thread f { mutex_lock(m); }
                thread a { wait_event(flag); }
                daemon thread k { mutex_lock(m); flag = true; mutex_unlock(m); }
                """);
        assertEquals(List.of("lock-held-at-exit"), kinds(r));
    }

    /*
     * Per-page completions: b completes done[P1] through a parameter bound to a constant, never
     * a's done[P0]: hangs only. With P0 it is b that a waits for: a deadlock (or nothing).
     */
    @Test
    void aConstantIndexIsPrecise() {
        String scenario = """
                set page { P0, P1 };
                completion done[page];
                mutex m;
                proc finish(page p) { complete(done[p]); }
                thread a { mutex_lock(m); wait_for_completion(done[P0]); mutex_unlock(m); }
                thread b { mutex_lock(m); finish(%s); mutex_unlock(m); }
                """;
        CheckResult other = check(scenario.formatted("P1"));
        assertEquals(List.of("hang"), kinds(other));
        assertEquals("a waits for completion done[P0] (not completed), which no thread can bring about",
                headed(other, "a and b wait forever").details().get(0));
        assertEquals("deadlock", only(check(scenario.formatted("P0"))).verdict().id());
    }

    /* The completer reaches complete() only through the fault handler its user copy may enter. */
    @Test
    void hiddenFaultEntriesAreFollowed() {
        CheckResult r = check("""
                mutex m;
                completion done;
                proc fault_in() { complete(done); }
                mapping buf { fault = fault_in(); }
                thread a { mutex_lock(m); wait_for_completion(done); mutex_unlock(m); }
                thread b { mutex_lock(m); copy_from_user(buf); mutex_unlock(m); }
                """);
        assertEquals(List.of("deadlock", "hang"), kinds(r));
        assertEquals(List.of("a holds m and waits for completion done (not completed), which only b can complete",
                "b waits for m"), sentences(headed(r, "a and b wait for each other")));
    }

    /*
     * The run-forever judgement: d loops forever, so no state is stuck; in the runs that never
     * end, a and b are blocked in a cycle through a's wait: a deadlock, not a hang.
     */
    @Test
    void aCycleThroughAnEventInARunThatGoesOnForeverIsADeadlock() {
        Finding f = only(check("""
                mutex m;
                bool flag;
                int(0..1) tick = 0;
                daemon thread d { while (true) { tick = 1; tick = 0; } }
                thread a { mutex_lock(m); wait_event(flag); mutex_unlock(m); }
                thread b { mutex_lock(m); flag = true; mutex_unlock(m); }
                """));
        assertEquals("deadlock", f.verdict().id());
        assertEquals(List.of("a", "b"), f.blocked().stream().map(BlockedAt::thread).toList());
    }

    /* d could set flag (its code has the assignment) but never does: the hang says so, not "no thread". */
    @Test
    void aHangNamesTheRunningThreadThatNeverHelps() {
        Finding f = only(check("""
                bool flag;
                int(0..1) tick = 0;
                daemon thread d { while (true) { tick = 1; tick = 0; if (tick == 1) { flag = true; } } }
                thread waiter { wait_event(flag); }
                """));
        assertEquals("hang", f.verdict().id());
        assertEquals(List.of("waiter waits for the condition flag, false with flag = false; only d could make it "
                + "true, but d runs on forever without doing so"), f.details());
    }

    /* Every stuck thread's blocked operation, with where it stands and its call stack. */
    @Test
    void blockedOperationsAreReportedWithTheirCallStacks() {
        Finding f = only(check("""
                set page { P0 };
                mutex page_lock[page];
                completion done;
                proc lock_page(page p) { mutex_lock(page_lock[p]); }
                proc writepages() { lock_page(P0); mutex_unlock(page_lock[P0]); }
                proc commit() { writepages(); complete(done); }
                thread writer { lock_page(P0); wait_for_completion(done); mutex_unlock(page_lock[P0]); }
                daemon thread jbd2 { commit(); }
                """));
        assertEquals("deadlock", f.verdict().id());
        assertEquals(2, f.blocked().size(), f.blocked()::toString);
        BlockedAt writer = f.blocked().get(0);
        assertEquals("writer blocks in wait_for_completion(done)", writer.sentence());
        assertEquals(List.of(), writer.callStack());
        assertEquals(List.of(new HeldLock("page_lock[P0]", HeldLock.Mode.EXCLUSIVE)), writer.held());
        BlockedAt jbd2 = f.blocked().get(1);
        assertEquals("jbd2 blocks in mutex_lock(page_lock[P0])", jbd2.sentence());
        assertEquals(List.of("lock_page(P0)", "writepages()", "commit()"), jbd2.callStack());
        assertEquals(List.of(), jbd2.held());
    }

    /* Seed 1: the daemon of the cycle is reported, blocked in the kernel functions the seed names. */
    @Test
    void theDaxSeedNamesTheCommitPathOfTheBlockedDaemon() {
        Compilation c = Scenarios.compile(Scenarios.root().resolve("examples/seeds/1-dax-sync-fault-broken.vmlock"));
        assertTrue(c.ok(), c::renderedDiagnostics);
        CheckResult r = Explorer.check(Lowering.lower(c.program().get()), Explorer.Options.defaults());
        assertEquals(List.of("deadlock"), kinds(r));
        Finding f = r.findings().get(0);
        assertEquals(List.of("writer", "jbd2"), f.cycle().stream().map(WaitLink::thread).toList());
        BlockedAt jbd2 = f.blocked().stream().filter(b -> b.thread().equals("jbd2")).findFirst().orElseThrow();
        assertEquals("jbd2 blocks in mutex_lock(page_lock[P0])", jbd2.sentence());
        assertEquals(List.of("lock_page(P0)", "mpage_prepare_extent_to_map(false)", "ext4_writepages()"),
                jbd2.callStack().subList(0, 3));
        assertTrue(jbd2.callStack().containsAll(List.of("jbd2_journal_commit_transaction()", "kjournald2()")),
                jbd2.callStack()::toString);
        BlockedAt writer = f.blocked().stream().filter(b -> b.thread().equals("writer")).findFirst().orElseThrow();
        assertEquals("jbd2_log_wait_commit(1)", writer.callStack().get(0));
    }

    /*
     * waiter takes and drops m, then sleeps until done, which nobody sets, while the daemon
     * flusher takes and drops m
     * forever: a hang that only the livelock check finds (some thread always moves). The report
     * ends with the loop: flusher's two steps, numbered on from the trace, back to its last state.
     */
    @Test
    void aRunThatGoesOnForeverEndsWithTheLoopThatRepeats() {
        CheckResult r = check("""
                mutex m;
                bool done;
                thread waiter { mutex_lock(m); mutex_unlock(m); wait_event(done); }
                daemon thread flusher { while (true) { mutex_lock(m); mutex_unlock(m); } }
                """);
        Finding f = only(r);
        assertEquals("hang", f.verdict().id());
        assertEquals(2, f.trace().size(), () -> f.trace().toString());
        assertEquals(2, f.loop().size(), () -> f.loop().toString());
        assertEquals(List.of("flusher", "flusher"), f.loop().stream().map(TraceStep::thread).toList());
        assertEquals(java.util.Set.of("mutex_lock(m)", "mutex_unlock(m)"),
                java.util.Set.copyOf(f.loop().stream().map(TraceStep::operation).toList()));
        assertEquals(List.of(f.trace().size() + 1, f.trace().size() + 2),
                f.loop().stream().map(TraceStep::number).toList());
        // what flusher holds after the loop is what it held after the trace: the loop comes back
        List<HeldLock> heldAtEntry = f.trace().stream().filter(s -> s.thread().equals("flusher"))
                .reduce((a, b) -> b).map(TraceStep::heldAfter).orElse(List.of());
        assertEquals(heldAtEntry, f.loop().get(1).heldAfter());
        String text = io.vmlock.report.TextReport.render(r, false);
        assertTrue(text.contains("then round this loop forever, 2 steps back to the state after step 2:\n"
                + "      3. flusher: mutex_"), text);
    }

    /* A deadlock or a hang in a state no thread can leave has no loop to show. */
    @Test
    void aStuckStateHasNoLoop() {
        Finding f = only(check("""
                bool done;
                thread waiter { wait_event(done); }
                """));
        assertEquals("hang", f.verdict().id());
        assertTrue(f.loop().isEmpty());
    }

    /* t waits for a flag only its own later code sets: not "no thread can", but t itself, too late. */
    @Test
    void aWaitOnlyTheWaiterItselfCouldEndSaysSo() {
        Finding f = only(check("""
                bool go;
                thread t { wait_event(go); go = true; }
                """));
        assertEquals("hang", f.verdict().id());
        assertEquals(List.of("t waits for the condition go, false with go = false, which only t itself could "
                + "bring about, after the wait"), f.details());
    }

    /*
     * t's code before the wait could set go, on a branch the state rules out (seed 6: backup's
     * reclaim loop, whose pages cannot be freed, before it waits for a free page); after the wait
     * nothing sets it. The walk starts where t's control resolves to its wait.
     */
    @Test
    void codeTheWaiterPassesOnTheWayToItsWaitIsNotItsFuture() {
        Finding f = only(check("""
                bool go;
                bool freeable;
                proc scan() { if (freeable) { go = true; } }
                thread t { scan(); wait_event(go); }
                """));
        assertEquals("hang", f.verdict().id());
        assertEquals(List.of("t waits for the condition go, false with go = false, which no thread can bring about"),
                f.details());
    }

    /* The disk interrupt completes what t sleeps on: it arrives while t sleeps, so t finishes. */
    @Test
    void anInterruptWakesTheThreadThatSleepsOnIt() {
        CheckResult r = check("""
                completion done;
                bool submitted;
                thread t { submitted = true; wait_for_completion(done); }
                interrupt disk_irq on t { if (submitted) { complete(done); } }
                """);
        assertTrue(r.complete());
        assertEquals(List.of(), r.findings());
    }

    /*
     * Only the interrupt could complete done, but it completes only what was submitted, and t
     * never submits: a hang, judged where t sleeps and interrupts come and go (no loop shown).
     */
    @Test
    void aWaitOnlyAnInterruptCouldEndButNoneDoesIsAHang() {
        Finding f = only(check("""
                completion done;
                bool submitted;
                thread t { wait_for_completion(done); }
                interrupt disk_irq on t { if (submitted) { complete(done); } }
                """));
        assertEquals("hang", f.verdict().id());
        assertEquals(List.of("t waits for completion done (not completed), which only an interrupt handler on t could "
                + "bring about, but no interrupt that arrives does"), f.details());
        assertEquals(0, f.trace().size());
        assertTrue(f.loop().isEmpty(), f.loop()::toString);
    }

    /* An interrupt can always arrive, yet a lock cycle no handler can break is a deadlock at once. */
    @Test
    void aLockCycleIsADeadlockThoughInterruptsStillArrive() {
        CheckResult r = check("""
                mutex a;
                mutex b;
                bool ticks;
                thread t1 { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
                thread t2 { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
                interrupt timer { ticks = !ticks; }
                """);
        assertEquals(List.of("deadlock"), kinds(r));
        assertEquals(2, r.findings().get(0).trace().size(), "t1 takes a, t2 takes b: both then wait");
    }
}
