package io.vmlock.lockorder;

import io.vmlock.findings.Finding;
import io.vmlock.findings.WaitLink;
import io.vmlock.solve.Feasibility;
import io.vmlock.verdict.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches a feasible lock-order cycle to a search finding that closes it: a deadlock whose
 * wait-for cycle involves exactly the cycle's real lock classes, or, for a cycle through one
 * lock and a context (reclaim, fault, interrupt), the recursive-lock finding on that lock.
 */
public final class CycleMatcher {
    private CycleMatcher() {
    }

    public static Optional<Finding> match(Feasibility cycle, List<Finding> findings) {
        Set<String> classes = CycleParticipants.of(cycle).lockClasses();
        for (Finding f : findings) {
            if (f.verdict() == Verdict.DEADLOCK && !f.cycle().isEmpty()
                    && classesOf(f.cycle()).filter(classes::equals).isPresent()) {
                return Optional.of(f);
            }
        }
        if (classes.size() != 1) return Optional.empty();
        String lock = classes.iterator().next();
        return findings.stream().filter(f -> f.verdict() == Verdict.RECURSIVE_LOCK)
                .filter(f -> Arrays.asList(f.headline().split("[^A-Za-z0-9_]+")).contains(lock)).findFirst();
    }

    /**
     * The lock classes a wait-for cycle goes through ({@code page_lock} for {@code page_lock[P0]},
     * {@code j} for {@code the j commit}); empty when it goes through an event, which no lock-order
     * cycle has.
     */
    public static Optional<Set<String>> classesOf(List<WaitLink> links) {
        Set<String> classes = new TreeSet<>();
        for (WaitLink l : links) {
            for (WaitLink.End end : List.of(l.holds(), l.waitsFor())) {
                // a writer queued ahead is in the cycle through the lock it queues on
                if (end instanceof WaitLink.Lock lock) classes.add(lock.lockClass());
                else if (end instanceof WaitLink.QueuePlace place) classes.add(place.lockClass());
                else return Optional.empty();
            }
        }
        return Optional.of(classes);
    }
}
