package io.vmlock.explore;

import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import io.vmlock.findings.WaitLink;
import io.vmlock.ir.IrProgram;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a search leaves behind, whichever engine ran it: the problems found (per key, the first
 * met), the figures, and the stored states with their parents, seen through the reference
 * semantics so traces and the livelock check work on any engine.
 */
abstract class Exploration {
    /**
     * A problem and the state whose trace shows it; for a run that goes on forever, the states of
     * a loop that leaves that state and comes back to it (the last one is the state itself).
     */
    record Found(Problem problem, int state, List<Integer> loop) {
        Found {
            loop = List.copyOf(loop);
        }

        Found(Problem problem, int state) {
            this(problem, state, List.of());
        }
    }

    final Semantics semantics;
    /** The file's budget, shared with the phases before and after this search. */
    final Budget budget;
    final Phase phase;
    final IrProgram program;
    final Names names;
    final Map<ProblemKey, Found> found = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    Transitions transitions;
    /**
     * States where every move left is an interrupt arriving: the threads themselves are stuck.
     * The livelock check prefers them to stand for a component that runs only interrupts.
     */
    final java.util.BitSet quiescent = new java.util.BitSet();
    long transitionCount;
    int maxDepth;
    long peakMemory;
    Optional<String> stoppedBy = Optional.empty();
    /** Whether the search ended at its first finding ({@code --first}): what it found holds, but it is not all. */
    boolean stoppedAtFirst;

    Exploration(Semantics semantics, Budget budget, Phase phase) {
        this.semantics = semantics;
        this.budget = budget;
        this.phase = phase;
        this.program = semantics.program;
        this.names = semantics.names;
    }

    abstract void run();

    abstract int stateCount();

    abstract long stateBytes();

    abstract int parent(int id);

    /** A stored state in the reference form. */
    abstract State state(int id);

    /** Whether a reference state is the stored state {@code id}. */
    abstract boolean reaches(State result, int id);

    /**
     * Where a trace passes a state the search did not store ({@link Chains}): the one move it
     * takes from {@code s}; null where none is passed (every search but a chained one).
     */
    Move chainMove(State s) {
        return null;
    }

    /** Whether stored states stand for their renamings (symmetry reduction). */
    boolean renamesThreads() {
        return false;
    }

    void record(Problem p, int state) {
        found.putIfAbsent(p.key(), new Found(p, state));
    }

    /** A run that reaches {@code state} and then goes round {@code loop} forever. */
    void record(Problem p, int state, List<Integer> loop) {
        found.putIfAbsent(p.key(), new Found(p, state, loop));
    }

    /** Threads that cannot move by themselves (an interrupt arriving is not the thread moving). */
    List<Integer> blockedIn(State s) {
        boolean[] moves = new boolean[s.threads.length];
        for (Move m : semantics.successors.of(s)) {
            if (m.kind() != Move.Kind.INTERRUPT) moves[m.thread()] = true;
        }
        List<Integer> blocked = new ArrayList<>();
        for (int t = 0; t < s.threads.length; t++) {
            if (s.threads[t].status == ThreadState.RUNNING && !moves[t]) blocked.add(t);
        }
        return blocked;
    }

    /** No thread can move: fine when every thread ended, else a deadlock or a hang. */
    void stuck(State s, int id) {
        List<Integer> blocked = new ArrayList<>();
        for (int t = 0; t < s.threads.length; t++) {
            if (s.threads[t].status == ThreadState.RUNNING) blocked.add(t);
        }
        if (blocked.isEmpty()) return;
        semantics.waitFor.judge(s, blocked, semantics.successors).ifPresent(p -> record(p, id));
    }

    /**
     * No thread can move but by an interrupt arriving. Interrupt handlers cannot release what
     * tasks hold, so a lock cycle here is a deadlock at once (even if the search stops early);
     * waits on events, which a handler might end, are left to the livelock check.
     */
    void quiescent(State s, int id) {
        quiescent.set(id);
        List<Integer> running = new ArrayList<>();
        for (int t = 0; t < s.threads.length; t++) {
            if (s.threads[t].status == ThreadState.RUNNING) running.add(t);
        }
        semantics.waitFor.judge(s, running, semantics.successors)
                .filter(p -> p.verdict() == io.vmlock.verdict.Verdict.DEADLOCK)
                .filter(p -> p.cycle().stream().noneMatch(WaitLink::throughEvent))
                .ifPresent(p -> record(p, id));
    }

    /** Samples the heap for the peak figure and checks the state limit and the file's budget. */
    boolean limitHit(Limits limits) {
        peakMemory = Math.max(peakMemory, Budget.usedHeap());
        stoppedBy = limits.hit(stateCount()).or(() -> budget.spent(phase));
        return stoppedBy.isPresent();
    }

    /** Called with the bytes a store or queue is about to allocate: refuses them when the budget cannot hold them. */
    void reserve(long bytes) {
        budget.reserve(bytes, phase);
    }

    /** A stored state rebuilt by following its parents' moves from the initial state (for stores that keep no states). */
    State rebuild(int id) {
        List<Integer> path = new ArrayList<>();
        for (int s = id; s >= 0; s = parent(s)) path.add(s);
        State s = semantics.initial((p, i) -> { });
        for (int i = path.size() - 2; i >= 0; i--) {
            int target = path.get(i);
            State from = s;
            s = semantics.successors.of(from).stream().map(Move::result).filter(r -> reaches(r, target)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no move to state " + target));
        }
        return s;
    }
}
