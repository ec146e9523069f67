package io.vmlock.graph;

import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import io.vmlock.ir.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks every path of one root, depth first, without interleaving: each distinct walk state is
 * expanded once, so loops end and merging paths are not walked twice. Unknown values are
 * renamed in order of appearance before states are compared, so fresh ids do not defeat that.
 */
final class PathWalker {
    /** lockdep's MAX_LOCK_DEPTH: a path holding more is cut. */
    static final int MAX_HELD = 48;

    private final WalkContext context;
    private final int maxStates;
    private final Budget budget;
    private int states;
    private int cutPaths;

    PathWalker(WalkContext context, int maxStates, Budget budget) {
        this.context = context;
        this.maxStates = maxStates;
        this.budget = budget;
    }

    /**
     * Walks the root; returns false when the state bound stopped it. Throws
     * {@link io.vmlock.budget.BudgetExhausted} when the file's budget runs out.
     */
    boolean walk() {
        Set<List<Object>> seen = new HashSet<>();
        Deque<WalkState> stack = new ArrayDeque<>();
        stack.push(context.root.start());
        while (!stack.isEmpty()) {
            WalkState s = stack.pop();
            if (!seen.add(key(s))) continue;
            if (++states > maxStates) return false;
            if ((states & 15) == 0) budget.check(Phase.GRAPH_PASS);
            if (isCut(s)) {
                cutPaths++;
                continue;
            }
            List<WalkState> next = new ArrayList<>(StepSemantics.successors(context, s));
            for (int i = next.size() - 1; i >= 0; i--) stack.push(next.get(i));
        }
        return true;
    }

    private static boolean isCut(WalkState s) {
        if (s.held().size() > MAX_HELD) return true;
        return s.frames().size() >= StepSemantics.MAX_CALL_DEPTH
                && s.top().procedure().node(s.top().pc()) instanceof Op.Call;
    }

    int states() {
        return states;
    }

    int cutPaths() {
        return cutPaths;
    }

    /** The state with unknown ids renamed by first appearance: equal keys walk alike. */
    static List<Object> key(WalkState s) {
        Map<Integer, Integer> names = new HashMap<>();
        List<Object> key = new ArrayList<>();
        for (WalkFrame f : s.frames()) {
            key.add(f.procedure().id());
            key.add(f.pc());
            key.add(f.callSite());
            for (SlotValue v : f.slots()) key.add(normal(v, names));
        }
        for (Held h : s.held()) {
            key.add(List.of(h.lock(), normal(h.instance(), names), h.access(), h.site()));
        }
        key.add(List.of(s.irqsOff(), s.savedIrqs(), s.bhDisabled(), s.nofs(), s.noio(), s.noreclaim(), s.pagefault(), s.handles()));
        for (SlotValue v : s.current()) key.add(normal(v, names));
        return key;
    }

    private static Object normal(SlotValue v, Map<Integer, Integer> names) {
        if (v instanceof SlotValue.Unknown u) return "u" + rename(u.id(), names);
        if (v instanceof SlotValue.LockOf l) return l.lockClass().id() + "l" + rename(l.id(), names);
        return v;
    }

    private static Object normal(Instance i, Map<Integer, Integer> names) {
        if (i instanceof Instance.Unknown u) return "u" + rename(Integer.parseInt(u.symbol().substring(1)), names);
        return i;
    }

    private static int rename(int id, Map<Integer, Integer> names) {
        return names.computeIfAbsent(id, k -> names.size());
    }
}
