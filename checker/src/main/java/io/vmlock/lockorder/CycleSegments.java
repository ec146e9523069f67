package io.vmlock.lockorder;

import io.vmlock.graph.Dependency;
import io.vmlock.graph.LockClass;
import io.vmlock.solve.Feasibility;
import java.util.ArrayList;
import java.util.List;

/**
 * A feasible cycle read thread by thread: each segment is one thread holding a real lock and
 * waiting for the next, possibly through a context it entered (a fault, reclaim, an interrupt).
 */
record CycleSegments(List<Segment> segments) {
    /** {@code thread} holds {@code first.held()} and, via {@code contexts}, waits for {@code last.acquired()}. */
    record Segment(String thread, Dependency first, Dependency last, List<LockClass> contexts) {
        Segment {
            contexts = List.copyOf(contexts);
        }
    }

    CycleSegments {
        segments = List.copyOf(segments);
    }

    static CycleSegments of(Feasibility f) {
        List<Feasibility.Step> steps = f.steps();
        int start = 0;
        while (start < steps.size() && steps.get(start).dependency().from().isPseudo()) start++;
        List<Segment> segments = new ArrayList<>();
        Feasibility.Step first = null;
        List<LockClass> contexts = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Feasibility.Step s = steps.get((start + i) % steps.size());
            if (first == null) first = s;
            if (s.dependency().to().isPseudo()) {
                contexts.add(s.dependency().to());
                continue;
            }
            segments.add(new Segment(first.thread(), first.dependency(), s.dependency(), contexts));
            first = null;
            contexts = new ArrayList<>();
        }
        return new CycleSegments(segments);
    }

    List<String> threads() {
        return segments.stream().map(Segment::thread).distinct().toList();
    }
}
