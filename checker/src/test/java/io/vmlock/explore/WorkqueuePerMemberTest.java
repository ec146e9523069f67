package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.bothEngines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.graph.LockEdge;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.Scenarios;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Workqueues and work items per set member: each member its own item (PENDING, worker), each
 * member of a workqueue its own queue and lockdep class, one (work_completion) class per work
 * declaration. A declaration over a one-member set is the single declaration, state for state.
 */
class WorkqueuePerMemberTest {
    /** Each pair: a scenario with single declarations, and the same over a one-member set. */
    private static final List<List<String>> ONE_MEMBER = List.of(
            List.of("""
                    mutex x; workqueue wq;
                    proc f() { mutex_lock(x); mutex_unlock(x); }
                    work w = f() on wq;
                    thread t { queue_work(wq, w); queue_work(wq, w); mutex_lock(x); flush_work(w); mutex_unlock(x); }
                    thread c { cancel_work_sync(w); queue_work(wq, w); flush_workqueue(wq); }
                    """, """
                    set one { O0 };
                    mutex x; workqueue wq_of[one];
                    proc f(one o) { mutex_lock(x); mutex_unlock(x); }
                    work w_of[one] = f(one) on wq_of[one];
                    thread t { queue_work(wq_of[O0], w_of[O0]); queue_work(wq_of[O0], w_of[O0]); mutex_lock(x);
                               flush_work(w_of[O0]); mutex_unlock(x); }
                    thread c { cancel_work_sync(w_of[O0]); queue_work(wq_of[O0], w_of[O0]); flush_workqueue(wq_of[O0]); }
                    """),
            List.of("""
                    ordered_workqueue q;
                    proc first() { flush_work(second_work); }
                    proc second() { }
                    work first_work = first() on q;
                    work second_work = second() on q;
                    thread t { queue_work(q, first_work); queue_work(q, second_work); cancel_work_sync(second_work);
                               flush_work(first_work); }
                    """, """
                    set sb { S0 };
                    ordered_workqueue q_of[sb];
                    proc first() { flush_work(second_of[S0]); }
                    proc second() { }
                    work first_of[sb] = first() on q_of[sb];
                    work second_of[sb] = second() on q_of[S0];
                    thread t { queue_work(q_of[S0], first_of[S0]); queue_work(q_of[S0], second_of[S0]);
                               cancel_work_sync(second_of[S0]); flush_work(first_of[S0]); }
                    """));

    /* Every engine, with and without reductions: the same verdicts from the same number of states. */
    @Test
    void aDeclarationOverOneMemberIsTheSingleDeclaration() {
        for (List<String> pair : ONE_MEMBER) {
            for (Explorer.Engine engine : Explorer.Engine.values()) {
                for (Explorer.Reductions reductions : List.of(Explorer.Reductions.NONE, Explorer.Reductions.ALL_BUT_CHAINS)) {
                    CheckResult single = check(pair.get(0), engine, reductions);
                    CheckResult member = check(pair.get(1), engine, reductions);
                    assertTrue(single.complete() && member.complete(), pair.get(1));
                    assertTrue(!single.findings().isEmpty(), pair.get(0));
                    assertEquals(verdicts(single), verdicts(member), pair.get(1));
                    assertEquals(single.stats().states(), member.stats().states(), pair.get(1));
                }
            }
        }
    }

    /* The flush of one inode's item under that inode's lock deadlocks; of the other inode's, not. */
    @Test
    void onlyTheFlushedMembersWorkDecides() {
        String source = """
                set inode { I0, I1 };
                mutex i_lock[inode]; workqueue events;
                proc conversion(inode i) { mutex_lock(i_lock[i]); mutex_unlock(i_lock[i]); }
                work conversion_of[inode] = conversion(inode) on events;
                proc truncate(inode i, inode flushed) {
                    queue_work(events, conversion_of[flushed]);
                    mutex_lock(i_lock[i]); flush_work(conversion_of[flushed]); mutex_unlock(i_lock[i]);
                }
                thread t { truncate(I0, FLUSHED); }
                """;
        assertEquals(List.of("deadlock"), Scenarios.kinds(bothEngines(source.replace("FLUSHED", "I0"))));
        assertEquals(List.of(), Scenarios.kinds(bothEngines(source.replace("FLUSHED", "I1"))));
    }

