package io.vmlock.explore;

/**
 * The preemption bound ({@code check --preemptions K}): the search explores only the runs in
 * which the scheduler switches away from a thread that could still move at most K times, as
 * CHESS does (Musuvathi and Qadeer, "Iterative context bounding for systematic testing of
 * multithreaded programs", PLDI 2007). A switch when the running thread blocks, finishes or
 * stops is free, so each thread runs long stretches and the runs reach the end of every thread
 * with few preemptions; the bounded state graph is a subgraph of the full one, so what it finds
 * is real, but it proves nothing when it finds nothing.
 *
 * <p>Each stored state carries one word more: the thread that moved last (or none) and the
 * preemptions its run used, since two runs to one state of the scenario may have different
 * futures under the bound. An interrupt arriving costs a preemption, even on the running thread:
 * it is no choice of the scheduler, but counting it keeps the bound a bound on how often a run
 * is interrupted in any way (with K = 0 no interrupt arrives), and the handler's own steps are
 * then moves of the interrupted thread, free while it runs.
 *
 * <p>The reduced bound ({@code --reduced-bound}; Coons, Musuvathi and McKinley, "Bounded
 * partial-order reduction", OOPSLA 2013, show that pruning a reduced search with the bound
 * misses states reachable within it, and change dynamic partial-order reduction to make up for
 * that; this is the simpler combination, which misses them): the runs with at most K preemptions of a partial-order
 * reduced graph ({@link PartialOrder}), whose stubborn set at a state holds the thread that moved
 * last whenever it can go on (the set grows from it: {@link StubbornSets#choose(int[], int[][], int[], int)}),
 * so going on stays free and the reduced runs need few preemptions. The set is chosen per state of
 * the scenario and last thread, which the arguments of {@link PartialOrder} allow (C0 to C2 are
 * about the scenario's state, whatever picked the set); the cycle proviso asks for a move
 * within the bound that leads forward (a move beyond it is taken as leading back). The search's
 * graph is so the part within the bound of a reduced graph that keeps every finding (its states
 * beyond the bound numbered after those within it, and expanded in full), hence a subgraph of
 * the full graph: what it finds is real; and since a path of moves leading forward is finite
 * ({@link Expander}'s proviso), the reduced graph's representative of a finding needs finitely
 * many preemptions, so a large enough K finds every finding (every one but the livelock check's
 * on random scenarios with K = 3,000, PreemptionsDifferentialTest). It is not the exact bound's
 * graph cut down: a run of the exact bound may have only reduced representatives with more
 * preemptions, so with the same K it can miss a finding the exact bound finds, and since the proviso's choices depend on which states
 * were stored, a larger K need not keep every run of a smaller one (its findings were kept on
 * the 904 random scenarios of 1,200 that fit, PreemptionsDifferentialTest). On the 9-thread kitchen
 * sink at K = 1 it stored 119,972 states where the exact bound stopped at 34.7 million (README,
 * "The kitchen sink").
 */
final class Preemptions {
    /** The last thread of a run where no thread moved yet. */
    static final int NONE = -1;
    /** The bit of the extra word where the preemptions used start (below them, the last thread + 1). */
    private static final int USED_SHIFT = 32;

    final int bound;

    Preemptions(int bound) {
        if (bound < 0) throw new IllegalArgumentException("a preemption bound is at least 0, not " + bound);
        this.bound = bound;
    }

    /** The extra word of a state reached by a move of {@code last} with {@code used} preemptions so far. */
    static long word(int last, int used) {
        return (long) used << USED_SHIFT | (last + 1L);
    }

    static int last(long word) {
        return (int) (word & 0xFFFF_FFFFL) - 1;
    }

    static int used(long word) {
        return (int) (word >>> USED_SHIFT);
    }

    /**
     * What a move of {@code mover} costs after {@code last} moved: nothing when it is the same
     * thread, when none moved yet, or when {@code last} cannot move any more (blocked, finished,
     * stopped: the scheduler has to switch); one otherwise, and one for an interrupt arriving.
     */
    static int cost(int last, boolean lastCanMove, int mover, boolean interrupt) {
        if (interrupt) return 1;
        return last != NONE && mover != last && lastCanMove ? 1 : 0;
    }

    /** Whether a move costing {@code cost} may follow a run that used {@code used}. */
    boolean allows(int used, int cost) {
        return used + cost <= bound;
    }
}
