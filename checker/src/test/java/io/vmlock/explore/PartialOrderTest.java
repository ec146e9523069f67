package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.reduced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.Scenarios;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Partial-order reduction on models small enough to count by hand: what it drops and what it must keep. */
class PartialOrderTest {
    private static final Explorer.Reductions POR = new Explorer.Reductions(true, false);

    /**
     * Two threads each writing their own variable twice: unreduced every pair of positions, 3 * 3 = 9
     * states. The moves commute, so one order is enough: a runs to its end, then b: 00 10 20 21 22 = 5.
     */
    @Test
    void independentThreadsRunOneAfterTheOther() {
        String own = """
                int(0..1) x; int(0..1) y;
                thread a { x = 1; x = 0; }
                thread b { y = 1; y = 0; }
                """;
        assertEquals(9, states(own, Explorer.Reductions.NONE));
        assertEquals(5, states(own, POR));
    }

    /**
     * Writes of one variable conflict: a then b leaves x = 0, b then a leaves x = 1, so both orders
     * stay. Unreduced: start, a done (x = 1), b done (x = 0), both done with x = 0 and with x = 1 = 5.
     * Writes of the same value to a variable neither reads commute: either order leaves x = 1.
     * Unreduced: start, a done, b done, both done = 4; reduced, a then b: 3.
     */
    @Test
    void conflictingWritesKeepBothOrdersWritesOfOneValueDoNot() {
        String shared = """
                int(0..1) x;
                thread a { x = 1; }
                thread b { x = 0; }
                """;
        assertEquals(5, states(shared, Explorer.Reductions.NONE));
        assertEquals(5, states(shared, POR));
        assertStates(4, 3, shared.replace("x = 0;", "x = 1;"));
    }

    /**
     * A deadlock needs both orders of the first acquisitions: a takes m then n, b takes n then m.
     * The reduced search must still reach the state where each holds one and waits for the other.
     */
    @Test
    void anAbBaDeadlockSurvivesTheReduction() {
        String abba = """
                mutex m; mutex n;
                thread a { mutex_lock(m); mutex_lock(n); mutex_unlock(n); mutex_unlock(m); }
                thread b { mutex_lock(n); mutex_lock(m); mutex_unlock(m); mutex_unlock(n); }
                """;
        assertEquals(List.of("deadlock"), kinds(abba, Explorer.Reductions.NONE));
        assertEquals(List.of("deadlock"), kinds(abba, POR));
    }

    /**
     * A thread waiting for a lock joins the set only with whatever conflicts with it; a thread
     * independent of both goes first. Unreduced: c before or after, times the 8 placements of a and
     * b (both before, a holding, b holding, a done, b done, a done and b holding, b done and a
     * holding, both done) = 16. Reduced: c alone is the cheapest set at the start; then a and b
     * conflict (every set holds both) and are expanded in full: 1 + 8 = 9.
     */
    @Test
    void anIndependentThreadGoesFirstAndTheLockersKeepBothOrders() {
        String lockers = """
                mutex m; int(0..1) y;
                thread a { mutex_lock(m); mutex_unlock(m); }
                thread b { mutex_lock(m); mutex_unlock(m); }
                thread c { y = 1; }
                """;
        assertEquals(16, states(lockers, Explorer.Reductions.NONE));
        assertEquals(9, states(lockers, POR));
    }

    /**
     * A waiting thread needs the writer of what it waits for: the set that takes c (whose write of y
     * conflicts with a's future write of it) takes a, and a's wait on x takes b, which writes x:
     * every thread, no cheaper than all. The set of b and a costs one move, so b goes first.
     * Unreduced 9: before b, c 0 or 1 (2); after it a at 0 or 1, c 0 or 1 (4), a done with c at 0
     * (y = 1) and with c done (y = 0 or 1, by who wrote last) (3). Reduced 7: start, b, then a alone
     * (its wait reads only x, which no one writes any more): a at 1; there a and c conflict on y
     * and both orders stay: a done, c done, and both done with y = 0 and y = 1.
     */
    @Test
    void aWaitingThreadBringsTheWriterItWaitsFor() {
        String waits = """
                int(0..1) x; int(0..1) y;
                thread a { wait_event(x == 1); y = 1; }
                thread c { y = 0; }
                thread b { x = 1; }
                """;
        assertEquals(9, states(waits, Explorer.Reductions.NONE));
        assertEquals(7, states(waits, POR));
    }

