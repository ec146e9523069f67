package io.vmlock.explore;

import io.vmlock.budget.Budget;
import io.vmlock.budget.BudgetExhausted;
import io.vmlock.budget.Phase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fast search: the compiled model's actions on bit-packed states. Breadth-first search runs
 * level by level in batches; workers expand the states of a batch in parallel against the
 * frozen visited set, then one thread merges their moves in state order, exactly as the
 * sequential search would (same ids, same parents, same findings first met), whatever the
 * number of workers. Depth-first search runs on one thread.
 */
final class CompiledSearch extends Exploration {
    final CompiledModel model;
    final PackedStore store;
    private final Bridge bridge;
    private final CompiledFindings findings;
    private final Explorer.Options options;
    private final Workers workers;
    private final BitSet unexplored = new BitSet();
    private final int words;
    private final int[] parentValues;
    private final int[] childValues;
    private final long[] parentWords;
    private final long[] childWords;
    private final List<Integer> levels = new ArrayList<>();
    private IntList depth;
    /** Hash compaction stores no states: the levels' states are kept here while they are needed. */
    private long[] level;
    private long[] nextLevel;
    private int nextLevelSize;
    private long expanded;
    private int levelStart;
    /** The end of the level being expanded: ids from it on are one level deeper. */
    private int levelEnd;
    /** The state being expanded depth-first. */
    private long[] current;
    /** The states left to expand depth-first. */
    private IntList stack;
    private final ProgressClock progress;
    /** Finds parents again when the store keeps none; null when it keeps them. */
    private final Parents parents;
    /** Judge a new state's being stuck when it is stored, not when its level is expanded (see {@link #judgeIfStuck}). */
    private final boolean stuckOnGeneration;

    final PartialOrder por;
    /**
     * Whether states passed through on chains of one-move sets go unstored ({@link Chains}): with
     * partial-order reduction, when the search is neither stopped at its first finding nor
     * checking shortest traces (a chain breaks the depths both rely on) nor hash-compacted.
     */
    final boolean chains;
    /** The states chains passed through without storing them. */
    long transientStates;
    /** Whether the livelock check will run on the graph (then symmetry renames only daemons' copies). */
    final boolean livelocks;
    /** Whether the scenario needs the livelock check but the preemption bound leaves it out. */
    final boolean livelockCheckSkipped;
    private final Symmetry symmetry;
    private final java.util.Set<ProblemKey> targets;
    /** Null unless the search is preemption-bounded: then each stored state has one word more ({@link Preemptions}). */
    final Preemptions bound;

