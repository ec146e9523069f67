package io.vmlock.solve;

import io.vmlock.graph.Dependency;
import io.vmlock.graph.Instance;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Says in a developer's words why a stage of the feasibility model has no solution. */
final class DismissalReasons {
    private final CyclePositions p;

    DismissalReasons(CyclePositions p) {
        this.p = p;
    }

    String explain(Stage stage) {
        return switch (stage) {
            case STRONG -> strong();
            case THREADS -> threads();
            case INSTANCES -> instances();
            case GATES -> gates();
        };
    }

    private String strong() {
        return "read/read: each way round, a lock taken for read with no writer of its class to queue behind "
                + "is then held for read, so no thread waits for it (lockdep's recursive-read rule)";
    }

    private String threads() {
        Set<String> actors = new TreeSet<>(p.actors);
        return "the cycle needs " + p.segments + " threads at once, but its paths run only in "
                + String.join(", ", actors) + ": one thread cannot be two edges at once";
    }

    /** lockdep keys a cycle by class, so it reports what only distinct instances of one class close. */
    private static final String LOCKDEP_WOULD_REPORT = "lockdep would report this; instances differ: ";

    private String instances() {
        for (int j = 0; j < p.size(); j++) {
            Set<Instance> wanted = new LinkedHashSet<>();
            p.witnesses.get(j).forEach(d -> wanted.add(d.acquired().instance()));
            List<Dependency> holders = p.witnesses.get(p.next(j));
            boolean unknown = wanted.stream().anyMatch(i -> i instanceof Instance.Unknown)
                    || holders.stream().anyMatch(d -> d.held().instance() instanceof Instance.Unknown);
            if (!unknown && holders.stream().noneMatch(d -> wanted.contains(d.held().instance()))) {
                Dependency waiter = p.witnesses.get(j).get(0);
                Dependency holder = holders.get(0);
                return LOCKDEP_WOULD_REPORT + waiter.acquired().label() + " is waited for at "
                        + waiter.acquired().site() + " but " + holder.held().label()
                        + " is the one held, taken at " + holder.held().site();
            }
        }
        return LOCKDEP_WOULD_REPORT + "no choice of paths makes each thread wait for the very instance the next one holds";
    }

    private String gates() {
        for (int j = 0; j < p.size(); j++) {
            for (int k = j + 1; k < p.size(); k++) {
                if (p.segmentOf[j] == p.segmentOf[k]) continue;
                Set<String> common = alwaysCommon(p.witnesses.get(j), p.witnesses.get(k));
                if (!common.isEmpty()) {
                    Dependency a = p.witnesses.get(j).get(0);
                    Dependency b = p.witnesses.get(k).get(0);
                    return "both paths hold " + String.join(", ", common) + ": " + a.from() + " -> " + a.to()
                            + " at " + a.acquired().site().span().position() + " and " + b.from() + " -> " + b.to()
                            + " at " + b.acquired().site().span().position() + " cannot be waiting at once";
                }
            }
        }
        return "every choice of paths has two threads holding the same lock at once (a gate lock)";
    }

    /** Gate locks common to every pair of witnesses of two positions, or none if some pair has none. */
    private static Set<String> alwaysCommon(List<Dependency> here, List<Dependency> there) {
        Set<String> common = null;
        for (Dependency a : here) {
            for (Dependency b : there) {
                Set<String> labels = new TreeSet<>();
                CyclePositions.gates(a, b).forEach(h -> labels.add(h.label()));
                if (common == null) common = labels;
                else common.retainAll(labels);
            }
        }
        return common == null ? Set.of() : common;
    }
}