    /**
     * A thread whose conflicting future lies behind a lock another thread holds stays out of the
     * set: the holder stands in for it. a takes m, raises go, writes x three times under m, unlocks,
     * raises go again; b waits for go, writes y, then takes m and writes x. Once go is up b can
     * move, but its write of x (conflicting with a's) comes only after mutex_lock(m), which a
     * holds: a alone is a set of one move. Reduced: a runs alone from the start to its unlock (7
     * states: b cannot move before go, and a's first write of go enables b's wait), then a's
     * second go = 1 goes alone too: a, go's only writer, never lowers it, so b's wait stays
     * enabled and commutes with it ({@link KeptGuards}): a done, then b's 5 places (6 states): 13.
     * (Before that, both orders stayed there: 14.) With b in the set whenever its future
     * conflicted (before the stand-in), every set from a's first write of x on held both
     * threads' moves: 22. Unreduced 26.
     */
    @Test
    void aThreadWhoseConflictIsBehindAHeldLockLetsTheHolderGoAlone() {
        String behindTheLock = """
                mutex m; int(0..1) x; int(0..1) go; int(0..1) y;
                thread a { mutex_lock(m); go = 1; x = 1; x = 0; x = 1; mutex_unlock(m); go = 1; }
                thread b { wait_event(go == 1); y = 1; mutex_lock(m); x = 0; mutex_unlock(m); }
                """;
        assertStates(26, 13, behindTheLock);
    }

    /**
     * A wait stands in for a conflict as a held lock does: b's write of y (conflicting with a's)
     * comes only after its wait for go, which a alone can raise, so a's writes do not pull b in
     * (its set of one move beats b's and c's conflicting writes of z). Reduced: a runs alone to its
     * end (4 states: start, y = 1, y = 0, go = 1); then b and c conflict on z: both orders. b
     * first (1): b's wait and write of y, alone (2), then c (1); c first (1): b's three moves (3):
     * 12. With b in the set whenever its future conflicted (before the wait stood in), b and c went
     * first, and every later set with a move of a held b: 15. Unreduced 26: before go, a at 0, 1
     * or 2 times 5 placements of b's z = 1 and c's z = 0 (none, b, c, both in either order); after
     * it, b at 0 with c before or done (2), b at 1, 2 or 3 with c before, done before b (z = 1)
     * or after (z = 0) (9).
     */
    @Test
    void aThreadWhoseConflictIsBehindAWaitLetsTheWriterGoAlone() {
        String behindTheWait = """
                int(0..1) go; int(0..2) y; int(0..1) z;
                thread a { y = 1; y = 0; go = 1; }
                thread b { z = 1; wait_event(go == 1); y = 2; }
                thread c { z = 0; }
                """;
        assertStates(26, 12, behindTheWait);
    }

    /**
     * An enabler that reaches its enabling write only past a wait it cannot end itself gives way to
     * that wait's enablers, as a conflict behind a wait does: q queues the work (pending = 1) only
     * past its wait for go, which g alone raises. g's write of y pulls in the worker, whose
     * conflicting y = 1 waits for pending; its only plain enabler q stands in with go's, g: g
     * alone is the cheapest set at the start (before, q and its conflict with h came along: 3
     * moves, and q's and h's writes went first, both orders). Reduced: g runs alone to its end
     * (3 states: its go = 1 commutes with q's wait for it, g being go's only writer); q's and h's writes
     * of z conflict: both orders (2); after q's, q runs alone (its wait, then pending = 1, which the
     * worker's wait, its only reader, waits for: q alone), then the worker alone, then h (5);
     * after h's, q and then the worker, each the only one that can move (5): 15. Before, 17.
     * Unreduced 27.
     */
    @Test
    void anEnablerBehindAWaitItCannotEndLetsThatWaitsEnablerGoAlone() {
        String queuedPastAWait = """
                int(0..1) pending; int(0..1) go; int(0..1) y; int(0..2) z;
                thread worker { wait_event(pending == 1); y = 1; }
                thread q { z = 1; wait_event(go == 1); pending = 1; }
                thread h { z = 2; }
                thread g { y = 0; go = 1; }
                """;
        assertStates(27, 15, queuedPastAWait);
    }

