package io.vmlock.explore;

import com.google.common.base.Verify;

/**
 * One worker's successor function on packed states: decode once, then per thread the actions of
 * its position, in move order; each enabled one writes its successor straight into packed words.
 * With partial-order reduction only the moves of a stubborn set of threads are taken, as long as
 * one of them leads forward (to a state with a larger id than this one's); else another set with
 * such a move, and failing one, all moves (the cycle proviso, {@link PartialOrder}'s C3). With
 * chains, each move's successor is its chain's last state ({@link Chains}), followed before the
 * proviso asks where the move leads. Under the preemption bound ({@link Preemptions}) only the
 * moves within it are taken, of every thread or, under the reduced bound, of a stubborn set that
 * holds the thread that moved last.
 */
final class Expander {
    private final CompiledModel model;
    private final PackedStore store;
    private final Packing packing;
    private final StubbornSets stubborn;
    private final PartialOrder por;
    private final boolean proviso;
    private final Symmetry symmetry;
    final int[] values;
    private final int[] scratch;
    private final int[] childValues;
    /** Per thread and action of its position: the first false conjunct of its guard, -1 when enabled. */
    private final int[][] falsified;
    private final int[] count;
    /** Per thread and action of its position: whether its move leads back ({@link #leadsBack}). */
    private final boolean[][] back;
    /** {@link #markRepeats}' table: a slot is in use when its stamp is this call's. */
    private long[] seenKeys = new long[0];
    private int[] seenMove = new int[0];
    private int[] seenStamp = new int[0];
    private int stampNow;
    /** Null unless chains are on ({@link Chains}). */
    private final Chains chains;
    private int levelEnd = Integer.MAX_VALUE;
    /** Null unless the search is preemption-bounded ({@link Preemptions}): then states have one word more. */
    private final Preemptions bound;
    /** Words per state: the packing's, and the bound's word. */
    private final int stride;
    /** Under the bound, the state being expanded's last thread, preemptions used, and whether the last thread can go on. */
    private int last;
    private int used;
    private boolean lastCanMove;
    /** A successor with another preemption count, looked up by {@link #cheaperBefore}. */
    private final long[] probe;

    Expander(CompiledModel model, PackedStore store, PartialOrder por, Symmetry symmetry) {
        this(model, store, por, symmetry, false, null);
    }

    /**
     * {@code chains}: new successors are followed along chains of one-move sets ({@link Chains}; needs {@code por}).
     * {@code bound}: only moves within the preemption bound are taken (null: every move; not with {@code por}).
     */
    Expander(CompiledModel model, PackedStore store, PartialOrder por, Symmetry symmetry, boolean chains,
             Preemptions bound) {
        Verify.verify(bound == null || !chains, "a preemption-bounded search follows no chains");
        this.bound = bound;
        this.stride = model.packing.words + (bound == null ? 0 : 1);
        this.probe = new long[stride];
        this.model = model;
        this.store = store;
        this.packing = model.packing;
        this.stubborn = por == null ? null : new StubbornSets(model, por);
        this.por = por;
        this.proviso = por != null && por.needsProviso();
        this.symmetry = symmetry;
        this.values = new int[packing.fields];
        this.childValues = new int[packing.fields];
        this.scratch = new int[Math.max(1, model.maxComputedWrites)];
        int widest = 1;
        for (Action[][] thread : model.actions) {
            for (Action[] at : thread) widest = Math.max(widest, at.length);
        }
        this.falsified = new int[model.threads][widest];
        this.count = new int[model.threads];
        this.back = new boolean[model.threads][widest];
        // the chain's steps are judged by an expander of their own: this one's tables hold the state being expanded
        this.chains = chains && stubborn != null
                ? new Chains(store, new Expander(model, store, por, symmetry, false, null), packing.words) : null;
    }

