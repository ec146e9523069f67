package io.vmlock.graph;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One witness of an edge A -> B: on some path, {@code acquired} (B) was requested while
 * {@code held} (A) was held. Carries what the feasibility check needs: every lock held at
 * that moment (for gate locks) and the concrete threads that can run the path
 * ({@code writer[0]}, {@code writer[1]}, or the threads that may enter a fault, reclaim or
 * interrupt context). Branches on stable globals are decided by the walk, so a dependency on a
 * path no run can take is never recorded.
 */
public record Dependency(Held held, Acquisition acquired, List<Held> heldSet, List<String> actors) {
    public static final Comparator<Dependency> ORDER = Comparator
            .comparing((Dependency d) -> d.acquired().site().span())
            .thenComparing(d -> d.held().site().span())
            .thenComparing(d -> d.acquired().site().callPath())
            .thenComparing(d -> String.join(",", d.actors()));

    public Dependency {
        Objects.requireNonNull(held);
        Objects.requireNonNull(acquired);
        heldSet = List.copyOf(heldSet);
        actors = List.copyOf(actors);
        if (actors.isEmpty()) throw new IllegalArgumentException("a dependency needs a thread that takes it");
    }

    public LockClass from() {
        return held.lock();
    }

    public LockClass to() {
        return acquired.lock();
    }

    /**
     * lockdep's -(xy)->: x = the held lock is shared (S) or exclusive (E); the request is
     * recursive-read (R) when it is shared and no fair writer of that class exists, so it can
     * never be made to wait behind a queued writer; otherwise N.
     */
    public boolean heldShared() {
        return held.access() == Access.SHARED;
    }

    public boolean recursiveRead(java.util.Set<LockClass> classesWithWriters) {
        return acquired.access() == Access.SHARED && !classesWithWriters.contains(acquired.lock());
    }

    /** Whether the held lock is the last one taken: the step the code nests directly, as a listing shows it. */
    public boolean isInnermost() {
        return heldSet.isEmpty() || heldSet.get(heldSet.size() - 1).equals(held);
    }

    /** {@code A[P0] -> B (read) at f:3:5}: one line for lists. */
    public String describe() {
        String mode = acquired.mode().isEmpty() ? "" : " (" + acquired.mode() + ")";
        return held.label() + " -> " + acquired.label() + mode + " at "
                + acquired.site() + ", " + held.label() + " taken at " + held.site().span().position();
    }
}