    /**
     * An enabler with a way to its enabling write that passes no wait keeps its place: q may queue
     * the work without waiting for go, so the worker's y = 1 may come before g's wait for y == 0,
     * which then hangs. Had go stood in for q (as when every way passes the wait), g's wait would
     * have pulled in the worker and so only g itself (go's enabler), gone first alone, and the
     * hang been lost. Where q must wait, g raises go only past its wait: no hang.
     */
    @Test
    void anEnablerWithAWayPastTheWaitKeepsItsPlaceAndTheHangIsFound() {
        String queuedEitherWay = """
                int(0..1) pending; int(0..1) go; int(0..1) y; int(0..2) z;
                thread worker { wait_event(pending == 1); y = 1; }
                thread q { z = 1; either { wait_event(go == 1); } or { } pending = 1; }
                thread h { z = 2; }
                thread g { wait_event(y == 0); go = 1; }
                """;
        assertEquals(List.of("hang"), kinds(queuedEitherWay, Explorer.Reductions.NONE));
        assertEquals(List.of("hang"), kinds(queuedEitherWay, POR));
        String mustWait = queuedEitherWay.replace("either { wait_event(go == 1); } or { }", "wait_event(go == 1);");
        assertEquals(List.of(), kinds(mustWait, Explorer.Reductions.NONE));
        assertEquals(List.of(), kinds(mustWait, POR));
    }

    /**
     * A thread that may raise a condition only past its own wait for it is no enabler of it (a
     * work item's worker queues the item again only once it ran): r waits for pending and then
     * raises it, q raises it (an increment: a constant 1 would keep the wait true and commute with
     * it, and r would then never be asked about). At the start q's write conflicts with r's wait; r waits behind
     * pending == 1 itself, whose only enabler is q: from the start (1) q alone moves (1), then
     * r's and h's writes of z conflict, both orders (2); after r's, r's wait and write, then h's
     * (3); after h's, r's three moves (3): 10. Counting r as an enabler of its own wait, r joined
     * for q's write (and h for r's), and r's and h's writes went first, both orders, with q after
     * each: 11. Unreduced 16.
     */
    @Test
    void aThreadThatRaisesAConditionOnlyPastItsWaitIsNoEnablerOfIt() {
        String requeues = """
                int(0..1) pending; int(0..1) z;
                thread r { z = 1; wait_event(pending == 1); pending = 1; }
                thread q { pending = pending + 1; }
                thread h { z = 0; }
                """;
        assertStates(16, 10, requeues);
    }

    /**
     * A write of a constant that keeps a waiter's condition true commutes with the wait, however
     * many threads write the field: b's and c's x = 0 never shut a out of its wait for x == 0
     * (and commute with each other, writes of one value). Every thread then goes alone: a's wait,
     * a's y = 1, b, c: 5 states. Before, a's wait depended on both writes (neither is x's only
     * writer) and the start was expanded in full: 12, as unreduced (20 moves there, 15 here).
     */
    @Test
    void aWriteOfAConstantThatKeepsAWaitTrueCommutesWithIt() {
        String clears = """
                int(0..1) x; int(0..1) y;
                thread a { wait_event(x == 0); y = 1; }
                thread b { x = 0; }
                thread c { x = 0; }
                """;
        assertStates(12, 5, clears);
    }

    /**
     * Only a thread that can make a waited-for condition true is its enabler: c and e only clear
     * z, so they never let a's wait for {@code x == 1 || z == 1} go. Each field has two writers,
     * so every write may, for all the closure knows, shut the waiter out again ({@link KeptGuards}
     * knows nothing of fields with two writers but constants, and d and f copy x's value from a
     * local of their own: a constant 1 would keep the wait true and commute with it, a test of its
     * own above). At the start d's set is the cheapest: its write
     * stands the waiter in with the wait's enablers, d and f (2 moves); b's write of y does the
     * same, and c's write of z too (3 each). Counting c and e as enablers too, d's set held their
     * moves as well (4) and the search stored 32 states. Unreduced 92.
     */
    @Test
    void aThreadThatOnlyClearsIsNoEnablerOfAWaitForASet() {
        String waits = """
                int(0..1) x; int(0..1) y; int(0..1) z;
                thread a { wait_event(x == 1 || z == 1); y = 1; }
                thread b { y = 0; }
                thread c { z = 0; }
                thread e { z = 0; }
                thread d { int(0..1) one = 1; x = one; }
                thread f { int(0..1) one = 1; x = one; }
                """;
        assertStates(92, 29, waits);
    }

    /**
     * A thread is an enabler from wherever its enabling write is still ahead: d writes w before
     * x. At the start d's w = 1 alone is the cheapest set (b's write pulls in the waiter and so
     * d); then d's x = 1 with the waiter; a's wait alone; a's and b's writes of y conflict: both
     * orders, then the other: 8 states. Were d an enabler only once at its write, b's write with
     * the waiter would be the cheapest set at the start and b would go first: 6. Unreduced 11.
     */
    @Test
    void aThreadIsAnEnablerBeforeItReachesItsWrite() {
        String waits = """
                int(0..1) x; int(0..1) y; int(0..1) w;
                thread a { wait_event(x == 1); y = 1; }
                thread b { y = 0; }
                thread d { w = 1; x = 1; }
                """;
        assertStates(11, 8, waits);
    }

