package io.vmlock.explore;

import io.vmlock.budget.Budget;

/** Passes a search's figures on to its {@link Progress} at most once a second. */
final class ProgressClock {
    private static final long PERIOD_NANOS = 1_000_000_000L;

    private final Progress progress;
    private final long start = System.nanoTime();
    private long next = start + PERIOD_NANOS;

    ProgressClock(Progress progress) {
        this.progress = progress;
    }

    /** Called often (every few hundred states): reports only when a second has passed since the last report. */
    void tick(long states, int depth, long queue) {
        if (progress == Progress.NONE) return;
        long now = System.nanoTime();
        if (now < next) return;
        next = now + PERIOD_NANOS;
        progress.update(new Progress.Snapshot(states, now - start, depth, queue, Budget.usedHeap()));
    }
}