    /**
     * The moves of the state {@code words[from..]}, appended to {@code out} as state {@code id}
     * (breadth-first: every state with a smaller id is stored, none with a larger one expanded).
     */
    void expand(int id, long[] words, int from, Expansion out) {
        packing.decode(words, from, values);
        out.startState(id);
        if (stubborn == null && bound == null) {
            all(words, from, out);
            return;
        }
        boolean[] set = bound != null ? boundedSet(words, from, out) : chooseSet();
        if (set == null) {
            enabled(null, words, from, out);
            return;
        }
        if (takeSet(set, words, from, out)) return;
        // C3 asks only that a reduced state has a move leading forward: look for another stubborn
        // set with one before taking every move (a fifth of the 7-thread kitchen sink's states
        // were expanded in full for the first set's sake)
        out.dropMoves();
        enabled(null, words, from, out);
        markBack(out);
        set = stubborn.chooseAgain(back);
        if (set == null) return;
        out.dropMoves();
        // chooseAgain took a set with a thread whose move markBack found leading forward, and
        // leadsBack answers as markBack did: the same successors, looked up in a visited set that
        // nothing is added to while a state is expanded (CompiledSearch.frozen with the proviso).
        // Checked always, not as a Java assert (off in the launchers): a set with no move forward
        // would silently break C3, so a broken invariant must stop the check as vmlock's own error
        boolean forward = takeSet(set, words, from, out);
        Verify.verify(forward, "state %s: a stubborn set chosen again has no move that leads forward", id);
    }

    /**
     * Under the preemption bound ({@link Preemptions}): the decoded state's enabled moves, what
     * the state is without the bound (stuck, or moved only by interrupts arriving: the merge
     * judges those states on every move, not on the bounded ones), the run's last thread and
     * preemptions used ({@link #enabled} then takes only the moves within the bound), and, with
     * partial-order reduction, a stubborn set that holds the last thread when it can go on
     * (null: every move). The reduced graph so searched is one whose set at each state depends
     * on the state and the last thread; its runs within the bound are what the search explores
     * ({@link Preemptions} says why that keeps findings real).
     */
    private boolean[] boundedSet(long[] words, int from, Expansion out) {
        long extra = words[from + packing.words];
        last = Preemptions.last(extra);
        used = Preemptions.used(extra);
        boolean any = false;
        boolean tasks = false;
        lastCanMove = false;
        for (int t = 0; t < model.threads; t++) {
            Action[] actions = model.actions[t][values[model.positionField[t]]];
            count[t] = 0;
            for (int i = 0; i < actions.length; i++) {
                falsified[t][i] = actions[i].falsified(values);
                if (falsified[t][i] >= 0) continue;
                count[t]++;
                any = true;
                if (actions[i].kind() == io.vmlock.explore.system.Command.Kind.INTERRUPT) continue;
                tasks = true;
                lastCanMove |= t == last;
            }
        }
        out.judge(!any ? Expansion.STUCK : tasks ? Expansion.MOVES : Expansion.INTERRUPTS_ONLY);
        return stubborn == null ? null : stubborn.choose(values, falsified, count, lastCanMove ? last : Preemptions.NONE);
    }

    /** The decoded state's enabled moves ({@link #falsified}, {@link #count}) and its stubborn set (null: every move). */
    private boolean[] chooseSet() {
        for (int t = 0; t < model.threads; t++) {
            Action[] actions = model.actions[t][values[model.positionField[t]]];
            count[t] = 0;
            for (int i = 0; i < actions.length; i++) {
                falsified[t][i] = actions[i].falsified(values);
                if (falsified[t][i] < 0) count[t]++;
            }
        }
        return stubborn.choose(values, falsified, count);
    }

    /**
     * Takes the moves of the threads in {@code set}, or every move when they are all interrupts
     * arriving (the merge judges such a state quiescent: it must see every move); false, with
     * the cycle proviso, when none of them leads forward.
     */
    private boolean takeSet(boolean[] set, long[] words, int from, Expansion out) {
        enabled(set, words, from, out);
        int state = out.states - 1;
        if (model.interruptsOnly(out.action, out.first[state], out.count[state])) {
            out.dropMoves();
            enabled(null, words, from, out);
            return true;
        }
        if (!proviso) return true;
        for (int m = out.first[state]; m < out.moves; m++) {
            if (!leadsBack(out, m)) return true;
        }
        return false;
    }

    /**
     * Whether move {@code m} of the current state leads to a state whose id is no larger than
     * its own: one stored before it (no later state is stored yet when the level is expanded
     * with the visited set frozen) or itself. Ids grow along every other move, so a path of
     * them is finite (C3, {@link PartialOrder}); so is a path that also takes moves its thread
     * never comes back from, which lead forward whatever their successor ({@link PartialOrder#irreversible}).
     */
    private boolean leadsBack(Expansion out, int m) {
        if (por != null && por.irreversible(out.action[m])) return false;
        if (out.known[m] >= 0 && store.idAt(out.known[m]) <= out.id[out.states - 1]) return true;
        return bound != null && cheaperBefore(out, m);
    }

