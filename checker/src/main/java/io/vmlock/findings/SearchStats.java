package io.vmlock.findings;

/** What a search did: the figures {@code --stats} prints. */
public record SearchStats(long states, long transitions, int maxDepth, long millis, long peakMemoryBytes,
                          long stateBytes) {
}
