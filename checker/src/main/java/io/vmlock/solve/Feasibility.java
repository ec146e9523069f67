package io.vmlock.solve;

import io.vmlock.graph.Dependency;
import io.vmlock.graph.LockCycle;
import java.util.List;
import java.util.Objects;

/**
 * Whether a lock-order cycle can really be closed: its edges taken by distinct threads at the
 * same time. Feasible: {@code steps} is one way to do it, one step per thread-held edge.
 * Dismissed: {@code reason} says why no way exists ("both paths hold sb_lock").
 */
public record Feasibility(LockCycle cycle, boolean feasible, String reason, List<Step> steps) {
    /** One edge of the closing: {@code thread} holds the edge's source and waits for its target. */
    public record Step(String thread, Dependency dependency) {
        public Step {
            Objects.requireNonNull(thread);
            Objects.requireNonNull(dependency);
        }
    }

    public Feasibility {
        Objects.requireNonNull(cycle);
        Objects.requireNonNull(reason);
        steps = List.copyOf(steps);
    }

    static Feasibility dismissed(LockCycle cycle, String reason) {
        return new Feasibility(cycle, false, reason, List.of());
    }

    /** The distinct threads of the closing, in cycle order. */
    public List<String> threads() {
        return steps.stream().map(Step::thread).distinct().toList();
    }
}
