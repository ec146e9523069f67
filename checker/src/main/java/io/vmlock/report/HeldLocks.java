package io.vmlock.report;

import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.TraceStep;
import io.vmlock.findings.WaitLink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What each step of a trace did to its thread's locks, read from the held lists before and
 * after it: the trace model says what is held, and diagrams and fingerprints need what changed.
 */
final class HeldLocks {
    /** One step with the locks its thread held before it, took in it and released in it. */
    record Change(TraceStep step, List<HeldLock> before, List<HeldLock> taken, List<HeldLock> released) {
    }

    private HeldLocks() {
    }

    static List<Change> changes(List<TraceStep> trace) {
        Map<String, List<HeldLock>> held = new HashMap<>();
        List<Change> out = new ArrayList<>();
        for (TraceStep s : trace) {
            List<HeldLock> before = held.getOrDefault(s.thread(), List.of());
            List<HeldLock> after = s.heldAfter();
            out.add(new Change(s, before, minus(after, before), minus(before, after)));
            held.put(s.thread(), after);
        }
        return out;
    }

    private static List<HeldLock> minus(List<HeldLock> a, List<HeldLock> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    /** {@code page_lock[P0], mmap_lock (read)}, or {@code nothing}: the "holds" of a step. */
    static String describe(List<HeldLock> held) {
        return held.isEmpty() ? "nothing" : held.stream().map(HeldLock::text).collect(Collectors.joining(", "));
    }

    /** The last step where {@code thread} took {@code lock} (by name, in any mode). */
    static Optional<TraceStep> takenAt(List<TraceStep> trace, String thread, String lock) {
        TraceStep found = null;
        for (Change c : changes(trace)) {
            if (c.step().thread().equals(thread) && c.taken().stream().anyMatch(h -> h.lock().equals(lock))) {
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
            String lock = l.holds().name();
            takenAt(f.trace(), l.thread(), lock).ifPresent(s -> sites.add(new Site(s, lock)));
        }
        if (!f.cycle().isEmpty() || f.trace().isEmpty()) return sites;
        TraceStep last = f.trace().get(f.trace().size() - 1);
        if (!last.span().equals(f.location())) return sites;
        for (HeldLock held : last.heldAfter()) {
            String lock = held.lock();
            takenAt(f.trace(), last.thread(), lock).filter(s -> s != last).ifPresent(s -> sites.add(new Site(s, lock)));
        }
        return sites;
    }

    /** {@code lock_page(P0) [fault]} -> {@code lock_page [fault]}: a frame by its procedure. */
    static String procedure(String frame) {
        return frame.replaceAll("\\([^)]*\\)", "");
    }
}