    /**
     * {@code targets}: finding keys after which to stop (the check of shortest traces), or null.
     * Partial-order reduction applies breadth-first, under --first only where {@link #onlyStuckStatesAreFound}
     * (see {@link PartialOrder} for why it keeps every finding, the livelock check's included);
     * symmetry wherever copies of a replicated thread are interchangeable.
     */
    CompiledSearch(Semantics semantics, CompiledModel model, Explorer.Options options, Workers workers,
                   java.util.Set<ProblemKey> targets, Budget budget, Phase phase) {
        super(semantics, budget, phase);
        this.targets = targets;
        this.model = model;
        this.options = options;
        this.bound = options.bounded() ? new Preemptions(options.preemptions()) : null;
        this.words = model.packing.words + (bound == null ? 0 : 1);
        this.bridge = new Bridge(model.system, semantics.layout);
        this.findings = new CompiledFindings(this, model, bridge);
        this.workers = workers;
        this.progress = new ProgressClock(options.progress());
        this.parentValues = new int[model.packing.fields];
        this.childValues = new int[model.packing.fields];
        this.parentWords = new long[words];
        this.childWords = new long[words];
        boolean nonDaemon = program.threads().stream().anyMatch(t -> !t.daemon());
        // with interrupts a deadlock is no stuck state (an interrupt can always arrive): it is a
        // bottom component of the state graph, daemons' included
        boolean needed = Transitions.needed(program) && (nonDaemon || !program.interrupts().isEmpty());
        // a preemption-bounded search runs no livelock check: a bottom component of the bounded
        // graph may be the bound's doing (a run cut off at the bound is no run that goes round)
        this.livelockCheckSkipped = needed && bound != null;
        boolean livelocks = needed && bound == null;
        // the check of shortest traces (targets) runs no livelock check: it needs no graph
        this.transitions = livelocks && targets == null ? new Transitions(this::reserve) : null;
        Explorer.Reductions r = options.reductions();
        // --first: a stuck state keeps its depth in the reduced graph (PartialOrder), a finding raised
        // by a move or an invariant need not, so the first one met need not be a shallowest one
        // the exact bound takes no partial-order reduction: the reduced graph's runs may need more
        // preemptions; the reduced bound counts them on the reduced graph's runs (Preemptions)
        boolean porFits = options.order() == Explorer.Order.BFS && (!options.first() || onlyStuckStatesAreFound())
                && (bound == null || options.reducedBound());
        this.por = r.partialOrder() && porFits ? partialOrder(livelocks) : null;
        this.symmetry = r.symmetry() ? Symmetry.of(model, semantics.layout, livelocks) : null;
        // a chain's states would need the bound's word too, and a bounded search has its own depths
        this.chains = por != null && r.chains() && targets == null && !options.first() && !options.hashCompact()
                && bound == null;
        this.livelocks = livelocks;
        // a breadth-first level expanded again yields the same moves, so parents can be found again;
        // not with hash compaction (no states), depth-first (no levels) or partial-order reduction
        // (the cycle proviso's choice depends on what was stored at the time)
        boolean keepsParents = options.hashCompact() || options.order() == Explorer.Order.DFS || por != null;
        this.store = new PackedStore(words, options.hashCompact(), keepsParents, this::reserve);
        this.parents = keepsParents ? null : new Parents(this);
        this.stuckOnGeneration = (targets != null || options.first()) && options.order() == Explorer.Order.BFS
                && onlyStuckStatesAreFound();
        if (options.explain() && targets == null) notes.addAll(ReductionNotes.of(this, r));
    }

    /** The reduction's tables, or null when the budget ran out while they were built (the search then stops at once). */
    private PartialOrder partialOrder(boolean livelocks) {
        try {
            return new PartialOrder(model, livelocks, this::reserve, () -> budget.check(phase));
        } catch (BudgetExhausted e) {
            stoppedBy = Optional.of(e.reason());
            return null;
        }
    }

    Explorer.Options options() {
        return options;
    }

    boolean reduced() {
        return por != null || symmetry != null;
    }

    @Override
    boolean renamesThreads() {
        return symmetry != null;
    }

    Expander expander() {
        return new Expander(model, store, por, symmetry == null ? null : symmetry.forWorker(), chains, bound);
    }

    private void canonical(long[] packed) {
        if (symmetry != null) symmetry.forWorker().canonical(packed, 0, null);
    }

    /** Searches until done or a limit; a growth the budget refuses stops it like any limit. */
    void run() {
        if (stoppedBy.isPresent()) return;
        try {
            search();
        } catch (BudgetExhausted e) {
            stoppedBy = Optional.of(e.reason());
        }
        if (chains && options.explain() && targets == null) {
            notes.add(String.format(Locale.ROOT, "chains: %,d transient states passed through without storing them "
                    + "(runs of one-move stubborn sets), besides the %,d stored", transientStates, store.size()));
        }
    }

    private void search() {
        State init = semantics.initial(this::record);
        int[] v = bridge.toValues(init);
        long[] packed = new long[words];
        model.packing.encode(v, packed, 0);
        canonical(packed);
        int root = store.add(packed, 0, PackedStore.key(packed, 0, words), -1);
        admit(v, root);
        if (enough()) return;
        if (options.order() == Explorer.Order.DFS) depthFirst(packed);
        else breadthFirst(packed);
    }

    private void breadthFirst(long[] root) {
        level = store.compact() ? root.clone() : null;
        levelStart = 0;
        int levelEnd = 1;
        while (levelStart < levelEnd) {
            levels.add(levelStart);
            this.levelEnd = levelEnd;
            if (store.compact()) {
                reserve(16L * Math.max(16, level.length));
                nextLevel = new long[Math.max(16, level.length) * 2];
                nextLevelSize = 0;
            }
            // states stored after the root were judged as they were stored
            boolean judged = stuckOnGeneration && levelStart > 0;
            if ((targets != null || options.first()) && !judged && stuckFirst(levelEnd)) return;
            int depth = levels.size();
            if (!workers.expandLevel(this, levelStart, levelEnd, frozen(), e -> merge(e, depth))) return;
            if (store.compact()) level = Arrays.copyOf(nextLevel, nextLevelSize * words);
            levelStart = levelEnd;
            levelEnd = store.size();
        }
        finish();
    }

