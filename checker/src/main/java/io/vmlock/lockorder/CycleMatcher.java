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
            if (f.verdict() == Verdict.DEADLOCK && !f.cycle().isEmpty() && classes.equals(classesOf(f.cycle()))) {
                return Optional.of(f);
            }
        }
        if (classes.size() != 1) return Optional.empty();
        String lock = classes.iterator().next();
        return findings.stream().filter(f -> f.verdict() == Verdict.RECURSIVE_LOCK)
                .filter(f -> Arrays.asList(f.headline().split("[^A-Za-z0-9_]+")).contains(lock)).findFirst();
    }

    /** The lock classes a wait-for cycle names ({@code page_lock[P0]}, {@code the j commit}, {@code a handle on j}). */
    static Set<String> classesOf(List<WaitLink> links) {
        Set<String> names = new TreeSet<>();
        for (WaitLink l : links) {
            names.add(className(l.holds()));
            names.add(className(l.waitsFor()));
        }
        return names;
    }

    private static String className(String instance) {
        String s = instance;
        if (s.startsWith("the ")) s = s.substring(4);
        if (s.startsWith("a handle on ")) s = s.substring("a handle on ".length());
        // a commit barrier waiting for open handles: "every handle on j to stop"
        if (s.startsWith("every handle on ")) s = s.substring("every handle on ".length());
        if (s.endsWith(" to stop")) s = s.substring(0, s.length() - " to stop".length());
        if (s.endsWith(" commit")) s = s.substring(0, s.length() - " commit".length());
        int bracket = s.indexOf('[');
        return bracket >= 0 ? s.substring(0, bracket) : s.trim();
    }
}