    /**
     * A waiter past {@code wait_event(done >= 1)} commutes with the committer's later writes of
     * done: the committer, its only writer, copies a sequence it only raises, so done never drops
     * below a value it had (kjournald2's j_commit_sequence = commit_tid and a syncer's
     * jbd2_log_wait_commit()). Reduced: the committer runs alone to its first done = 1 (4
     * states: the waiter's wait is disabled, its one enabler the committer), on alone to its
     * end (3: its second tid = next and next++ touch nothing the waiter reads, and done = 2 never
     * shuts it out), then the waiter (2): 9. Before, done = tid could for all the closure knew
     * lower done below 1, and the waiter past its wait and that write kept both orders: 10.
     * Unreduced 15: the committer's 4 places before done = 1, then its 4 places from there times
     * the waiter's 3.
     */
    @Test
    void aWaiterPastAWaitForARisingSequenceCommutesWithItsOnlyWriter() {
        String sequence = """
                int(0..3) next = 1; int(0..3) done = 0; int(0..1) y;
                thread committer {
                    int(0..3) tid = 0;
                    tid = next; next = next + 1; done = tid;
                    tid = next; next = next + 1; done = tid;
                }
                thread waiter { wait_event(done >= 1); y = 1; }
                """;
        assertStates(15, 9, sequence);
    }

    /**
     * A writer that can lower what a waiter past its wait read stays dependent with it: here the
     * waiter may still be shut out for good (done back to 0 before it passes), a hang both
     * searches find.
     */
    @Test
    void aWriterThatCanLowerTheSequenceStaysDependent() {
        String lowers = """
                int(0..1) done = 0; int(0..1) y;
                thread committer { done = 1; y = 0; done = 0; }
                thread waiter { wait_event(done >= 1); y = 1; }
                """;
        assertEquals(kinds(lowers, Explorer.Reductions.NONE), kinds(lowers, POR));
        assertEquals(List.of("hang"), kinds(lowers, POR));
    }

    /**
     * A move back to the state itself closes a cycle too: a's loop writes x = 1 again and again
     * from the state it leads to, and b's write, which breaks the invariant, must still be taken.
     * Both are daemons: no livelock check, whose report would send the search again unreduced.
     */
    @Test
    void aMoveToItselfIsACycle() {
        String loop = """
                int(0..1) x; int(0..1) y;
                daemon thread a { while (true) { x = 1; } }
                daemon thread b { y = 1; }
                invariant y == 0;
                """;
        List<String> found = kinds(loop, Explorer.Reductions.NONE);
        assertEquals(1, found.size(), found.toString());
        assertEquals(found, kinds(loop, POR));
    }

    /**
     * An invariant makes the moves writing what it reads visible: a set holding one is no set. With
     * the invariant on x alone, b's writes of y may go first and a's run after them (5 states); with
     * it on x and y, every interleaving stays (3 * 3 = 9).
     */
    @Test
    void movesWritingWhatAnInvariantReadsAreNeverPutOff() {
        String writers = """
                int(0..1) x; int(0..1) y;
                thread a { x = 1; x = 0; }
                thread b { y = 1; y = 0; }
                """;
        assertEquals(5, states(writers + "invariant x <= 1;\n", POR));
        assertEquals(9, states(writers + "invariant x + y <= 2;\n", POR));
    }

    /**
     * The cycle proviso: a's loop, independent of b, is always the cheapest set; without the
     * proviso the reduced search would go round it forever and never move b, whose write breaks
     * the invariant. Its move back to the start state forces a full expansion, and b's write is found.
     */
    @Test
    void aLoopOfIndependentMovesDoesNotPutOffTheRestForever() {
        String loop = """
                int(0..1) x; int(0..1) y;
                daemon thread a { while (true) { x = 1; x = 0; } }
                thread b { y = 1; }
                invariant y == 0;
                """;
        List<String> found = kinds(loop, Explorer.Reductions.NONE);
        assertEquals(1, found.size(), found.toString());
        assertEquals(found, kinds(loop, POR));
    }

