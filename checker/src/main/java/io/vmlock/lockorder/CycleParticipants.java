package io.vmlock.lockorder;

import io.vmlock.graph.LockClass;
import io.vmlock.solve.Feasibility;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who takes part in a feasible lock-order cycle: its threads in cycle order, and its real lock
 * classes (contexts such as reclaim or a fault left out), by lock name: a subclass vertex
 * ({@code i_rwsem/3}) is the lock a search's deadlock names and a thread acquires ({@code i_rwsem}).
 * A search of just these can confirm it.
 */
public record CycleParticipants(List<String> threads, SortedSet<String> lockClasses) {
    public CycleParticipants {
        threads = List.copyOf(threads);
        lockClasses = Collections.unmodifiableSortedSet(new TreeSet<>(lockClasses));
    }

    public static CycleParticipants of(Feasibility f) {
        return new CycleParticipants(CycleSegments.of(f).threads(), f.cycle().classes().stream()
                .filter(c -> !c.isPseudo()).map(LockClass::lockName).collect(Collectors.toCollection(TreeSet::new)));
    }
}
