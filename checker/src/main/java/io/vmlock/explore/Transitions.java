package io.vmlock.explore;

import io.vmlock.ir.IrProgram;
import io.vmlock.ir.Op;
import io.vmlock.ir.Procedure;

/**
 * The stored state graph, for the livelock check: per expanded state the range of its
 * successors in one int list. Only kept when the graph can have cycles: a loop in some
 * procedure, or an interrupt (which can arrive again and again).
 */
final class Transitions {
    private final java.util.function.LongConsumer reserve;
    private final IntList targets;
    private int[] start = new int[1024];
    private int[] count = new int[1024];
    private int current = -1;

    /** {@code reserve}: called with the bytes a growth will allocate, before it does (it may refuse). */
    Transitions(java.util.function.LongConsumer reserve) {
        this.reserve = reserve;
        this.targets = new IntList(reserve);
    }

    static boolean needed(IrProgram program) {
        if (!program.interrupts().isEmpty()) return true;
        for (Procedure p : program.procedures()) {
            if (hasCycle(p)) return true;
        }
        return false;
    }

    /** Depth-first search for a back edge; colours: 0 new, 1 on the path, 2 done. */
    private static boolean hasCycle(Procedure p) {
        int[] colour = new int[p.nodes().size()];
        return visit(p, p.entry(), colour);
    }

    private static boolean visit(Procedure p, int pc, int[] colour) {
        colour[pc] = 1;
        Op op = p.node(pc);
        for (int next : op.successors()) {
            if (colour[next] == 1) return true;
            if (colour[next] == 0 && visit(p, next, colour)) return true;
        }
        colour[pc] = 2;
        return false;
    }

    void startState(int id) {
        while (id >= start.length) {
            reserve.accept(16L * start.length);
            start = java.util.Arrays.copyOf(start, start.length * 2);
            count = java.util.Arrays.copyOf(count, count.length * 2);
        }
        start[id] = targets.size();
        current = id;
    }

    void add(int target) {
        targets.add(target);
        count[current]++;
    }

    int count(int id) {
        return id < count.length ? count[id] : 0;
    }

    int target(int id, int i) {
        return targets.get(start[id] + i);
    }
}
