package io.vmlock.graph;

import java.util.Collection;

/** What a walk reports: dependencies, threads entering a context, exclusive acquisitions. */
interface WalkSink {
    void dependency(Dependency d);

    /** {@code actors} may run the context of {@code pseudoLock} (a reclaim class, a mapping's fault). */
    void enter(LockClass pseudoLock, Collection<String> actors);

    /** A blocking exclusive acquisition of {@code c}: a fair writer its readers can queue behind. */
    void writer(LockClass c);
}
