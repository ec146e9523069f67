package io.vmlock.graph;

import java.util.List;
import java.util.Objects;

/**
 * Where a walk starts: a thread body, an interrupt handler, a fault handler or a reclaim path,
 * with the threads that can run it and the context it runs in. A context root starts holding its
 * pseudo-lock, so every lock it takes is ordered after the context.
 */
record WalkRoot(String context, List<String> actors, WalkFrame entry, List<Held> held, boolean irqsOff,
                boolean inReclaim, boolean inFault, boolean inIrq) {
    WalkRoot {
        Objects.requireNonNull(context);
        actors = actors.stream().sorted().distinct().toList();
        Objects.requireNonNull(entry);
        held = List.copyOf(held);
    }

    WalkState start() {
        return WalkState.start(entry, held, irqsOff);
    }
}
