package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.budget.Budget;
import io.vmlock.budget.BudgetExhausted;
import io.vmlock.budget.Phase;
import io.vmlock.explore.system.SystemCompiler;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.Scenarios;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The partial-order reduction's tables are built before the search's first state, where no
 * state's budget check runs: the setup asks the deadline itself, so a small --max-seconds on a
 * big scenario stops there, as an incomplete search, instead of running past it.
 */
class PartialOrderSetupTest {
    /** Twelve threads taking three locks in turn: thousands of positions and actions to tabulate. */
    private static String manyThreads() {
        StringBuilder s = new StringBuilder("mutex a; mutex b; mutex c; int(0..3) x;\n");
        for (int t = 0; t < 12; t++) {
            s.append("thread t").append(t).append(" {\n");
            for (int i = 0; i < 6; i++) {
                s.append("    mutex_lock(a); x = ").append(i % 4).append("; mutex_lock(b); mutex_unlock(b); mutex_unlock(a);\n");
                s.append("    mutex_lock(c); if (x == 1) { x = 2; } mutex_unlock(c);\n");
            }
            s.append("}\n");
        }
        return s.toString();
    }

    private static CompiledModel model(IrProgram program) {
        TransitionSystem system = SystemCompiler.compile(program);
        return new CompiledModel(system, new Packing(system, new int[system.fields().size()]));
    }

    @Test
    void theSetupAsksTheDeadlineAsItGoes() {
        CompiledModel model = model(Scenarios.lower(manyThreads()));
        AtomicInteger asked = new AtomicInteger();
        new PartialOrder(model, true, bytes -> { }, asked::incrementAndGet);
        assertTrue(asked.get() >= 3, "asked " + asked.get() + " times");
        AtomicInteger before = new AtomicInteger();
        Runnable spentAtSecond = () -> {
            if (before.incrementAndGet() > 1) throw new BudgetExhausted("--max-seconds 1 reached in the search");
        };
        assertThrows(BudgetExhausted.class, () -> new PartialOrder(model, true, bytes -> { }, spentAtSecond));
        assertEquals(2, before.get(), "it stops at the first spent answer");
    }

    /** A budget whose deadline passes while the search is set up: incomplete, no state stored, the search named. */
    @Test
    void aDeadlinePassedDuringTheSetupStopsTheSearchBeforeItsFirstState() {
        IrProgram program = Scenarios.lower(manyThreads());
        CompiledModel model = model(program);
        AtomicLong reads = new AtomicLong();
        // the first read starts the budget; every later one is two seconds on
        Budget budget = Budget.onClock(1, Long.MAX_VALUE, () -> reads.getAndIncrement() == 0 ? 0 : 2_000_000_000L);
        Explorer.Options options = new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.COMPILED,
                1, false, new Explorer.Reductions(true, false), true);
        try (Workers workers = new Workers(1)) {
            CompiledSearch search = new CompiledSearch(new Semantics(program), model, options, workers, null, budget,
                    Phase.SEARCH);
            search.run();
            assertEquals(Optional.of("--max-seconds 1 reached in the search"), search.stoppedBy);
            assertEquals(0, search.stateCount());
            assertEquals(null, search.por, "the reduction's tables were not finished");
        }
    }
}
