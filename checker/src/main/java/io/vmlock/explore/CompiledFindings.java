package io.vmlock.explore;

import io.vmlock.explore.system.OwnerWords;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns what the compiled search meets (a step that raises a finding, a thread ending with a
 * lock held, a stuck state, a broken invariant) into the reference semantics' problems, so the
 * findings and their wording are exactly the reference search's. Asking the reference costs a
 * decoded state and one successor computation, so a step whose finding is already known is
 * recognised by its action (and, where the finding's key depends on it, by what the thread holds).
 */
final class CompiledFindings {
    private final Exploration search;
    private final CompiledModel model;
    private final Bridge bridge;
    private final Map<String, ProblemKey> keys = new HashMap<>();
    private final int[] ownerFields;
    private final int[][] counterFields;

    CompiledFindings(Exploration search, CompiledModel model, Bridge bridge) {
        this.search = search;
        this.model = model;
        this.bridge = bridge;
        Layout layout = search.semantics.layout;
        int threads = model.threads;
        this.counterFields = new int[threads][];
        java.util.List<Integer> owners = new java.util.ArrayList<>();
        for (int i = 0; i < layout.instances(); i++) {
            if (layout.kind(i).isLock()) owners.add(model.system.objectField(layout.owner(i)));
        }
        this.ownerFields = owners.stream().mapToInt(Integer::intValue).toArray();
        for (int t = 0; t < threads; t++) {
            java.util.List<Integer> counters = new java.util.ArrayList<>();
            for (int i = 0; i < layout.instances(); i++) {
                if (layout.kind(i).modes().hasShared()) counters.add(model.system.objectField(layout.sharedDepth(i, t)));
            }
            counterFields[t] = counters.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * After a move: the finding it raises, if any. {@code parent} and {@code child} are decoded,
     * the child as the move made it (not renamed by symmetry).
     */
    void move(Action a, int[] parent, int[] child, int childId) {
        String memo;
        switch (a.kind()) {
            case ERROR -> memo = Integer.toString(a.id);
            case ATOMIC_ERROR -> memo = a.id + ":" + holdings(a.thread, parent);
            case EXIT -> {
                if (model.holdsAny[a.thread].eval(child) == 0) return;
                memo = a.id + ":" + holdings(a.thread, child);
            }
            default -> {
                return;
            }
        }
        ProblemKey key = keys.get(memo);
        if (key != null && search.found.containsKey(key)) return;
        Problem p = derive(a, parent, child);
        keys.put(memo, p.key());
        search.record(p, childId);
    }

    private String holdings(int thread, int[] v) {
        StringBuilder s = new StringBuilder();
        for (int f : ownerFields) s.append(OwnerWords.names(v[f], thread, model.threads) ? '1' : '0');
        for (int f : counterFields[thread]) s.append(v[f] > 0 ? '1' : '0');
        int irq = model.system.flag(thread, io.vmlock.explore.system.Flag.IRQ);
        if (irq >= 0) s.append(v[irq]);
        return s.toString();
    }

    private Problem derive(Action a, int[] parent, int[] child) {
        State s = bridge.toState(parent);
        for (Move m : search.semantics.successors.of(s)) {
            if (m.thread() != a.thread || m.problem().isEmpty()) continue;
            if (Arrays.equals(bridge.toValues(m.result()), child)) return m.problem().get();
        }
        throw new IllegalStateException("the compiled step " + a.command + " raises no finding in the reference semantics");
    }

    /** A state where no thread can move. */
    void stuck(int[] v, int id) {
        search.stuck(bridge.toState(v), id);
    }

    /** Every move left is an interrupt arriving. */
    void quiescent(int[] v, int id) {
        search.quiescent(bridge.toState(v), id);
    }

    /** A new state breaking invariant {@code index}: reported, and not explored further. */
    void invariant(int index, int[] v, int id) {
        State s = bridge.toState(v);
        search.record(search.semantics.successors.problems().invariant(search.program.invariants().get(index), s), id);
    }

}
