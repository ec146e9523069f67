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
}
