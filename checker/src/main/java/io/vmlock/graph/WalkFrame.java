package io.vmlock.graph;

import io.vmlock.ast.SourceSpan;
import io.vmlock.ir.Procedure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One frame of a walked path: the procedure, where it is, its slots and where it was called from. */
record WalkFrame(Procedure procedure, int pc, List<Val> slots, Optional<SourceSpan> callSite) {
    WalkFrame {
        Objects.requireNonNull(procedure);
        slots = List.copyOf(slots);
        Objects.requireNonNull(callSite);
    }

    static WalkFrame enter(Procedure p, List<Val> params, Optional<SourceSpan> callSite) {
        List<Val> slots = new ArrayList<>(params);
        while (slots.size() < p.frameSize()) slots.add(new Val.Known(0));
        return new WalkFrame(p, p.entry(), slots, callSite);
    }

    WalkFrame at(int next) {
        return new WalkFrame(procedure, next, slots, callSite);
    }

    WalkFrame with(int slot, Val v, int next) {
        List<Val> copy = new ArrayList<>(slots);
        copy.set(slot, v);
        return new WalkFrame(procedure, next, copy, callSite);
    }
}
