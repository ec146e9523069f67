package io.vmlock.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.FaultRetryModels;
import io.vmlock.testing.Scenarios;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The lock-order walk through hooks, user copies' values and a fault handler's retry. */
class FaultRetryWalkTest {
    private static String edges(String source) {
        GraphBuild b = IrGraphBuilder.build(Scenarios.lower(source));
        assertTrue(b.complete());
        return b.graph().edges().stream().map(e -> e + "(" + e.paths() + ")").collect(Collectors.joining(", "));
    }

    private static final String HOOK_CALLER = """
            mutex a; mutex b;
            int handler();
            thread t { mutex_lock(a); if (handler() == 1024) { mutex_lock(b); mutex_unlock(b); } mutex_unlock(a); }
            """;

    @Test
    void aProcDefiningAHookGivesZeroSoTheWalkSkipsTheRetryBranch() {
        assertEquals("", edges(HOOK_CALLER + "proc handler() { }"));
    }

    @Test
    void anIntDefinitionGivesItsValue() {
        assertEquals("a -> b(1)", edges(HOOK_CALLER + "int handler() { return 1024; }"));
    }

    @Test
    void aUserCopysValueMayBeEitherCount() {
        String s = """
                mutex a; mutex b;
                proc fault_in() { }
                mapping buf { fault = fault_in(); }
                thread t { mutex_lock(a); int(0..1) n = copy_from_user(buf); if (n == 1) { mutex_lock(b); mutex_unlock(b); } mutex_unlock(a); }
                """;
        // the copy may fault under a (the fault context), and may come back short (then b)
        assertEquals("a -> b(1), a -> fault(buf)(1)", edges(s));
    }

    /*
     * The first try sleeps on the page lock only after releasing mmap_lock (no edge from it);
     * the trylock under mmap_lock on either try and the second try's lock under it are the
     * edge's three paths, as lockdep records them.
     */
    @Test
    void aRetryingHandlerSleepsWithoutMmapLockOnTheFirstTry() {
        String s = FaultRetryModels.FAULTING_THREAD + FaultRetryModels.RETRYING_HANDLER;
        assertEquals("mmap_lock -> page_lock(3)", edges(s));
    }
}
