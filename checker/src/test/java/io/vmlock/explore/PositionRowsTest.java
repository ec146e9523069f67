package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.budget.BudgetExhausted;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The stubborn-set closure's lazily built rows: shared by class, built once, within their budget. */
class PositionRowsTest {
    @Test
    void aRowHoldsItsBitsAndIsBuiltOncePerClass() {
        PositionRows rows = new PositionRows(2, 130, new RowBudget(bytes -> { }));
        AtomicInteger asked = new AtomicInteger();
        assertNull(rows.get(1));
        long[] row = rows.build(1, index -> {
            asked.incrementAndGet();
            return index % 3 == 0;
        });
        for (int index = 0; index < 130; index++) assertEquals(index % 3 == 0, PositionRows.test(row, index));
        assertEquals(130, asked.get());
        assertSame(row, rows.build(1, index -> {
            throw new AssertionError("a built row is built again");
        }));
        assertSame(row, rows.get(1));
        assertNull(rows.get(0));
    }

    @Test
    void rowsAreReservedWithTheBudgetAMebibyteAtATime() {
        List<Long> reserved = new ArrayList<>();
        RowBudget budget = new RowBudget(reserved::add);
        PositionRows first = new PositionRows(100, 100_000, budget);
        PositionRows second = new PositionRows(100, 100_000, budget);
        for (int c = 0; c < 100; c++) {
            first.build(c, index -> true);
            second.build(c, index -> false);
        }
        assertEquals(20_000_000L, budget.usedBits());
        assertEquals(List.of(1L << 20, 1L << 20, 1L << 20), reserved);
    }

    @Test
    void aRefusedReservationStopsTheRowsNotTheCaller() {
        AtomicInteger asked = new AtomicInteger();
        RowBudget budget = new RowBudget(bytes -> {
            if (asked.incrementAndGet() > 1) throw new BudgetExhausted("--max-memory 1 MiB reached");
        });
        PositionRows rows = new PositionRows(3, 5_000_000, budget);
        assertTrue(PositionRows.test(rows.build(0, index -> true), 4_999_999));
        assertNull(rows.build(1, index -> true), "a row past what the budget granted");
        assertNull(rows.build(2, index -> true), "no row after a refusal");
        assertEquals(2, asked.get());
        assertEquals(5_000_000L, budget.usedBits());
    }

    /**
     * However much the search's budget would grant, the rows stop at 128 MiB; a row beyond what
     * was granted reserves what it lacks (more than a mebibyte if it must), a row that fits takes
     * nothing more.
     */
    @Test
    void theRowsStopAtTheirBoundWhateverTheBudgetGrants() {
        List<Long> reserved = new ArrayList<>();
        RowBudget budget = new RowBudget(reserved::add);
        assertFalse(budget.take(RowBudget.BOUND_BITS + 1), "a row larger than the bound");
        assertEquals(List.of(), reserved, "nothing reserved for a row that is not built");
        assertTrue(budget.take(1));
        assertTrue(budget.take(RowBudget.BOUND_BITS - 1), "rows up to exactly the bound");
        assertEquals(List.of(1L << 20, (128L << 20) - (1L << 20)), reserved);
        assertFalse(budget.take(1), "not one bit more");
        assertEquals(RowBudget.BOUND_BITS, budget.usedBits());
        assertEquals(2, reserved.size());
    }

    /** Two rows of half a grant fill it exactly: only the third row reserves again. */
    @Test
    void aRowThatFillsTheGrantExactlyReservesNothingMore() {
        List<Long> reserved = new ArrayList<>();
        RowBudget budget = new RowBudget(reserved::add);
        assertTrue(budget.take(4L << 20));
        assertTrue(budget.take(4L << 20));
        assertEquals(List.of(1L << 20), reserved);
        assertTrue(budget.take(1));
        assertEquals(List.of(1L << 20, 1L << 20), reserved);
        assertEquals((8L << 20) + 1, budget.usedBits());
    }
}
