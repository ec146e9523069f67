package io.vmlock.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one path of the walk stands: its call frames, the locks it holds (in acquisition
 * order), its interrupt state (hard interrupts off or on, with the states saved; the depth of
 * softirq masking, as local_bh_disable nests), its allocation scopes, open journal handles (which
 * nest) and its thread's per-thread variables ({@code current->journal_info}: no
 * other thread writes them, so the walk tracks them as it tracks a frame's locals). Immutable:
 * every step makes a new state.
 */
record WalkState(List<WalkFrame> frames, List<Held> held, boolean irqsOff, List<Boolean> savedIrqs, int bhDisabled,
                 int nofs, int noio, int noreclaim, int pagefault, Map<String, Integer> handles,
                 List<SlotValue> current) {

    WalkState {
        frames = List.copyOf(frames);
        held = List.copyOf(held);
        savedIrqs = List.copyOf(savedIrqs);
        handles = Map.copyOf(handles);
        current = List.copyOf(current);
    }

    static WalkState start(WalkFrame frame, List<Held> held, boolean irqsOff, int bhDisabled, List<SlotValue> current) {
        return new WalkState(List.of(frame), held, irqsOff, List.of(), bhDisabled, 0, 0, 0, 0, Map.of(), current);
    }

    WalkState withCurrent(List<SlotValue> c) {
        return new WalkState(frames, held, irqsOff, savedIrqs, bhDisabled, nofs, noio, noreclaim, pagefault, handles, c);
    }

    WalkFrame top() {
        return frames.get(frames.size() - 1);
    }

    WalkState withTop(WalkFrame f) {
        List<WalkFrame> copy = new ArrayList<>(frames);
        copy.set(copy.size() - 1, f);
        return new WalkState(copy, held, irqsOff, savedIrqs, bhDisabled, nofs, noio, noreclaim, pagefault, handles, current);
    }

    WalkState at(int pc) {
        return withTop(top().at(pc));
    }

    WalkState push(WalkFrame caller, WalkFrame callee) {
        List<WalkFrame> copy = new ArrayList<>(frames);
        copy.set(copy.size() - 1, caller);
        copy.add(callee);
        return new WalkState(copy, held, irqsOff, savedIrqs, bhDisabled, nofs, noio, noreclaim, pagefault, handles, current);
    }

    WalkState pop() {
        return new WalkState(frames.subList(0, frames.size() - 1), held, irqsOff, savedIrqs, bhDisabled, nofs, noio, noreclaim, pagefault,
                handles, current);
    }

    WalkState withHeld(List<Held> h) {
        return new WalkState(frames, h, irqsOff, savedIrqs, bhDisabled, nofs, noio, noreclaim, pagefault, handles, current);
    }

    WalkState withIrqs(boolean off, List<Boolean> saved) {
        return new WalkState(frames, held, off, saved, bhDisabled, nofs, noio, noreclaim, pagefault, handles, current);
    }

    /** local_bh_disable / spin_lock_bh nest: softirqs come back on when the depth returns to 0. */
    WalkState withBhDisabled(int depth) {
        return new WalkState(frames, held, irqsOff, savedIrqs, Math.max(0, depth), nofs, noio, noreclaim, pagefault, handles,
                current);
    }

    WalkState withScopes(int nofs, int noio, int noreclaim, int pagefault) {
        return new WalkState(frames, held, irqsOff, savedIrqs, bhDisabled, nofs, noio, noreclaim, pagefault, handles, current);
    }

    WalkState withHandles(Map<String, Integer> h) {
        return new WalkState(frames, held, irqsOff, savedIrqs, bhDisabled, nofs, noio, noreclaim, pagefault, new TreeMap<>(h), current);
    }
}
