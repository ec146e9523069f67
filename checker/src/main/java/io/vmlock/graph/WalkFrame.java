package io.vmlock.graph;

import io.vmlock.ast.SourceSpan;
import io.vmlock.ir.Procedure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One frame of a walked path: the procedure, where it is, its slots and where it was called from. */
record WalkFrame(Procedure procedure, int pc, List<SlotValue> slots, Optional<SourceSpan> callSite) {
    WalkFrame {
        Objects.requireNonNull(procedure);
        slots = List.copyOf(slots);
        Objects.requireNonNull(callSite);
    }

    static WalkFrame enter(Procedure p, List<SlotValue> params, Optional<SourceSpan> callSite) {
        List<SlotValue> slots = new ArrayList<>(params);
        while (slots.size() < p.frameSize()) slots.add(new SlotValue.Known(0));
        return new WalkFrame(p, p.entry(), slots, callSite);
    }

    WalkFrame at(int next) {
        return new WalkFrame(procedure, next, slots, callSite);
    }

    WalkFrame with(int slot, SlotValue v, int next) {
        List<SlotValue> copy = new ArrayList<>(slots);
        copy.set(slot, v);
        return new WalkFrame(procedure, next, copy, callSite);
    }
}
