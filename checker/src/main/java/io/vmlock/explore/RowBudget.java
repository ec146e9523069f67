package io.vmlock.explore;

import io.vmlock.budget.BudgetExhausted;
import java.util.function.LongConsumer;

/**
 * The memory the stubborn-set closure's rows ({@link PositionRows}) may take, every table's
 * together: at most {@link #BOUND_BITS}, reserved with the search's budget a mebibyte at a time.
 * A refusal stops the rows, not the search: questions are then answered without them (slower),
 * and the stores, whose reservations stop the search, see the memory the rows already took.
 */
final class RowBudget {
    /** 128 MiB of rows at most. */
    static final long BOUND_BITS = 1L << 30;
    private static final long GRANT_BITS = 8L << 20;

    private final LongConsumer reserve;
    private long granted;
    private long used;
    private boolean refused;

    /** {@code reserve} is called with bytes about to be allocated and throws {@link BudgetExhausted} to refuse them. */
    RowBudget(LongConsumer reserve) {
        this.reserve = reserve;
    }

    /** Whether a row of {@code bits} may be built; if so, they count as taken. */
    synchronized boolean take(long bits) {
        if (refused || used + bits > BOUND_BITS) return false;
        if (used + bits > granted) {
            long more = Math.max(GRANT_BITS, used + bits - granted);
            try {
                reserve.accept(more / 8);
            } catch (BudgetExhausted e) {
                refused = true;
                return false;
            }
            granted += more;
        }
        used += bits;
        return true;
    }

    synchronized long usedBits() {
        return used;
    }
}
