package io.vmlock.explore;

import io.vmlock.budget.Budget;
import io.vmlock.budget.BudgetExhausted;
import io.vmlock.budget.Phase;
import io.vmlock.ir.Invariant;
import java.util.List;
import java.util.Optional;

/**
 * The reference search: every state decoded to objects, successors from the reference semantics,
 * encoded as bytes for the visited set. Breadth-first (every counterexample found is a shortest
 * one) or depth-first. Problems are kept per key, the first met winning, so breadth-first keeps
 * the shortest trace of each. Transitions are stored only when the state graph can have cycles
 * (loops, interrupts), for the livelock check after a complete search.
 */
final class Search extends Exploration {
    final StateCodec codec;
    final StateStore store = new StateStore(this::reserve);
    private final boolean depthFirst;
    private final Limits limits;

    Search(Semantics semantics, boolean depthFirst, Limits limits, Budget budget, Phase phase) {
        super(semantics, budget, phase);
        this.codec = new StateCodec(program, semantics.layout);
        this.depthFirst = depthFirst;
        this.limits = limits;
        this.transitions = Transitions.needed(program) ? new Transitions(this::reserve) : null;
    }

    /** Searches until done or a limit; a growth the budget refuses stops it like any limit. */
    void run() {
        try {
            search();
        } catch (BudgetExhausted e) {
            stoppedBy = java.util.Optional.of(e.reason());
        }
    }

    private void search() {
        IntList frontier = new IntList(this::reserve);
        int head = 0;
        State init = semantics.initial(this::record);
        int root = store.add(codec.encode(init), -1, 0);
        if (admit(init, root)) frontier.add(root);
        long expanded = 0;
        while (depthFirst ? frontier.size() > 0 : head < frontier.size()) {
            boolean full = store.size() >= limits.maxStates();
            if ((full || (++expanded & 255) == 0) && limitHit(limits)) return;
            int id = depthFirst ? frontier.removeLast() : frontier.get(head++);
            expand(id, frontier);
        }
        limitHit(limits); // for the peak memory figure
        stoppedBy = Optional.empty();
    }

    private void expand(int id, IntList frontier) {
        State s = codec.decode(store.get(id));
        List<Move> moves = semantics.successors.of(s);
        transitionCount += moves.size();
        if (transitions != null) transitions.startState(id);
        if (moves.isEmpty()) stuck(s, id);
        else if (moves.stream().allMatch(m -> m.kind() == Move.Kind.INTERRUPT)) quiescent(s, id);
        int depth = store.depth(id) + 1;
        for (Move m : moves) {
            int child = store.add(codec.encode(m.result()), id, depth);
            boolean added = store.added();
            if (transitions != null) transitions.add(child);
            m.problem().ifPresent(p -> record(p, child));
            if (!added) continue;
            maxDepth = Math.max(maxDepth, depth);
            if (admit(m.result(), child)) frontier.add(child);
        }
    }

    /** A new state is explored unless it breaks an invariant. */
    private boolean admit(State s, int id) {
        for (Invariant inv : program.invariants()) {
            boolean holds;
            try {
                holds = inv.condition().eval(new FrameValues(new int[0], s.globals)) != 0;
            } catch (io.vmlock.ir.IrExpr.EvaluationException e) {
                holds = false;
            }
            if (!holds) {
                record(semantics.successors.problems().invariant(inv, s), id);
                return false;
            }
        }
        return true;
    }

    int stateCount() {
        return store.size();
    }

    long stateBytes() {
        return store.bytesStored();
    }

    int parent(int id) {
        return store.parent(id);
    }

    State state(int id) {
        return codec.decode(store.get(id));
    }

    boolean reaches(State result, int id) {
        return java.util.Arrays.equals(codec.encode(result), store.get(id));
    }
}
