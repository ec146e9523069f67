package io.vmlock.ir;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A procedure, thread body or interrupt handler body as a control-flow graph. Frame slots
 * {@code 0 .. params-1} are the parameters in declaration order, then the locals.
 */
public record Procedure(int id, String name, Kind kind, List<LocalSlot> slots, int paramCount, List<Op> nodes,
                        int entry, SourceSpan span) {

    public enum Kind { PROC, THREAD, INTERRUPT }

    public Procedure {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        slots = List.copyOf(slots);
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(span);
        if (entry < 0 || entry >= nodes.size()) throw new IllegalArgumentException("entry outside " + name);
        java.util.Set<Integer> returnPoints = new java.util.HashSet<>();
        for (Op op : nodes) {
            if (op instanceof Op.Call c && c.result().isPresent() && !returnPoints.add(c.next())) {
                throw new IllegalArgumentException("two calls with results resume at one pc in " + name);
            }
        }
    }

    /**
     * The slot a callee's value lands in when this frame resumes at {@code pc} after a call:
     * each call whose result is used resumes at a pc of its own, so the pc names the call.
     */
    public Optional<VarRef.LocalVar> resultAt(int pc) {
        for (Op op : nodes) {
            if (op instanceof Op.Call c && c.next() == pc && c.result().isPresent()) return c.result();
        }
        return Optional.empty();
    }

    public Op node(int pc) {
        return nodes.get(pc);
    }

    public List<LocalSlot> params() {
        return slots.subList(0, paramCount);
    }

    /** Frame slots needed, counting every element of local arrays. */
    public int frameSize() {
        return slots.isEmpty() ? 0 : slots.get(slots.size() - 1).index() + slots.get(slots.size() - 1).size();
    }
}
