package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The stubborn-set closure's lazily built rows: shared by class, built once, bounded. */
class PositionRowsTest {
    @Test
    void aRowHoldsItsBitsAndIsBuiltOncePerClass() {
        PositionRows rows = new PositionRows(2, 130, new AtomicLong());
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
    void tablesSharingTheCounterStopBuildingAtTheBound() {
        AtomicLong built = new AtomicLong(PositionRows.BOUND_BITS - 150);
        PositionRows first = new PositionRows(1, 100, built);
        PositionRows second = new PositionRows(1, 100, built);
        assertTrue(PositionRows.test(first.build(0, index -> true), 99));
        assertNull(second.build(0, index -> true), "a row past the bound");
        assertEquals(PositionRows.BOUND_BITS - 50, built.get());
    }
}
