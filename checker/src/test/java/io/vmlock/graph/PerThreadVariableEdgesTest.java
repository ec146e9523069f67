package io.vmlock.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The graph pass tracks a thread's per-thread variables as it tracks its locals: no other thread
 * writes them. A thread body starts with their declared values; a handler (interrupt, fault,
 * reclaim) runs on a thread whose values it does not know.
 */
class PerThreadVariableEdgesTest {
    private static final String NESTED = """
            %s
            mutex m; mutex n;
            proc start() { if (%s == 0) { mutex_lock(m); } %s++; }
            proc stop() { %s--; if (%s == 0) { mutex_unlock(m); } }
            thread t { start(); mutex_lock(n); start(); stop(); mutex_unlock(n); stop(); }
            """;

    private static List<String> edges(String source) {
        GraphBuild b = IrGraphBuilder.build(Scenarios.lower(source));
        assertTrue(b.complete());
        return b.graph().edges().stream().map(Object::toString).sorted().toList();
    }

    private static String nested(String declaration, String name) {
        return NESTED.formatted(declaration, name, name, name, name);
    }

    /*
     * The nested start() under n finds journal_info 1 and takes nothing: the only edge is m -> n.
     * With a global in its place the walk cannot know the value (another thread may change it),
     * so the nested start may take m under n: n -> m, and m -> m.
     */
    @Test
    void aNestedStartTakesNoLockUnderWhatTheOuterHolds() {
        assertEquals(List.of("m -> n"), edges(nested("current int(0..2) journal_info = 0;", "current->journal_info")));
        assertEquals(List.of("m -> m", "m -> n", "n -> m"), edges(nested("int(0..2) journal_info = 0;", "journal_info")));
    }

    /* An interrupt handler does not know the interrupted thread's values: both branches are walked. */
    @Test
    void aHandlerStartsWithTheValuesUnknown() {
        assertEquals(List.of("hardirq -> m", "hardirq -> n"), edges("""
                current bool busy = false;
                spinlock m; spinlock n;
                thread t { current->busy = true; current->busy = false; }
                interrupt irq on t { if (current->busy) { spin_lock(m); spin_unlock(m); } else { spin_lock(n); spin_unlock(n); } }
                """));
    }
}
