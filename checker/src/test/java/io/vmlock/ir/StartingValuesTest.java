package io.vmlock.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.explore.Explorer;
import io.vmlock.findings.CheckResult;
import io.vmlock.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * init blocks give globals their starting values per element, applied in declaration order
 * before any thread runs: the search starts from them and spends no step on them.
 */
class StartingValuesTest {

    private static final String DECLS = """
            set page { P0, P1, P2 };
            bool PageDirty[page];
            int(0..3) nr_dirty = 2;
            bool present[page] = true;
            """;

    private static GlobalVar global(IrProgram p, String name) {
        return p.globals().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void initSetsElementsByConstantIndexAndForeachInOrder() {
        IrProgram p = Scenarios.lower(DECLS + """
                init { PageDirty[P1] = true; nr_dirty = 3; foreach (q in page) { present[q] = false; } }
                init { present[P2] = true; nr_dirty = 1; }
                thread t { }
                """);
        assertEquals(List.of(0, 1, 0), global(p, "PageDirty").initial());
        assertEquals(List.of(1), global(p, "nr_dirty").initial(), "the later init wins");
        assertEquals(List.of(0, 0, 1), global(p, "present").initial());
    }

    @Test
    void withoutInitTheDeclarationsGiveTheStartingValues() {
        IrProgram p = Scenarios.lower(DECLS + "thread t { }\n");
        assertEquals(List.of(0, 0, 0), global(p, "PageDirty").initial());
        assertEquals(List.of(2), global(p, "nr_dirty").initial());
        assertEquals(List.of(1, 1, 1), global(p, "present").initial());
    }

    /*
     * The same starting value set by init and by a thread's first step: with init the assertion
     * holds in every run and the search stores the thread's 2 states (before and after the
     * assert); set by another thread's step, the assertion can run first and fails.
     */
    @Test
    void theSearchStartsFromInitWithoutAStep() {
        CheckResult withInit = Scenarios.check(DECLS + """
                init { PageDirty[P1] = true; }
                thread t { assert(PageDirty[P1]); }
                """);
        assertTrue(withInit.findings().isEmpty(), withInit.findings()::toString);
        assertEquals(2, withInit.stats().states());
        CheckResult byAThread = Scenarios.check(DECLS + """
                thread setup { PageDirty[P1] = true; }
                thread t { assert(PageDirty[P1]); }
                """);
        assertEquals(List.of("assertion"), Scenarios.kinds(byAThread));
    }
}
