package io.vmlock.lockorder;

import io.vmlock.findings.BlockedAt;
import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
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
 * lock and a context (reclaim, fault, interrupt), the recursive-lock finding on that lock, or for a
 * bit lock the hang of a thread waiting on a bit it set itself.
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
        Optional<Finding> recursive = findings.stream().filter(f -> f.verdict() == Verdict.RECURSIVE_LOCK)
                .filter(f -> words(f.headline()).contains(lock)).findFirst();
        return recursive.isPresent() ? recursive
                : findings.stream().filter(f -> f.verdict() == Verdict.HANG && waitsOnItsOwn(f, lock)).findFirst();
    }

    /**
     * A bit lock has no owner, so taking it again is no recursion: the thread sleeps until it
     * clears the bit itself, a hang, blocked on an instance of {@code lock} it holds.
     */
    private static boolean waitsOnItsOwn(Finding hang, String lock) {
        for (BlockedAt b : hang.blocked()) {
            List<String> operation = words(b.operation());
            for (HeldLock h : b.held()) {
                if (h.lock().replaceAll("\\[.*]$", "").equals(lock) && operation.containsAll(words(h.lock()))) return true;
            }
        }
        return false;
    }

    private static List<String> words(String text) {
        return Arrays.asList(text.split("[^A-Za-z0-9_]+"));
    }

    /**
     * The lock classes a wait-for cycle goes through ({@code page_lock} for {@code page_lock[P0]},
     * {@code j} for {@code the j commit}, the bit lock's class for its clearing); empty when it
     * goes through another event, which no lock-order cycle has.
     */
    public static Optional<Set<String>> classesOf(List<WaitLink> links) {
        Set<String> classes = new TreeSet<>();
        for (WaitLink l : links) {
            for (WaitLink.End end : List.of(l.holds(), l.waitsFor())) {
                // a writer queued ahead is in the cycle through the lock it queues on
                if (end instanceof WaitLink.Lock lock) classes.add(lock.lockClass());
                else if (end instanceof WaitLink.QueuePlace place) classes.add(place.lockClass());
                else if (end instanceof WaitLink.Event e && e.bitLockClass().isPresent()) classes.add(e.bitLockClass().get());
                else return Optional.empty();
            }
        }
        return Optional.of(classes);
    }
}
