package io.vmlock.explore;

import io.vmlock.budget.Budget;
import io.vmlock.budget.StopSignal;
import java.util.Optional;

/**
 * The search's limits; hitting one makes the result incomplete, never clean. Seconds and memory
 * are the whole file's: {@link #startBudget} makes the budget every phase shares.
 */
public record Limits(long maxStates, long maxSeconds, long maxMemoryBytes) {
    public static final long DEFAULT_MAX_STATES = 10_000_000;
    public static final long DEFAULT_MAX_SECONDS = 300;

    public static Limits defaults() {
        return new Limits(DEFAULT_MAX_STATES, DEFAULT_MAX_SECONDS, defaultMemory());
    }

    /** Three quarters of the heap: the rest is for the trace reconstruction and the report. */
    public static long defaultMemory() {
        return Runtime.getRuntime().maxMemory() / 4 * 3;
    }

    /** The budget of one file, starting now: {@code --max-seconds} and {@code --max-memory}, ended early by {@code stop}. */
    public Budget startBudget(StopSignal stop) {
        return Budget.start(maxSeconds, maxMemoryBytes, stop);
    }

    /** Whether the search has stored as many states as it may. */
    Optional<String> hit(long states) {
        return states >= maxStates ? Optional.of("--max-states " + maxStates + " reached") : Optional.empty();
    }
}
