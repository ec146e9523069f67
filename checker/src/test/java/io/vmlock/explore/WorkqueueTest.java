package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.ir.IrProgram;
import io.vmlock.graph.LockEdge;
import io.vmlock.testing.Scenarios;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Workqueues (kernel/workqueue.c as stored at 009bb421b6ce): a work item runs on its own worker,
 * once per queueing while pending; flush_work waits for the runs it found; cancel_work_sync takes
 * PENDING away and waits for a running one; lockdep's (wq_completion) and (work_completion) maps
 * order the item's locks. State counts are both engines', without reductions.
 *
 * <p>The worker's steps, one pc each: wait for PENDING (A), take it (B), acquire the
 * workqueue's map (C), the work's map (D), release the work's map (E; an empty work function has
 * no step), release the workqueue's map (F), count the run finished (G), back to A.
 */
class WorkqueueTest {
    private static Set<String> edges(String source) {
        return IrGraphBuilder.build(Scenarios.lower(source)).graph().edges().stream().map(LockEdge::toString)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /*
     * t queues once: (t before, A, idle), (t done, A, pending), then the worker's seven steps
     * A..G from there, one state each, the last back at A with one run finished: 1 + 1 + 7 = 9.
     */
    @Test
    void aQueuedWorkRunsOnce() {
        outcome("""
                workqueue wq;
                proc f() { }
                work w = f() on wq;
                thread t { queue_work(wq, w); }
                """, List.of(), 9);
    }

    /*
     * Queued twice before the worker wakes, the item still runs once: the second queue_work finds
     * PENDING set and is a step that changes nothing. Nothing waits on w, so its runs are not
     * counted and a state is (t's pc 0..2, the worker's pc, PENDING). t at 0: (0, A, 0). t at 1:
     * (1, A, 1), (1, B, 1), the run C..G with PENDING taken (5), back at (1, A, 0): 8. t at 2:
     * (2, A, 1), (2, B, 1), the run C..G with PENDING set again by t (5) or taken after t's two
     * queueings (5), and (2, A, 0) after that run: 13. 1 + 8 + 13 = 22.
     */
    @Test
    void queueingAPendingWorkDoesNothing() {
        outcome("""
                workqueue wq;
                proc f() { }
                work w = f() on wq;
                thread t { queue_work(wq, w); queue_work(wq, w); }
                """, List.of(), 22);
    }

    /*
     * The same, with a flush_work(w) somewhere in the program (here in a procedure nobody calls):
     * a flush reads w's finished runs, so the worker counts them (modulo 4), and the states that
     * differ only in the runs finished are told apart. Of the 22 above, those of t at 2 that a
     * second run reaches (t queued again after the first run ended) split in two, runs 0 and 1:
     * (2, A, 1), (2, B, 1), the run C..G with PENDING taken (5) and (2, A, 0), which the second run
     * leaves with two runs finished: 22 + 1 + 1 + 5 + 1 = 30.
     */
    @Test
    void aWorkSomeoneMayFlushCountsItsRuns() {
        outcome("""
                workqueue wq;
                proc f() { }
                work w = f() on wq;
                proc flusher() { flush_work(w); }
                thread t { queue_work(wq, w); queue_work(wq, w); }
                """, List.of(), 30);
    }

    /*
     * A work that flushes itself waits for its own run, which only its own worker could finish; a
     * worker is a daemon, so the hang shows where a task waits for the item (t's flush).
     */
    @Test
    void aWorkFlushingItselfNeverReturns() {
        CheckResult r = LockKindRulesTest.bothEngines("""
                workqueue wq;
                work w = self_flush() on wq;
                proc self_flush() { flush_work(w); }
                thread t { queue_work(wq, w); flush_work(w); }
                """);
        assertTrue(r.complete());
        assertEquals(List.of("hang"), Scenarios.kinds(r), r.findings()::toString);
    }

    /* The lock-order graph: process_one_work's maps around the item, flush_work's map under x. */
    @Test
    void theGraphOrdersTheWorksLocksInsideItsMaps() {
        assertEquals(Set.of("(wq_completion)wq -> (work_completion)w", "(wq_completion)wq -> x",
                        "(work_completion)w -> x", "x -> (work_completion)w"),
                edges("""
                        mutex x;
                        workqueue wq;
                        proc f() { mutex_lock(x); mutex_unlock(x); }
                        work w = f() on wq;
                        thread t { queue_work(wq, w); mutex_lock(x); flush_work(w); mutex_unlock(x); }
                        """));
    }

    /*
     * Cancelled: t queues, then cancel_work_sync takes PENDING away, or waits for the run the
     * worker took first. States (t, worker, variable): (before, A, idle), (queued, A, pending);
     * cancel before the take: (done, A, idle) and, after the wake-up, (done, B, idle), where the
     * worker's test finds nothing and it sleeps again; else (queued, B, pending), the take and
     * the run C..G with t still before its cancel (5), the worker back at A with one run finished
     * (1); t's cancel in each of C..G finds the run and waits (5), then the run ends (1) and t
     * finishes; t's cancel at A finishes at once. Finished, t keeps its frame, so (done, A, one run)
     * is two states: the cancel that waited (runs 1, seen 0) and the one that did not (0, 1).
     * 1 + 1 + 1 + 1 + 1 + 5 + 1 + 5 + 1 + 2 = 19.
     */
    @Test
    void cancelTakesPendingAwayAndWaitsForARun() {
        outcome("""
                workqueue wq;
                proc f() { }
                work w = f() on wq;
                thread t { queue_work(wq, w); cancel_work_sync(w); }
                """, List.of(), 19);
    }

    /*
     * An ordered workqueue runs its items in queueing order, and a cancelled item leaves the queue:
     * wb is cancelled while wa runs (wa waits for that), so it never runs and wc runs after wa.
     * On a concurrency-managed workqueue the same items run in any order: the assertion fails.
     */
    @Test
    void anOrderedWorkqueueRunsItsItemsInQueueingOrder() {
        String source = """
                ordered_workqueue q;
                bool cancelled = false;
                int(0..2) ran = 0;
                proc a() { wait_event(cancelled); ran = 1; }
                proc b() { assert(false); }
                proc c() { assert(ran == 1); ran = 2; }
                work wa = a() on q;
                work wb = b() on q;
                work wc = c() on q;
                thread t {
                    queue_work(q, wa); queue_work(q, wb); queue_work(q, wc);
                    cancel_work_sync(wb); cancelled = true;
                    flush_workqueue(q);
                    assert(ran == 2);
                }
                """;
        CheckResult ordered = LockKindRulesTest.bothEngines(source);
        assertTrue(ordered.complete());
        assertEquals(List.of(), Scenarios.kinds(ordered), ordered.findings()::toString);
        CheckResult managed = LockKindRulesTest.bothEngines(source.replace("ordered_workqueue q;", "workqueue q;"));
        assertEquals(List.of("assertion"), Scenarios.kinds(managed), managed.findings()::toString);
    }

    /* start_flush_work() touches an ordered workqueue's map: a flush from one of its items is lockdep's self-cycle. */
    @Test
    void flushingOnAnOrderedWorkqueueFromItsOwnItemIsLockdepsSelfCycle() {
        String source = """
                ordered_workqueue q;
                proc first() { flush_work(second_work); }
                proc second() { }
                work first_work = first() on q;
                work second_work = second() on q;
                thread t { queue_work(q, first_work); queue_work(q, second_work); }
                """;
        assertEquals(Set.of("(wq_completion)q -> (wq_completion)q", "(wq_completion)q -> (work_completion)first_work",
                        "(wq_completion)q -> (work_completion)second_work",
                        "(work_completion)first_work -> (wq_completion)q",
                        "(work_completion)first_work -> (work_completion)second_work"),
                edges(source));
        assertEquals(Set.of("(wq_completion)q -> (work_completion)first_work",
                        "(wq_completion)q -> (work_completion)second_work",
                        "(work_completion)first_work -> (work_completion)second_work"),
                edges(source.replace("ordered_workqueue q;", "workqueue q;")));
    }

    /* Partial-order and symmetry reduction keep every workqueue finding, on both engines. */
    @Test
    void reductionsKeepWorkqueueFindings() {
        for (String source : List.of("""
                mutex x; workqueue wq;
                proc f() { mutex_lock(x); mutex_unlock(x); }
                work w = f() on wq;
                thread t[2] { queue_work(wq, w); mutex_lock(x); flush_work(w); mutex_unlock(x); }
                thread c { cancel_work_sync(w); queue_work(wq, w); flush_workqueue(wq); }
                """, """
                ordered_workqueue q;
                proc first() { flush_work(second_work); }
                proc second() { }
                work first_work = first() on q;
                work second_work = second() on q;
                thread t { queue_work(q, first_work); queue_work(q, second_work); flush_work(first_work); }
                """)) {
            IrProgram ir = Scenarios.lower(source);
            for (Explorer.Engine engine : Explorer.Engine.values()) {
                CheckResult full = Explorer.check(ir, options(engine, Explorer.Reductions.NONE));
                CheckResult reduced = Explorer.check(ir, options(engine, Explorer.Reductions.ALL_BUT_CHAINS));
                assertTrue(full.complete() && reduced.complete(), source);
                assertEquals(headlines(full), headlines(reduced), source);
                assertTrue(reduced.stats().states() <= full.stats().states(), source);
                assertTrue(!full.findings().isEmpty(), source);
            }
        }
    }

    private static Explorer.Options options(Explorer.Engine engine, Explorer.Reductions reductions) {
        return new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), engine, 1, false, reductions, false, false);
    }

    private static List<String> headlines(CheckResult r) {
        return r.findings().stream().map(f -> f.verdict() + ": " + f.headline()).sorted().toList();
    }
}
