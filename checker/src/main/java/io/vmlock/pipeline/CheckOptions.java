package io.vmlock.pipeline;

import io.vmlock.budget.Budget;
import io.vmlock.budget.StopSignal;
import io.vmlock.explore.Explorer;
import java.util.Objects;

/**
 * How to check a lowered scenario: the search's options, whether to stop after the lock-order
 * graph pass ({@code check --graph-only}), and whether the report shows the lock-order graph.
 */
public record CheckOptions(Explorer.Options search, boolean graphOnly, boolean graphSummary) {
    public CheckOptions {
        Objects.requireNonNull(search);
    }

    /** The graph pass, then the search with the default limits; no graph summary. */
    public static CheckOptions defaults() {
        return of(Explorer.Options.defaults());
    }

    public static CheckOptions of(Explorer.Options search) {
        return new CheckOptions(search, false, false);
    }

    /** The budget of one file, starting now (before it is parsed): every phase of its check shares it. */
    public Budget startBudget(StopSignal stop) {
        return search.limits().startBudget(stop);
    }

    public CheckOptions withGraphOnly(boolean only) {
        return new CheckOptions(search, only, graphSummary);
    }

    public CheckOptions withGraphSummary(boolean shown) {
        return new CheckOptions(search, graphOnly, shown);
    }
}
