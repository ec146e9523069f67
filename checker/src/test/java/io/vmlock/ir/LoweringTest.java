package io.vmlock.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoweringTest {
    private static final String PAGES = """
            set page { P0, P1 };
            mutex page_lock[page];
            journal j;
            """;

    /** The steps met walking from the entry, always taking the first successor. */
    private static List<String> firstPath(IrProgram p, Procedure proc) {
        List<String> steps = new ArrayList<>();
        int pc = proc.entry();
        OpText text = OpText.source();
        while (!(proc.node(pc) instanceof Op.Return)) {
            Op op = proc.node(pc);
            if (op.isStep()) steps.add(text.render(op, p));
            pc = op.successors().get(0);
        }
        return steps;
    }

    @Test
    void foreachIsUnrolledWithTheInstanceSubstituted() {
        IrProgram p = Scenarios.lower(PAGES + "thread t { foreach (q in page) { mutex_lock(page_lock[q]); } }");
        Procedure body = p.procedure(p.threads().get(0).body());
        assertEquals(List.of("mutex_lock(page_lock[P0])", "mutex_lock(page_lock[P1])"), firstPath(p, body));
    }

    @Test
    void forceCommitIsBarrierDrainUnlock() {
        IrProgram p = Scenarios.lower(PAGES + "thread t { jbd2_journal_force_commit(j); }");
        Procedure body = p.procedure(p.threads().get(0).body());
        Op first = body.node(body.entry());
        Op.Acquire barrier = assertInstanceOf(Op.Acquire.class, first);
        assertEquals(LockMode.COMMIT, barrier.mode());
        assertInstanceOf(Op.JournalDrain.class, body.node(barrier.next()));
        Op.JournalDrain drain = (Op.JournalDrain) body.node(barrier.next());
        assertEquals(LockMode.COMMIT, assertInstanceOf(Op.Release.class, body.node(drain.next())).mode());
    }

    @Test
    void trylockHasSuccessAndFailureSuccessors() {
        IrProgram p = Scenarios.lower(PAGES
                + "thread t { if (!mutex_trylock(page_lock[P0])) { return; } mutex_unlock(page_lock[P0]); }");
        Procedure body = p.procedure(p.threads().get(0).body());
        Op.TryAcquire t = assertInstanceOf(Op.TryAcquire.class, body.node(body.entry()));
        assertInstanceOf(Op.Release.class, body.node(t.success()));
        assertInstanceOf(Op.Return.class, body.node(t.failure()));
    }

    @Test
    void replicatedThreadsShareOneBody() {
        IrProgram p = Scenarios.lower(PAGES + "thread w[3] { mutex_lock(page_lock[P0]); mutex_unlock(page_lock[P0]); }");
        assertEquals(List.of("w[0]", "w[1]", "w[2]"), p.threads().stream().map(ThreadDef::name).toList());
        assertTrue(p.threads().stream().allMatch(t -> t.body() == p.threads().get(0).body()));
    }

    @Test
    void callsBindArgumentsAndLocksResolveThroughParameters() {
        IrProgram p = Scenarios.lower(PAGES + """
                proc lock_page(page p) { mutex_lock(page_lock[p]); }
                thread t { lock_page(P1); }
                """);
        Procedure body = p.procedure(p.threads().get(0).body());
        Op.Call call = assertInstanceOf(Op.Call.class, body.node(body.entry()));
        assertEquals("lock_page", p.procedure(call.procedure()).name());
        assertEquals(1, ((IrExpr.Const) call.args().get(0)).value());
        Procedure callee = p.procedure(call.procedure());
        Op.Acquire a = assertInstanceOf(Op.Acquire.class, callee.node(callee.entry()));
        assertEquals("page_lock", a.lock().namedClass().orElseThrow().name());
    }

    /**
     * A workqueue and a work item per member: a queue, a lockdep class and a worker per queue
     * member, a state and a worker per item member, one (work_completion) class over the set;
     * a flush by a parameter's index branches on it, one branch fewer than there are members.
     */
    @Test
    void workqueuesPerMemberExpandToOneQueueAndItemPerMember() {
        IrProgram p = Scenarios.lower("""
                set inode { I0, I1, I2 };
                workqueue wq_of[inode];
                proc f(inode i) { }
                work w_of[inode] = f(inode) on wq_of[inode];
                proc flush(inode i) { flush_work(w_of[i]); }
                thread t { queue_work(wq_of[I2], w_of[I2]); flush(I2); }
                """);
        assertEquals(List.of("(wq_completion)wq_of[I0]", "(work_completion)w_of", "(wq_completion)wq_of[I1]",
                "(wq_completion)wq_of[I2]"), p.objects().stream().map(ObjectClass::name).toList());
        assertEquals(3, p.objects().get(1).size());
        assertEquals(List.of("w_of[I0].state", "w_of[I1].state", "w_of[I2].state"),
                p.globals().stream().map(GlobalVar::name).toList());
        assertEquals(List.of("t", "kworker(w_of[I0])", "kworker(w_of[I1])", "kworker(w_of[I2])"),
                p.threads().stream().map(ThreadDef::name).toList());
        Procedure flush = p.procedures().stream().filter(q -> q.name().equals("flush")).findFirst().orElseThrow();
        Op.Branch first = assertInstanceOf(Op.Branch.class, flush.node(flush.entry()));
        assertEquals("i == I0", first.condition().text());
        Op.Branch second = assertInstanceOf(Op.Branch.class, flush.node(first.otherwise()));
        assertEquals("i == I1", second.condition().text());
        assertTrue(!(flush.node(second.otherwise()) instanceof Op.Branch), "I2's flush needs no test");
        // the worker of I2 calls f(I2): the set's name stood for the member
        Procedure worker = p.procedure(p.threads().get(3).body());
        Op.Call call = worker.nodes().stream().filter(Op.Call.class::isInstance).map(Op.Call.class::cast)
                .findFirst().orElseThrow();
        assertEquals(2, ((IrExpr.Const) call.args().get(0)).value());
    }
}
