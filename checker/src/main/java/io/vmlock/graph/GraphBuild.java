package io.vmlock.graph;

import java.util.Objects;

/**
 * A built lock-order graph and how the walk that built it went: {@code states} walked,
 * {@code cutPaths} cut by the call-depth or held-lock bound, and whether a state bound stopped
 * some walk ({@code complete} false): then edges may be missing, and no cycle-free verdict holds.
 */
public record GraphBuild(LockOrderGraph graph, long states, int cutPaths, boolean complete, long millis) {
    public GraphBuild {
        Objects.requireNonNull(graph);
    }
}