    /**
     * Checking shortest traces: judges the level's stuck states before expanding it, so a search
     * that only waits for a deadlock stops before storing the next level; under --first, a stuck
     * state of this level is met before any move out of it. False unless that was {@link #enough}.
     */
    private boolean stuckFirst(int levelEnd) {
        Expander x = expander();
        long[] buffer = new long[words];
        for (int id = levelStart; id < levelEnd; id++) {
            if (unexplored.get(id)) continue;
            if (store.compact()) System.arraycopy(level, (id - levelStart) * words, buffer, 0, words);
            else store.get(id, buffer, 0);
            if (x.canMove(buffer, 0)) continue;
            model.packing.decode(buffer, 0, parentValues);
            findings.stuck(parentValues, id);
            if (enough()) return true;
        }
        return false;
    }

    private void finish() {
        limitHit(options.limits());
        stoppedBy = bound == null ? Optional.empty() : Optional.of(boundReason(bound.bound));
        storeNotes();
    }

    /** Why a preemption-bounded search that ran to its end is still incomplete. */
    static String boundReason(int k) {
        return "preemption bound " + k + ": runs with more preemptions were not explored";
    }

    /** With --stats, what the visited set took; with hash compaction, how likely it missed a state. */
    private void storeNotes() {
        if (options.explain() && targets == null) {
            notes.add(String.format(Locale.ROOT, "visited set: %,d bytes, %.1f per state (packed states, %stable)",
                    store.visitedBytes(), (double) store.visitedBytes() / store.size(),
                    store.keepsParents() ? "parent links, " : ""));
        }
        if (store.compact()) {
            notes.add(String.format(Locale.ROOT, "hash compaction: %,d states stored as 8-byte hashes; the probability that one "
                    + "was taken for another (and states missed) is at most %.1e", store.size(),
                    store.omissionProbability()));
        }
    }

    /**
     * Whether workers must look successors up only while nothing is added: the cycle proviso
     * needs their ids, and a state breaking an invariant is marked unexplored by the merge.
     */
    private boolean frozen() {
        return por != null && por.needsProviso() || model.invariants.length > 0 || chains;
    }

    /**
     * Expands the states {@code from..to-1} into {@code out} (called by the workers), or those
     * before the deadline passed ({@link Expansion#cutShort}: the merge then stops the search).
     * The merge asks the limits only every 256 states, and a frozen batch is merged only once all
     * its 32,768 states are expanded: with chains, where every state a chain passes through has
     * its stubborn set computed, a batch took seconds, and a 1-second check ran for 7.
     */
    void expandRange(Expander x, int from, int to, int levelStart, Expansion out) {
        long[] buffer = new long[words];
        x.levelEnd(levelEnd);
        for (int id = from; id < to; id++) {
            // as often as the merge asks the limits: tests count the clock's reads as work
            if ((id - from & 255) == 0 && budget.pastDeadline()) {
                out.cutShort = true;
                break;
            }
            if (unexplored.get(id)) continue;
            if (store.compact()) {
                x.expand(id, level, (id - levelStart) * words, out);
            } else {
                store.get(id, buffer, 0);
                x.expand(id, buffer, 0, out);
            }
        }
        x.lookUp(out);
    }

    /** Records a worker's moves in state order; false when a limit stops the search. */
    private boolean merge(Expansion e, int childDepth) {
        // states left unexpanded: the search must stop here, incomplete (the deadline passed for good)
        if (e.cutShort) {
            com.google.common.base.Verify.verify(limitHit(options.limits()), "an expansion cut short before the deadline");
            return false;
        }
        for (int s = 0; s < e.states; s++) {
            boolean full = store.size() >= options.limits().maxStates();
            if (full || (++expanded & 255) == 0) {
                if (limitHit(options.limits())) return false;
                progress.tick(store.size(), maxDepth, queued(e.id[s]));
            }
            mergeState(e, s, childDepth);
            if (enough()) return false;
        }
        return true;
    }

