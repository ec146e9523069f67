package io.vmlock.explore;

import java.util.Optional;

/** The search's limits; hitting one makes the result incomplete, never clean. */
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

    /** Which limit the search has hit, if any. */
    Optional<String> hit(long states, long millis, long usedMemory) {
        if (states >= maxStates) return Optional.of("--max-states " + maxStates + " reached");
        if (millis >= maxSeconds * 1000) return Optional.of("--max-seconds " + maxSeconds + " reached");
        if (usedMemory >= maxMemoryBytes) {
            return Optional.of("--max-memory " + (maxMemoryBytes >> 20) + " MiB reached");
        }
        return Optional.empty();
    }
}