    /**
     * Under the reduced bound: whether move {@code m}'s successor, with the same last thread and
     * fewer preemptions used, was stored no later than the state being expanded. Such a move
     * leads back too: else a cycle of the scenario whose turns each cost a preemption (two
     * daemons taking turns, each one's set its own) would lead forward forever, to ever new
     * counts, and put off another thread's move until the bound cuts it (a random scenario's
     * failing assertion was never reached with K = 3,000). So a path of moves leading forward
     * meets each state of the scenario and last thread at most once (a second time it would have
     * no fewer preemptions), and is as finite as without the bound.
     */
    private boolean cheaperBefore(Expansion out, int m) {
        int base = m * stride;
        long word = out.successor[base + packing.words];
        System.arraycopy(out.successor, base, probe, 0, stride);
        for (int fewer = 0; fewer < Preemptions.used(word); fewer++) {
            probe[packing.words] = Preemptions.word(Preemptions.last(word), fewer);
            int slot = store.find(probe, 0, PackedStore.key(probe, 0, stride));
            if (slot >= 0 && store.idAt(slot) <= out.id[out.states - 1]) return true;
        }
        return false;
    }

    /** Marks, per thread and action, the moves of the state's full expansion that lead back. */
    private void markBack(Expansion out) {
        int m = out.first[out.states - 1];
        for (int t = 0; t < model.threads; t++) {
            Action[] actions = model.actions[t][values[model.positionField[t]]];
            for (int i = 0; i < actions.length; i++) {
                back[t][i] = false;
                if (falsified[t][i] >= 0) continue;
                // a move beyond the bound was not taken: it leads nowhere the search goes
                if (bound != null && !bound.allows(used, cost(t, actions[i]))) {
                    back[t][i] = true;
                    continue;
                }
                back[t][i] = leadsBack(out, m);
                m++;
            }
        }
    }

    /** The enabled moves of the threads in {@code set} (every thread when null), under the bound only those within it. */
    private void enabled(boolean[] set, long[] words, int from, Expansion out) {
        for (int t = 0; t < model.threads; t++) {
            if (set != null && !set[t]) continue;
            Action[] actions = model.actions[t][values[model.positionField[t]]];
            for (int i = 0; i < actions.length; i++) {
                if (falsified[t][i] >= 0) continue;
                if (bound == null) {
                    move(actions[i], words, from, out);
                } else {
                    int cost = cost(t, actions[i]);
                    if (bound.allows(used, cost)) move(actions[i], words, from, out, t, used + cost);
                }
            }
        }
    }

    /** Under the bound, what thread {@code t}'s move {@code a} costs after the state's last thread. */
    private int cost(int t, Action a) {
        return Preemptions.cost(last, lastCanMove, t, a.kind() == io.vmlock.explore.system.Command.Kind.INTERRUPT);
    }

    /**
     * Looks up the moves not looked up yet (all but those the cycle proviso needed at once): one
     * loop of independent table reads, so the processor overlaps their cache misses.
     */
    void lookUp(Expansion out) {
        out.epoch = store.epoch();
        for (int m = 0; m < out.moves; m++) {
            if (out.known[m] == -2) out.known[m] = store.find(out.successor, m * stride, out.key[m]);
        }
        markRepeats(out);
    }

    /** The first id of the level after the states being expanded: chains ask what was stored before it ({@link Chains}). */
    void levelEnd(int end) {
        this.levelEnd = end;
    }

    /**
     * With chains, a move to a state not stored before the level goes on along its chain, and
     * the move's successor becomes the chain's end, before the cycle proviso asks where the move
     * leads ({@link Chains}). A move that reports a finding starts none: the finding names the
     * state it reaches.
     */
    private void chain(Expansion out, int m) {
        if (model.reports[out.action[m]]) return;
        if (out.known[m] >= 0 && store.idAt(out.known[m]) < levelEnd) return;
        int base = m * packing.words;
        int passed = chains.follow(out.successor, base, levelEnd);
        if (passed == 0) return;
        out.passed[m] = passed;
        out.key[m] = PackedStore.key(out.successor, base, packing.words);
        out.known[m] = store.find(out.successor, base, out.key[m]);
    }