    /** States stored but not yet expanded, {@code id} being expanded now. */
    private long queued(int id) {
        return depth != null ? stack.size() : store.size() - id - 1L;
    }

    /** Whether the search may stop: it met every target, or, under --first, any finding. */
    private boolean enough() {
        if (targets != null) return found.keySet().containsAll(targets);
        stoppedAtFirst = options.first() && !found.isEmpty();
        if (stoppedAtFirst) {
            peakMemory = Math.max(peakMemory, Budget.usedHeap());
            storeNotes();
        }
        return stoppedAtFirst;
    }

    private void mergeState(Expansion e, int s, int childDepth) {
        int id = e.id[s];
        int n = e.count[s];
        transitionCount += n;
        if (transitions != null) transitions.startState(id);
        boolean decoded = false;
        // under a preemption bound, a state is judged on its every move, not on those within the bound
        if (bound != null ? e.judged[s] == Expansion.STUCK : n == 0) {
            decodeParent(id);
            decoded = true;
            findings.stuck(parentValues, id);
        } else if (bound != null ? e.judged[s] == Expansion.INTERRUPTS_ONLY : model.interruptsOnly(e.action, e.first[s], n)) {
            decodeParent(id);
            decoded = true;
            findings.quiescent(parentValues, id);
        }
        int epoch = store.epoch();
        for (int m = e.first[s]; m < e.first[s] + n; m++) {
            transientStates += e.passed[m];
            int slot = e.epoch == epoch ? e.known[m] : -1; // a rehash moved every slot
            boolean reports = model.reports[e.action[m]];
            boolean repeat = Expansion.isRepeat(e.known[m]); // an earlier move of e reached it: stored by now
            if ((slot >= 0 || repeat) && transitions == null && !reports) continue; // known, and nothing to record
            int base = m * words;
            if (repeat) slot = store.find(e.successor, base, e.key[m]);
            boolean added = false;
            if (slot < 0) {
                int r = store.addIfAbsent(e.successor, base, e.key[m], id);
                epoch = store.epoch();
                added = r >= 0;
                slot = added ? r : -r - 1;
            }
            Action a = model.byId[e.action[m]];
            int child = added ? slot : transitions != null || reports ? store.idAt(slot) : -1;
            if (transitions != null) transitions.add(child);
            if (reports) {
                if (!decoded) decodeParent(id);
                decoded = true;
                concreteChild(a);
                findings.move(a, parentValues, childValues, child);
            }
            if (!added) continue;
            maxDepth = Math.max(maxDepth, childDepth);
            if (depth != null) depth.add(childDepth);
            if (model.invariants.length > 0) {
                model.packing.decode(e.successor, base, childValues);
                admit(childValues, child);
            }
            if (stuckOnGeneration) judgeIfStuck(e.successor, base, child);
            if (store.compact() || depth != null) keepForNextLevel(e.successor, base);
        }
    }

    /** Decodes an expanded state: from the visited set, the kept level, or the state being expanded depth-first. */
    private void decodeParent(int id) {
        if (depth != null) {
            System.arraycopy(current, 0, parentWords, 0, words);
        } else if (store.compact()) {
            System.arraycopy(level, (id - levelStart) * words, parentWords, 0, words);
        } else {
            store.get(id, parentWords, 0);
        }
        model.packing.decode(parentWords, 0, parentValues);
    }

    /** The successor as the move made it (stored ones may be renamed by symmetry), decoded. */
    private void concreteChild(Action a) {
        a.apply(parentWords, 0, parentValues, model.packing, childWords, 0, new int[Math.max(1, a.computedWrites())]);
        model.packing.decode(childWords, 0, childValues);
    }

    private void keepForNextLevel(long[] src, int base) {
        if ((nextLevelSize + 1) * words > nextLevel.length) {
            reserve(16L * nextLevel.length);
            nextLevel = Arrays.copyOf(nextLevel, nextLevel.length * 2);
        }
        System.arraycopy(src, base, nextLevel, nextLevelSize * words, words);
        nextLevelSize++;
    }

