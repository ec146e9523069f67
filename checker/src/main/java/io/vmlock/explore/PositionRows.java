package io.vmlock.explore;

import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * Rows of bits over every thread's positions (numbered one after another), one row per class
 * of alike questions, each built the first time it is asked for while its {@link RowBudget}
 * allows. Questions are grouped into classes by what they depend on (an action's accesses, a
 * conjunct's reads), so the copies of a procedure in many threads share their rows.
 */
final class PositionRows {
    private final int positions;
    private final AtomicReferenceArray<long[]> rows;
    private final RowBudget budget;

    PositionRows(int classes, int positions, RowBudget budget) {
        this.positions = positions;
        this.rows = new AtomicReferenceArray<>(classes);
        this.budget = budget;
    }

    int classes() {
        return rows.length();
    }

    /** The row of class {@code rowClass} if it is built. */
    long[] get(int rowClass) {
        return rows.get(rowClass);
    }

    /** The row of class {@code rowClass}, built from {@code bit} if the budget allows; null past it. */
    long[] build(int rowClass, IntPredicate bit) {
        long[] row = rows.get(rowClass);
        if (row != null || !budget.take(positions)) return row;
        row = new long[(positions + 63) / 64];
        for (int index = 0; index < positions; index++) {
            if (bit.test(index)) row[index >> 6] |= 1L << index;
        }
        // another worker may have built it too: the rows are equal, either may stay
        rows.compareAndSet(rowClass, null, row);
        return rows.get(rowClass);
    }

    /** As {@link #build(int, IntPredicate)}, for questions answered for every position at once. */
    long[] build(int rowClass, Supplier<BitSet> bits) {
        long[] row = rows.get(rowClass);
        if (row != null || !budget.take(positions)) return row;
        row = Arrays.copyOf(bits.get().toLongArray(), (positions + 63) / 64);
        rows.compareAndSet(rowClass, null, row);
        return rows.get(rowClass);
    }

    static boolean test(long[] row, int index) {
        return (row[index >> 6] >>> index & 1) != 0;
    }
}