    /**
     * When the cheapest set's move leads back, another set whose moves all go deeper is taken
     * instead of every move. Unreduced 2 * 2 * 2 = 8. Reduced, with b's write visible (the
     * invariant reads y): start; a (x = 1); there a's x = 0 leads back to the start, b is visible,
     * so c alone: (a at 1, c done); a's x = 0: (a at 0, c done); there a's x = 1 leads back and c
     * has ended: every move, b's write; then a's loop alone (the only mover): 6.
     */
    @Test
    void aSetWhoseMovesLeadBackGivesWayToOneWhoseMovesGoDeeper() {
        String loop = """
                int(0..1) x; int(0..1) y; int(0..1) z;
                daemon thread a { while (true) { x = 1; x = 0; } }
                thread b { y = 1; }
                thread c { z = 1; }
                invariant y <= 1;
                """;
        assertEquals(8, states(loop, Explorer.Reductions.NONE));
        assertEquals(6, states(loop, POR));
    }

    /**
     * A step raising a finding needs the cycle proviso too, where no livelock check asks for it:
     * daemons only (no thread whose end the check waits for), a's loop independent of b and
     * always the cheapest set, and b's division by d, zero, an error step. Without
     * the proviso the reduced search goes round a's loop (2 states) and never takes b's step.
     */
    @Test
    void aLoopDoesNotPutOffAStepRaisingAFindingForever() {
        String loop = """
                int(0..1) x; int(0..1) d; int(0..1) y;
                daemon thread a { while (true) { x = 1; x = 0; } }
                daemon thread b { y = 1 / d; }
                """;
        List<String> found = kinds(loop, Explorer.Reductions.NONE);
        assertEquals(1, found.size(), found.toString());
        assertEquals(found, kinds(loop, POR));
    }

    /**
     * With nothing to find (no invariant, no step raising a finding, no thread that ends) no cycle
     * proviso is needed: two independent daemon loops, 2 * 2 = 4 states unreduced; reduced, a's loop
     * alone is the cheapest set everywhere and b never needs to move: start and x = 1, 2 states.
     */
    @Test
    void withNothingToFindNoProvisoIsNeeded() {
        String loops = """
                int(0..1) x; int(0..1) y;
                daemon thread a { while (true) { x = 1; x = 0; } }
                daemon thread b { while (true) { y = 1; y = 0; } }
                """;
        assertEquals(4, states(loops, Explorer.Reductions.NONE));
        assertEquals(2, states(loops, POR));
    }

    /**
     * Which reduced traces are shortest already: a deadlock's or a hang's (stuck states keep their
     * depth), unless an interrupt can arrive (a deadlock is then no stuck state); not a thread
     * ending with a lock held, which a move raises.
     */
    @Test
    void onlyStuckStatesKeepTheirDepthAndOnlyWithoutInterrupts() {
        String thread = "spinlock s;\nthread t { spin_lock(s); spin_unlock(s); }\n";
        IrProgram plain = Scenarios.lower(thread);
        IrProgram interrupted = Scenarios.lower(thread + "interrupt disk on t { spin_lock(s); spin_unlock(s); }\n");
        ProblemKey deadlock = new ProblemKey.Deadlock(Set.of(new ProblemKey.Link("t", "s", "s")));
        ProblemKey hang = new ProblemKey.Hang(Set.of(new ProblemKey.Hung("t", "t:1", "s")));
        ProblemKey held = new ProblemKey.HeldAtExit("t", List.of());
        assertTrue(PartialOrder.keepsDepth(deadlock, plain));
        assertTrue(PartialOrder.keepsDepth(hang, plain));
        assertFalse(PartialOrder.keepsDepth(held, plain));
        assertFalse(PartialOrder.keepsDepth(deadlock, interrupted));
        assertFalse(PartialOrder.keepsDepth(hang, interrupted));
    }

    private static CheckResult check(String source, Explorer.Reductions reductions) {
        CheckResult r = reduced(source, reductions);
        assertTrue(r.complete());
        return r;
    }

    /** The states of the unreduced and of the reduced search. */
    private static void assertStates(long unreduced, long reduced, String scenario) {
        assertEquals(unreduced, states(scenario, Explorer.Reductions.NONE));
        assertEquals(reduced, states(scenario, POR));
    }

    private static long states(String source, Explorer.Reductions reductions) {
        CheckResult r = check(source, reductions);
        assertEquals(List.of(), Scenarios.kinds(r));
        return r.stats().states();
    }

    private static List<String> kinds(String source, Explorer.Reductions reductions) {
        return Scenarios.kinds(check(source, reductions));
    }
}