    /**
     * Under --first (or the check of shortest traces), when a stuck state is the only finding a
     * model can have (no move reports one, no invariant, no interrupt), a new state is judged as it
     * is stored: the first stuck one stored is the one {@link #stuckFirst} would judge first on the
     * next level (ids are in storing order), found without storing the rest of that level. Under
     * --first, partial-order reduction stays on then (its stuck states keep their depths).
     */
    boolean onlyStuckStatesAreFound() {
        for (boolean r : model.reports) {
            if (r) return false;
        }
        return model.invariants.length == 0 && program.interrupts().isEmpty();
    }

    private void judgeIfStuck(long[] successor, int base, int id) {
        if (unexplored.get(id) || stuckJudge().canMove(successor, base)) return;
        model.packing.decode(successor, base, childValues);
        findings.stuck(childValues, id);
    }

    private Expander stuckJudge;

    private Expander stuckJudge() {
        if (stuckJudge == null) stuckJudge = expander();
        return stuckJudge;
    }

    /** A new state is explored unless it breaks an invariant. */
    private void admit(int[] v, int id) {
        int broken = model.brokenInvariant(v);
        if (broken < 0) return;
        unexplored.set(id);
        findings.invariant(broken, v, id);
    }

    private void depthFirst(long[] root) {
        depth = new IntList(this::reserve);
        depth.add(0);
        stack = new IntList(this::reserve);
        List<long[]> states = new ArrayList<>();
        if (!unexplored.get(0)) {
            stack.add(0);
            states.add(root);
        }
        Expander x = expander();
        Expansion e = new Expansion(words);
        nextLevel = new long[16 * words];
        while (stack.size() > 0) {
            int id = stack.removeLast();
            current = states.remove(states.size() - 1);
            e.clear();
            x.expand(id, current, 0, e);
            x.lookUp(e);
            int before = store.size();
            nextLevelSize = 0;
            if (!merge(e, depth.get(id) + 1)) return;
            for (int child = before; child < store.size(); child++) {
                if (unexplored.get(child)) continue;
                stack.add(child);
                states.add(Arrays.copyOfRange(nextLevel, (child - before) * words, (child - before + 1) * words));
            }
        }
        finish();
    }

    int stateCount() {
        return store.size();
    }

    long stateBytes() {
        return store.stateBytes();
    }

    int parent(int id) {
        return parents == null ? store.parent(id) : parents.of(id);
    }

    /** The breadth-first depth of a stored state: the level its id falls in. */
    int depthOf(int id) {
        if (id >= levelEnd) return levels.size();
        int d = java.util.Collections.binarySearch(levels, id);
        return d >= 0 ? d : -d - 2;
    }

    /** The first id of a level (the level being stored when the search stopped included). */
    int levelStart(int depth) {
        return depth < levels.size() ? levels.get(depth) : levelEnd;
    }

    boolean explored(int id) {
        return !unexplored.get(id);
    }

    State state(int id) {
        if (store.compact()) return rebuild(id);
        long[] packed = new long[words];
        store.get(id, packed, 0);
        int[] v = new int[model.packing.fields];
        model.packing.decode(packed, 0, v);
        return bridge.toState(v);
    }

    boolean reaches(State result, int id) {
        long[] packed = packed(result);
        if (store.compact()) return PackedStore.key(packed, 0, words) == store.fingerprint(id);
        long[] stored = new long[words];
        store.get(id, stored, 0);
        // the preemption bound's word says how a run got there, not where it is
        int scenario = model.packing.words;
        return Arrays.equals(packed, 0, scenario, stored, 0, scenario);
    }

    /** A reference state packed as stored (canonical under symmetry). */
    private long[] packed(State s) {
        int[] v = bridge.toValues(s);
        long[] packed = new long[words];
        model.packing.encode(v, packed, 0);
        canonical(packed);
        return packed;
    }

    private Expander chainJudge;

    /**
     * The move a chain takes from {@code s} ({@link Chains}), its newness aside: of the moves of
     * {@code s}, the first whose successor is the one-move set's; null where no chain goes on.
     */
    @Override
    Move chainMove(State s) {
        if (!chains) return null;
        if (chainJudge == null) chainJudge = expander();
        long[] next = new long[words];
        if (!chainJudge.onlyMove(packed(s), 0, next, 0)) return null;
        for (Move m : semantics.successors.of(s)) {
            if (Arrays.equals(packed(m.result()), next)) return m;
        }
        throw new IllegalStateException("a chain's move has no reference move");
    }

}