    /* A member nobody queues keeps its worker asleep at its first step: no state more than the single item. */
    @Test
    void aMemberNobodyQueuesAddsNoState() {
        String single = """
                mutex x; workqueue wq;
                proc f() { mutex_lock(x); mutex_unlock(x); }
                work w = f() on wq;
                thread t { queue_work(wq, w); mutex_lock(x); flush_work(w); mutex_unlock(x); }
                """;
        String members = """
                set inode { I0, I1 };
                mutex x; workqueue wq;
                proc f(inode i) { mutex_lock(x); mutex_unlock(x); }
                work w_of[inode] = f(inode) on wq;
                thread t { queue_work(wq, w_of[I1]); mutex_lock(x); flush_work(w_of[I1]); mutex_unlock(x); }
                """;
        CheckResult one = bothEngines(single);
        CheckResult two = bothEngines(members);
        assertEquals(one.stats().states(), two.stats().states());
        assertEquals(Scenarios.kinds(one), Scenarios.kinds(two));
    }

    /* An index only the search knows: queue_work naming another member's workqueue is an assertion. */
    @Test
    void queueingOnAnotherMembersWorkqueueIsAnAssertion() {
        String source = """
                set inode { I0, I1 };
                workqueue wq_of[inode];
                proc f(inode i) { }
                work w_of[inode] = f(inode) on wq_of[inode];
                proc queue(inode q, inode i) { queue_work(wq_of[q], w_of[i]); }
                thread t { queue(QUEUE, I0); }
                """;
        assertEquals(List.of(), Scenarios.kinds(bothEngines(source.replace("QUEUE", "I0"))));
        assertEquals(List.of("assertion"), Scenarios.kinds(bothEngines(source.replace("QUEUE", "I1"))));
    }

    /*
     * An ordered workqueue per superblock: an item that flushes one queued behind it on the same
     * superblock's workqueue never returns; behind it on another superblock's, it does.
     */
    @Test
    void anOrderedWorkqueuePerMemberOrdersOnlyItsOwnItems() {
        String source = """
                set sb { S0, S1 };
                ordered_workqueue q_of[sb];
                proc first(sb s) { flush_work(second_of[S0]); }
                proc second() { }
                work first_of[sb] = first(sb) on q_of[sb];
                work second_of[sb] = second() on q_of[sb];
                thread t { queue_work(q_of[FIRST], first_of[FIRST]); queue_work(q_of[S0], second_of[S0]);
                           flush_work(first_of[FIRST]); }
                """;
        assertEquals(List.of("hang"), Scenarios.kinds(bothEngines(source.replace("FIRST", "S0"))));
        assertEquals(List.of(), Scenarios.kinds(bothEngines(source.replace("FIRST", "S1"))));
    }

    /* The graph: a (wq_completion) class per workqueue member, one (work_completion) class for all items. */
    @Test
    void theGraphHasAWorkqueueClassPerMemberAndOneWorkClass() {
        IrProgram ir = Scenarios.lower("""
                set inode { I0, I1 };
                mutex i_lock[inode]; workqueue wq_of[inode];
                proc f(inode i) { mutex_lock(i_lock[i]); mutex_unlock(i_lock[i]); }
                work w_of[inode] = f(inode) on wq_of[inode];
                thread t { queue_work(wq_of[I0], w_of[I0]); queue_work(wq_of[I1], w_of[I1]); }
                """);
        Set<String> edges = IrGraphBuilder.build(ir).graph().edges().stream().map(LockEdge::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("(wq_completion)wq_of[I0] -> (work_completion)w_of", "(wq_completion)wq_of[I0] -> i_lock",
                "(wq_completion)wq_of[I1] -> (work_completion)w_of", "(wq_completion)wq_of[I1] -> i_lock",
                "(work_completion)w_of -> i_lock"), edges);
    }

    private static CheckResult check(String source, Explorer.Engine engine, Explorer.Reductions reductions) {
        return Explorer.check(Scenarios.lower(source), new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), engine,
                1, false, reductions, false, false));
    }

    private static List<String> verdicts(CheckResult r) {
        return r.findings().stream().map(f -> f.verdict().toString()).sorted().toList();
    }
}
