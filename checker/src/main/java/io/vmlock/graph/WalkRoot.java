package io.vmlock.graph;

import java.util.List;
import java.util.Objects;

/**
 * Where a walk starts: a thread body, an interrupt handler, a fault handler or a reclaim path,
 * with the threads that can run it and the context it runs in. A context root starts holding its
 * pseudo-lock, so every lock it takes is ordered after the context. {@code current}: the per-thread
 * variables it starts with (a thread body their declared values; a handler, whatever the thread
 * it runs on holds: unknown).
 */
record WalkRoot(String context, List<String> actors, WalkFrame entry, List<Held> held, boolean irqsOff,
                boolean inReclaim, boolean inFault, InterruptContext interrupts, List<SlotValue> current) {
    WalkRoot {
        Objects.requireNonNull(context);
        actors = actors.stream().sorted().distinct().toList();
        Objects.requireNonNull(entry);
        Objects.requireNonNull(interrupts);
        held = List.copyOf(held);
        current = List.copyOf(current);
    }

    WalkState start() {
        return WalkState.start(entry, held, irqsOff, interrupts.bhDisabledOnEntry(), current);
    }
}
