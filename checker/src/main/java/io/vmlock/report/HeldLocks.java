package io.vmlock.report;

import io.vmlock.findings.Finding;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each step of a trace did to its thread's locks, read from the held lists before and
 * after it: the trace model says what is held, and diagrams and fingerprints need what changed.
 */
final class HeldLocks {
    /** One step with the locks its thread held before it, took in it and released in it. */
    record Change(TraceStep step, List<String> before, List<String> taken, List<String> released) {
    }

    private HeldLocks() {
    }

    static List<Change> changes(List<TraceStep> trace) {
        Map<String, List<String>> held = new HashMap<>();
        List<Change> out = new ArrayList<>();
        for (TraceStep s : trace) {
            List<String> before = held.getOrDefault(s.thread(), List.of());
            List<String> after = s.heldAfter();
            out.add(new Change(s, before, minus(after, before), minus(before, after)));
            held.put(s.thread(), after);
        }
        return out;
    }

    private static List<String> minus(List<String> a, List<String> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    /** {@code mmap_lock (read)} is the lock {@code mmap_lock}, held shared. */
    static String lockName(String held) {
        int mode = held.lastIndexOf(" (");
        return mode > 0 && held.endsWith(")") ? held.substring(0, mode) : held;
    }

    /** The last step where {@code thread} took {@code lock} (by name, in any mode). */
    static Optional<TraceStep> takenAt(List<TraceStep> trace, String thread, String lock) {
        TraceStep found = null;
        for (Change c : changes(trace)) {
            if (c.step().thread().equals(thread) && c.taken().stream().anyMatch(h -> lockName(h).equals(lock))) {
                found = c.step();
            }
        }
        return Optional.ofNullable(found);
    }

    /** A step that took a lock the finding is about, and the lock. */
    record Site(TraceStep step, String lock) {
    }

    /**
     * Where the finding's locks were taken: for a deadlock, each lock of the cycle by its holder;
     * otherwise the locks held by the thread whose last step is the finding's location.
     */
    static List<Site> acquisitionSites(Finding f) {
        List<Site> sites = new ArrayList<>();
        for (WaitLink l : f.cycle()) {
            takenAt(f.trace(), l.thread(), l.holds()).ifPresent(s -> sites.add(new Site(s, l.holds())));
        }
        if (!f.cycle().isEmpty() || f.trace().isEmpty()) return sites;
        TraceStep last = f.trace().get(f.trace().size() - 1);
        if (!last.span().equals(f.location())) return sites;
        for (String held : last.heldAfter()) {
            String lock = lockName(held);
            takenAt(f.trace(), last.thread(), lock).filter(s -> s != last).ifPresent(s -> sites.add(new Site(s, lock)));
        }
        return sites;
    }

    /** {@code lock_page(P0) [fault]} -> {@code lock_page [fault]}: a frame by its procedure. */
    static String procedure(String frame) {
        return frame.replaceAll("\\([^)]*\\)", "");
    }
}