    /**
     * Where a chain goes on from the state {@code words[from..]} ({@link Chains}): when the
     * stubborn set chosen there (or, where none is chosen, the full expansion) is one move, and the state breaks no invariant, the move is no
     * interrupt arriving (the merge must see every move of such a state, to judge it quiescent)
     * and reports no finding, writes its successor (canonical, as stored ones) to {@code dest[base..]}.
     */
    boolean onlyMove(long[] words, int from, long[] dest, int base) {
        packing.decode(words, from, values);
        if (model.invariants.length > 0 && model.brokenInvariant(values) >= 0) return false;
        // null: every move (one thread alone can move, or no set is smaller), which may be one
        boolean[] set = chooseSet();
        Action only = null;
        for (int t = 0; t < model.threads; t++) {
            if (set != null && !set[t] || count[t] == 0) continue;
            if (only != null || count[t] > 1) return false;
            Action[] actions = model.actions[t][values[model.positionField[t]]];
            for (int i = 0; i < actions.length; i++) {
                if (falsified[t][i] < 0) only = actions[i];
            }
        }
        if (only == null || model.reports[only.id] || only.kind() == io.vmlock.explore.system.Command.Kind.INTERRUPT) {
            return false;
        }
        only.apply(words, from, values, packing, dest, base, scratch);
        if (symmetry != null) symmetry.canonical(dest, base, childValues);
        return true;
    }

    /**
     * Marks each move whose successor is not stored yet but an earlier move of this chunk reaches
     * too (siblings' successors often meet): the merge, which adds the earlier one first, then
     * knows it without a probe of the visited set. A third of the merge's probes at N=13 were
     * such repeats, and the merge is the sequential part of the parallel search.
     */
    private void markRepeats(Expansion out) {
        int capacity = Integer.highestOneBit(Math.max(16, out.moves) * 2 - 1) << 1;
        if (seenKeys.length < capacity) {
            seenKeys = new long[capacity];
            seenMove = new int[capacity];
            seenStamp = new int[capacity];
        }
        int mask = capacity - 1;
        int stamp = ++stampNow;
        int words = stride;
        for (int m = 0; m < out.moves; m++) {
            if (out.known[m] != -1) continue;
            long key = out.key[m];
            int i = (int) (key ^ key >>> 32) & mask;
            for (; seenStamp[i] == stamp; i = (i + 1) & mask) {
                if (seenKeys[i] == key && sameSuccessor(out, seenMove[i], m, words)) {
                    out.known[m] = Expansion.repeatOf(seenMove[i]);
                    break;
                }
            }
            if (seenStamp[i] != stamp) {
                seenStamp[i] = stamp;
                seenKeys[i] = key;
                seenMove[i] = m;
            }
        }
    }

    private static boolean sameSuccessor(Expansion out, int a, int b, int words) {
        for (int w = 0; w < words; w++) {
            if (out.successor[a * words + w] != out.successor[b * words + w]) return false;
        }
        return true;
    }

    /** Whether any thread can move in the state {@code words[from..]}. */
    boolean canMove(long[] words, int from) {
        packing.decode(words, from, values);
        for (int t = 0; t < model.threads; t++) {
            for (Action a : model.actions[t][values[model.positionField[t]]]) {
                if (a.enabled(values)) return true;
            }
        }
        return false;
    }

    private void all(long[] words, int from, Expansion out) {
        for (int t = 0; t < model.threads; t++) {
            for (Action a : model.actions[t][values[model.positionField[t]]]) {
                if (a.enabled(values)) move(a, words, from, out);
            }
        }
    }

    private void move(Action a, long[] words, int from, Expansion out) {
        move(a, words, from, out, Preemptions.NONE, 0);
    }

    /** Under the preemption bound, {@code mover}'s move, its run having used {@code used} preemptions after it. */
    private void move(Action a, long[] words, int from, Expansion out, int mover, int used) {
        int m = out.addMove(a.id);
        int base = m * stride;
        a.apply(words, from, values, packing, out.successor, base, scratch);
        if (symmetry != null) symmetry.canonical(out.successor, base, childValues);
        // the last thread is renamed with the copies it belongs to, as the rest of its state
        if (bound != null) {
            int last = symmetry == null ? mover : symmetry.renamed(mover);
            out.successor[base + packing.words] = Preemptions.word(last, used);
        }
        long k = PackedStore.key(out.successor, base, stride);
        out.key[m] = k;
        out.known[m] = proviso || chains != null ? store.find(out.successor, base, k) : -2;
        out.passed[m] = 0;
        if (chains != null) chain(out, m);
    }
}
