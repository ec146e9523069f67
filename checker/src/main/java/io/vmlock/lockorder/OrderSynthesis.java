package io.vmlock.lockorder;

import io.vmlock.graph.DeclaredOrder;
import io.vmlock.graph.LockCycle;
import io.vmlock.graph.LockEdge;
import io.vmlock.graph.LockOrderGraph;
import io.vmlock.graph.NestingPoint;
import io.vmlock.graph.OrderViolation;
import io.vmlock.solve.CycleHittingSet;
import io.vmlock.solve.Feasibility;
import io.vmlock.solve.FixSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code vmlock order} computes, agreeing with {@code check}: the cycles that can close
 * (not dismissed by the graph pass, not refuted by the search), the least change of the
 * scenario's code that breaks them all without touching a declared order, and the nestings
 * that remain, for the listing.
 */
public final class OrderSynthesis {
    public static final long DEFAULT_MILLIS = 10_000;

    /** A cycle that cannot close, and why (the graph pass's reason, or the search's). */
    public record Dismissal(LockCycle cycle, String reason) {
        public Dismissal {
            Objects.requireNonNull(cycle);
            Objects.requireNonNull(reason);
        }
    }

    /**
     * {@code fix} is present when cycles can close and some change the declared orders allow
     * breaks them all; {@code unbreakable} lists the cycles made only of declared steps.
     */
    public record Result(LockOrderGraph graph, List<LockCycle> closing, List<Dismissal> dismissed,
                         Optional<FixSet> fix, List<LockCycle> unbreakable, List<OrderViolation> violations) {
        public Result {
            closing = List.copyOf(closing);
            dismissed = List.copyOf(dismissed);
            unbreakable = List.copyOf(unbreakable);
            violations = List.copyOf(violations);
        }

        public boolean cyclic() {
            return !closing.isEmpty();
        }

        /** Acquisitions against the scenario's declared orders, or cycles that can close. */
        public boolean hasFindings() {
            return cyclic() || !violations.isEmpty();
        }
    }

    private OrderSynthesis() {
    }

    /** {@code refuted}: feasible cycles the search found no interleaving to close, with why. */
    public static Result run(LockOrderReport pass, Map<LockCycle, String> refuted, DeclaredOrder declared,
                             String scenarioFile, long millis) {
        List<LockCycle> closing = new ArrayList<>();
        List<Dismissal> dismissed = new ArrayList<>();
        for (Feasibility f : pass.verdicts()) {
            if (!f.feasible()) dismissed.add(new Dismissal(f.cycle(), f.reason()));
            else if (refuted.containsKey(f.cycle())) dismissed.add(new Dismissal(f.cycle(), refuted.get(f.cycle())));
            else closing.add(f.cycle());
        }
        Set<LockEdge> fixed = new HashSet<>();
        for (LockCycle c : closing) {
            c.edges().stream().filter(e -> declared.orders(e.source(), e.target())).forEach(fixed::add);
        }
        List<LockCycle> unbreakable = closing.stream().filter(c -> fixed.containsAll(c.edges())).toList();
        List<LockCycle> breakable = closing.stream().filter(c -> !unbreakable.contains(c)).toList();
        Optional<FixSet> fix = breakable.isEmpty() ? Optional.empty()
                : new CycleHittingSet(millis).solve(breakable, fixed, costs(breakable, scenarioFile));
        return new Result(pass.build().graph(), closing, dismissed, fix, unbreakable, pass.violations());
    }

    /**
     * A path the scenario makes costs 1, one the model library makes costs more than all the
     * scenario's together: the fix changes the library only when the scenario's code cannot do it.
     */
    private static java.util.function.ToLongFunction<LockEdge> costs(List<LockCycle> cycles, String scenarioFile) {
        long library = cycles.stream().flatMap(c -> c.edges().stream()).distinct()
                .mapToLong(e -> e.blocking().size()).sum() + 1;
        return e -> e.blocking().stream().mapToLong(d -> NestingPoint.of(d).in(scenarioFile) ? 1 : library).sum();
    }
}
