package io.vmlock.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetTest {
    @Test
    void mebibytesSaturateInsteadOfOverflowing() {
        assertEquals(512L << 20, Budget.mebibytes(512));
        assertEquals(Long.MAX_VALUE >> 20 << 20, Budget.mebibytes(Long.MAX_VALUE >> 20));
        assertEquals(Long.MAX_VALUE, Budget.mebibytes((Long.MAX_VALUE >> 20) + 1));
        assertEquals(Long.MAX_VALUE, Budget.mebibytes(Long.MAX_VALUE));
        assertEquals(0, Budget.mebibytes(-1));
    }

    @Test
    void aDeadlineOfCenturiesDoesNotOverflowIntoThePast() {
        Budget b = Budget.start(Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(Optional.empty(), b.spent(Phase.SEARCH));
        assertTrue(b.remainingMillis() > 1_000_000_000L, String.valueOf(b.remainingMillis()));
    }

    @Test
    void aSpentBudgetNamesTheLimitAndThePhase() {
        assertEquals(Optional.of("--max-seconds 0 reached in the lock-order graph pass"),
                Budget.start(0, Long.MAX_VALUE).spent(Phase.GRAPH_PASS));
        assertEquals(Optional.of("--max-memory 1 MiB reached while compiling the scenario for the search"),
                Budget.start(60, 1L << 20).spent(Phase.COMPILE, 2L << 20));
        BudgetExhausted e = assertThrows(BudgetExhausted.class, () -> Budget.start(0, Long.MAX_VALUE).check(Phase.SEARCH));
        assertEquals("--max-seconds 0 reached in the search", e.reason());
    }

    @Test
    void aRaisedStopSignalSpendsEveryBudgetMadeWithIt() {
        StopSignal stop = new StopSignal();
        Budget b = Budget.start(60, Long.MAX_VALUE, stop);
        assertEquals(Optional.empty(), b.spent(Phase.SEARCH));
        stop.raise("stopped by a signal (SIGINT or SIGTERM)");
        stop.raise("a second reason is ignored");
        assertEquals(Optional.of("stopped by a signal (SIGINT or SIGTERM) in the search"), b.spent(Phase.SEARCH));
        assertEquals(Optional.empty(), Budget.start(60, Long.MAX_VALUE).spent(Phase.SEARCH), "another run's signal");
    }

    @Test
    void aGrowthIsRefusedBeforeItAllocatesWhenTheCapOrTheHeapCannotHoldIt() {
        Budget small = Budget.start(60, Budget.usedHeap() + (64L << 20));
        small.reserve(1L << 20, Phase.SEARCH);
        BudgetExhausted capped = assertThrows(BudgetExhausted.class, () -> small.reserve(1L << 40, Phase.SEARCH));
        assertTrue(capped.reason().startsWith("--max-memory ") && capped.reason().endsWith(" MiB reached in the search"),
                capped.reason());
        BudgetExhausted heap = assertThrows(BudgetExhausted.class,
                () -> Budget.heapOnly().reserve(Runtime.getRuntime().maxMemory(), Phase.SEARCH));
        assertTrue(heap.reason().startsWith("the Java heap is too small ("), heap.reason());
    }

    /** The cap is on live data: garbage, however much of the heap it fills, does not spend it. */
    @Test
    void garbageDoesNotCountAgainstTheCap() {
        System.gc();
        long live = Budget.heapOnly().liveBytes();
        Budget b = Budget.start(60, live + (8L << 20));
        long garbage = 0;
        for (long made = 0; Budget.usedHeap() <= b.maxMemoryBytes() && made < (8L << 30); made += 1 << 19) {
            garbage += new byte[1 << 19].length; // dropped at once
        }
        assertTrue(Budget.usedHeap() > b.maxMemoryBytes(), "the garbage did not fill the heap past the cap");
        assertEquals(Optional.empty(), b.spent(Phase.SEARCH), garbage + " bytes of garbage");
    }

    /** What a budget reserved counts as live until a collection sees what it was allocated for. */
    @Test
    void reservationsSinceTheLastCollectionCount() {
        System.gc();
        long live = Budget.heapOnly().liveBytes();
        Budget b = Budget.start(60, live + (160L << 20));
        b.reserve(100L << 20, Phase.SEARCH);
        byte[] store = new byte[100 << 20];
        assertTrue(b.liveBytes() >= live + store.length, b.liveBytes() + " bytes live after reserving");
        BudgetExhausted e = assertThrows(BudgetExhausted.class, () -> b.reserve(100L << 20, Phase.SEARCH));
        assertTrue(e.reason().startsWith("--max-memory "), e.reason());
        assertEquals(100 << 20, store.length);
    }
}
