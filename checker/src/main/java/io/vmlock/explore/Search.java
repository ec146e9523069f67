package io.vmlock.explore;

import io.vmlock.ir.Invariant;
import io.vmlock.ir.IrProgram;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The explicit-state search: breadth-first (every counterexample found is a shortest one) or
 * depth-first. Problems are kept per key, the first met winning, so breadth-first keeps the
 * shortest trace of each. Transitions are stored only when the state graph can have cycles
 * (loops, interrupts), for the livelock check after a complete search.
 */
final class Search {
    /** A problem and the state whose trace shows it. */
    record Found(Problem problem, int state) {
    }

    final IrProgram program;
    final Layout layout;
    final Names names;
    final StateCodec codec;
    final Successors successors;
    final StateStore store = new StateStore();
    final Map<String, Found> found = new LinkedHashMap<>();
    private final WaitFor waitFor;
    private final boolean depthFirst;
    private final Limits limits;
    final Transitions transitions;
    long transitionCount;
    int maxDepth;
    long peakMemory;
    Optional<String> stoppedBy = Optional.empty();

    Search(IrProgram program, boolean depthFirst, Limits limits) {
        this.program = program;
        this.layout = new Layout(program);
        this.names = new Names(program, layout);
        this.codec = new StateCodec(program, layout);
        this.successors = new Successors(program, layout, names);
        this.waitFor = new WaitFor(program, names, new Blocker(program, layout, names, successors.problems()));
        this.depthFirst = depthFirst;
        this.limits = limits;
        this.transitions = Transitions.needed(program) ? new Transitions() : null;
    }

    void run() {
        long start = System.nanoTime();
        IntList frontier = new IntList();
        int head = 0;
        State init = initial();
        int root = store.add(codec.encode(init), -1, 0);
        if (admit(init, root)) frontier.add(root);
        long expanded = 0;
        while (depthFirst ? frontier.size() > 0 : head < frontier.size()) {
            boolean full = store.size() >= limits.maxStates();
            if ((full || (++expanded & 255) == 0) && limitHit(start)) return;
            int id = depthFirst ? frontier.removeLast() : frontier.get(head++);
            expand(id, frontier);
        }
        limitHit(start); // for the peak memory figure
        stoppedBy = Optional.empty();
    }

    private boolean limitHit(long start) {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        peakMemory = Math.max(peakMemory, used);
        stoppedBy = limits.hit(store.size(), (System.nanoTime() - start) / 1_000_000, used);
        return stoppedBy.isPresent();
    }

    private void expand(int id, IntList frontier) {
        State s = codec.decode(store.get(id));
        List<Move> moves = successors.of(s);
        transitionCount += moves.size();
        if (transitions != null) transitions.startState(id);
        if (moves.isEmpty()) stuck(s, id);
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
                record(successors.problems().invariant(inv, s), id);
                return false;
            }
        }
        return true;
    }

    /** No thread can move: fine when every thread ended, else a deadlock or a hang. */
    private void stuck(State s, int id) {
        List<Integer> blocked = new ArrayList<>();
        for (int t = 0; t < s.threads.length; t++) {
            if (s.threads[t].status == ThreadState.RUNNING) blocked.add(t);
        }
        if (blocked.isEmpty()) return;
        waitFor.judge(s, blocked, successors).ifPresent(p -> record(p, id));
    }

    void record(Problem p, int state) {
        found.putIfAbsent(p.key(), new Found(p, state));
    }

    /** Threads that cannot move by themselves (an interrupt arriving is not the thread moving). */
    List<Integer> blockedIn(State s) {
        boolean[] moves = new boolean[s.threads.length];
        for (Move m : successors.of(s)) {
            if (m.kind() != Move.Kind.INTERRUPT) moves[m.thread()] = true;
        }
        List<Integer> blocked = new ArrayList<>();
        for (int t = 0; t < s.threads.length; t++) {
            if (s.threads[t].status == ThreadState.RUNNING && !moves[t]) blocked.add(t);
        }
        return blocked;
    }

    WaitFor waitFor() {
        return waitFor;
    }

    private State initial() {
        int[] globals = new int[program.globalSlotCount()];
        for (var g : program.globals()) {
            for (int i = 0; i < g.size(); i++) globals[g.firstSlot() + i] = g.initial().get(i);
        }
        ThreadState[] threads = new ThreadState[program.threads().size()];
        for (int t = 0; t < threads.length; t++) {
            Frame body = successors.control().newFrame(program.threads().get(t).body(), Frame.CALL, new int[0]);
            threads[t] = new ThreadState(new Frame[] {body});
        }
        State s = new State(globals, new int[layout.objectWords], threads);
        for (int t = 0; t < threads.length; t++) {
            int thread = t;
            successors.control().settle(s, t).ifPresent(p -> {
                s.threads[thread].status = ThreadState.ERROR;
                record(p, 0);
            });
        }
        return s;
    }
}
