package io.vmlock.explore;

import io.vmlock.budget.Budget;
import io.vmlock.budget.BudgetExhausted;
import io.vmlock.budget.Phase;
import io.vmlock.budget.StopSignal;
import io.vmlock.explore.system.DeadValues;
import io.vmlock.explore.system.SystemCompiler;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.explore.system.Unsupported;
import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.SearchStats;
import io.vmlock.ir.IrProgram;
import io.vmlock.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Explores every interleaving of a lowered scenario and reports what it finds. */
public final class Explorer {
    public enum Order { BFS, DFS }

    /** Which successor function runs: the compiled one (falling back when a scenario cannot be compiled) or the reference. */
    public enum Engine { COMPILED, REFERENCE }

    /**
     * State-space reductions of the compiled search. None changes the findings; each changes the
     * states stored. Traces stay shortest ones: symmetry and dead-value reduction keep depths
     * ({@link DeadValues}: a bisimulation quotient, whose livelock check may meet a run that never
     * ends sooner, never later), and when a search with
     * partial-order reduction finds something, a search without it runs again, only as deep as
     * it takes to meet every finding but deadlocks and hangs, whose reduced traces are shortest
     * already ({@link PartialOrder#keepsDepth}); the livelock check's findings, which that search
     * cannot meet before the graph is whole, keep the reduced graph's traces, with a note.
     */
    public record Reductions(boolean partialOrder, boolean symmetry, boolean deadValues, boolean chains) {
        public static final Reductions NONE = new Reductions(false, false, false, false);
        /** Every reduction, as the command line applies them by default. */
        public static final Reductions ALL = new Reductions(true, true, true, true);
        /** Every reduction but chains: every state of the reduced graph stored (the tests of each reduction's state counts). */
        public static final Reductions ALL_BUT_CHAINS = new Reductions(true, true, true, false);

        /**
         * {@code chains}: under partial-order reduction, states passed through on a chain of single
         * moves are not stored ({@link Chains}); meaningless without it.
         */
        public Reductions {
            chains &= partialOrder;
        }

        /** Partial-order and symmetry reduction as asked, no dead-value reduction and no chains. */
        public Reductions(boolean partialOrder, boolean symmetry) {
            this(partialOrder, symmetry, false);
        }

        /**
         * No chains: the reductions the tests of each one's state counts were written for (the
         * command line turns chains on with partial-order reduction).
         */
        public Reductions(boolean partialOrder, boolean symmetry, boolean deadValues) {
            this(partialOrder, symmetry, deadValues, false);
        }

        /** The same, without partial-order reduction (the searches that check shortest traces). */
        Reductions withoutPartialOrder() {
            return new Reductions(false, symmetry, deadValues, false);
        }

        /** The same, storing every state of the reduced graph (the search that checks deadlocks' traces under chains). */
        Reductions withoutChains() {
            return new Reductions(partialOrder, symmetry, deadValues, false);
        }
    }

    /**
     * How to search. {@code threads} workers expand states in parallel (breadth-first only);
     * {@code hashCompact} stores 64-bit hashes instead of states (the result says how likely a
     * state was missed); {@code explain} adds notes on how the search went (reductions applied,
     * the check of shortest traces); {@code first} stops the search at the first finding it meets
     * (breadth-first: one with a shortest trace), so other findings may exist; {@code progress}
     * hears how far a running search got; {@code preemptions} bounds the runs explored to those
     * with at most that many preemptions ({@link Preemptions}; the result is then incomplete), or
     * is {@link #UNBOUNDED}; {@code reducedBound}: the runs bounded are the partial-order reduced
     * graph's (when the search applies the reduction), not every run.
     */
    public record Options(Order order, Limits limits, Engine engine, int threads, boolean hashCompact,
                          Reductions reductions, boolean explain, boolean first, Progress progress, int preemptions,
                          boolean reducedBound) {
        /** {@link #preemptions} of a search with no preemption bound. */
        public static final int UNBOUNDED = -1;

        public Options {
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
            if (preemptions < UNBOUNDED) throw new IllegalArgumentException("preemptions must be at least 0");
            // a trace's states are found again by their hashes under hash compaction, and a stored
            // state's hash covers the bound's word, which a state of the reference semantics lacks
            if (preemptions != UNBOUNDED && hashCompact) {
                throw new IllegalArgumentException("a preemption bound needs exact states, not hash compaction");
            }
            if (reducedBound && preemptions == UNBOUNDED) {
                throw new IllegalArgumentException("a reduced bound needs a preemption bound");
            }
            java.util.Objects.requireNonNull(reductions);
            java.util.Objects.requireNonNull(progress);
        }

        public Options(Order order, Limits limits, Engine engine, int threads, boolean hashCompact,
                       Reductions reductions, boolean explain, boolean first, Progress progress) {
            this(order, limits, engine, threads, hashCompact, reductions, explain, first, progress, UNBOUNDED, false);
        }

        public Options(Order order, Limits limits, Engine engine, int threads, boolean hashCompact,
                       Reductions reductions, boolean explain, boolean first) {
            this(order, limits, engine, threads, hashCompact, reductions, explain, first, Progress.NONE);
        }

        /** The exact search on one thread. */
        public Options(Order order, Limits limits) {
            this(order, limits, Engine.COMPILED, 1, false, Reductions.NONE, false);
        }

        public Options(Order order, Limits limits, Engine engine, int threads, boolean hashCompact) {
            this(order, limits, engine, threads, hashCompact, Reductions.NONE, false);
        }

        public Options(Order order, Limits limits, Engine engine, int threads, boolean hashCompact,
                       Reductions reductions) {
            this(order, limits, engine, threads, hashCompact, reductions, false);
        }

        public Options(Order order, Limits limits, Engine engine, int threads, boolean hashCompact,
                       Reductions reductions, boolean explain) {
            this(order, limits, engine, threads, hashCompact, reductions, explain, false);
        }

        Options withReductions(Reductions r) {
            return new Options(order, limits, engine, threads, hashCompact, r, explain, first, progress, preemptions, reducedBound);
        }

        /** The same search, stopped at its first finding ({@code check --first}). */
        public Options withFirst(boolean stop) {
            return new Options(order, limits, engine, threads, hashCompact, reductions, explain, stop, progress, preemptions, reducedBound);
        }

        /** The same search, reporting how far it got to {@code p}. */
        public Options withProgress(Progress p) {
            return new Options(order, limits, engine, threads, hashCompact, reductions, explain, first, p, preemptions, reducedBound);
        }

        /**
         * The same search, bounded to runs with at most {@code k} preemptions ({@link Preemptions});
         * {@link #UNBOUNDED} for none.
         */
        public Options withPreemptions(int k) {
            return new Options(order, limits, engine, threads, hashCompact, reductions, explain, first, progress, k,
                    reducedBound && k != UNBOUNDED);
        }

        /**
         * The same search, its bound counting the preemptions of the partial-order reduced graph's
         * runs ({@code reduced}) or of every run ({@link Preemptions}).
         */
        public Options withReducedBound(boolean reduced) {
            return new Options(order, limits, engine, threads, hashCompact, reductions, explain, first, progress,
                    preemptions, reduced);
        }

        /** Whether the search explores only runs with at most {@link #preemptions} preemptions. */
        public boolean bounded() {
            return preemptions != UNBOUNDED;
        }

        public static Options defaults() {
            return new Options(Order.BFS, Limits.defaults());
        }
    }

    /** The note before the headline of a finding whose trace need not be a shortest one. */
    static final String LIVELOCK_TRACE = "trace not necessarily shortest (the livelock check ran on the partial-order "
            + "reduced graph): ";

    private static final String LIVELOCK_SKIPPED = "livelock check skipped: it needs a complete search";

    /**
     * Where the whole search stops at a limit, what still finishes: the runs with few preemptions
     * of the reduced graph (the 9-thread kitchen sink, which no complete search finishes, in
     * 119,972 states with one and 4,454,548 with two; README, "The kitchen sink").
     */
    static final String BOUNDED_HINT = "a bug-finding search of fewer runs may finish where this one did not: "
            + "--preemptions 1 --reduced-bound, then 2 (its findings are real; with none it is still incomplete)";

    private Explorer() {
    }

    /**
     * What a preemption bound means for the result: with findings, that their traces are shortest
     * within the bound; a scenario the compiled engine could not take was searched in full.
     */
    private static List<String> boundNotes(Exploration search, int k) {
        if (!(search instanceof CompiledSearch c)) {
            return List.of("preemption bound not applied: the reference semantics searched every run");
        }
        if (search.found.isEmpty()) return List.of();
        String runs = k + (k == 1 ? " preemption" : " preemptions");
        // the reduced graph's traces are checked by no search without it: that would be the exact bound's search
        if (c.por != null) {
            return List.of("preemption bound " + k + " on the partial-order reduced graph: each trace is a shortest "
                    + "among its runs with at most " + runs + "; a run it leaves out may be shorter");
        }
        return List.of("preemption bound " + k + ": each trace is a shortest among the runs with at most " + runs
                + "; a run with more may be shorter");
    }

    /** A search with a budget of its own, starting now. */
    public static CheckResult check(IrProgram program, Options options) {
        return check(program, options, options.limits().startBudget(new StopSignal()), Phase.SEARCH);
    }

    /**
     * A search within the file's {@code budget} (compiling the scenario included); when it runs
     * out the result is incomplete, naming {@code phase} or the compile step.
     */
    public static CheckResult check(IrProgram program, Options options, Budget budget, Phase phase) {
        try {
            return search(program, options, budget, phase);
        } finally {
            options.progress().end();
        }
    }

    private static CheckResult search(IrProgram program, Options options, Budget budget, Phase phase) {
        long start = System.nanoTime();
        List<String> notes = new ArrayList<>();
        TransitionSystem system;
        try {
            budget.check(phase);
            system = options.engine() == Engine.COMPILED ? compile(program, options, notes, budget) : null;
        } catch (BudgetExhausted e) {
            SearchStats none = new SearchStats(0, 0, 0, (System.nanoTime() - start) / 1_000_000, Budget.usedHeap(), 0);
            return new CheckResult(program.mainFile(), List.of(), none, Optional.of(e.reason()), notes);
        }
        Semantics semantics = new Semantics(program);
        Exploration search = system == null ? reference(semantics, options, budget, phase)
                : compiled(semantics, system, options, null, budget, phase);
        List<String> later = new ArrayList<>();
        java.util.Set<ProblemKey> beforeLivelocks = java.util.Set.copyOf(search.found.keySet());
        // the livelock check ran on the reduced graph: its findings' traces need not be shortest
        if (search.stoppedAtFirst) {
            later.add("--first: the search stopped at its first finding; other findings may exist");
        } else if (search.transitions != null) {
            if (search.stoppedBy.isEmpty()) {
                livelocks(search);
            } else {
                later.add(LIVELOCK_SKIPPED);
            }
        } else if (search instanceof CompiledSearch c && c.livelockCheckSkipped) {
            later.add(LIVELOCK_SKIPPED);
        }
        if (options.bounded()) {
            later.addAll(boundNotes(search, options.preemptions()));
        } else if (search.stoppedBy.isPresent() && search instanceof CompiledSearch c && c.por != null
                && options.order() == Order.BFS) {
            // --reduced-bound needs what this search had: the compiled engine, partial-order reduction, BFS
            later.add(BOUNDED_HINT);
        }
        if (search instanceof CompiledSearch c && c.por != null && !beforeLivelocks.containsAll(search.found.keySet())) {
            Exploration exact = withoutPartialOrder(semantics, system, options, budget, phase);
            if (exact != null) {
                search = exact;
                beforeLivelocks = java.util.Set.copyOf(search.found.keySet());
            }
        }
        if (options.order() == Order.DFS) later.add("depth-first search: traces are not necessarily shortest");
        List<Exploration> shortest = new ArrayList<>();
        if (search instanceof CompiledSearch c && c.por != null && !beforeLivelocks.isEmpty() && !options.bounded()) {
            java.util.Set<ProblemKey> targets = notShortestYet(beforeLivelocks, program);
            if (!targets.isEmpty()) {
                shortest.add(shortestTraces(semantics, system, options.withReductions(options.reductions().withoutPartialOrder()),
                        search, targets, budget, phase, "without partial-order reduction"));
            }
            // chains break the depths of deadlocks and hangs: the reduced search finds them again, storing every state
            java.util.Set<ProblemKey> deep = new java.util.HashSet<>(beforeLivelocks);
            deep.removeAll(targets);
            for (Exploration e : shortest) {
                if (e != search) deep.removeAll(e.found.keySet()); // met at their depths without partial-order reduction
            }
            if (c.chains && !deep.isEmpty()) {
                shortest.add(shortestTraces(semantics, system, options.withReductions(options.reductions().withoutChains()),
                        search, deep, budget, phase, "with partial-order reduction and no chains"));
            } else if (targets.isEmpty() && options.explain()) {
                search.notes.add("shortest traces: the partial-order reduced search's own (its deadlocks and hangs "
                        + "are met at their real depths)");
            }
        }
        List<Finding> findings = findings(search, shortest, beforeLivelocks, later);
        notes.addAll(search.notes);
        notes.addAll(later);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = search.peakMemory;
        for (Exploration e : shortest) peak = Math.max(peak, e.peakMemory);
        SearchStats stats = new SearchStats(search.stateCount(), search.transitionCount, search.maxDepth, millis,
                peak, search.stateBytes());
        return new CheckResult(program.mainFile(), findings, stats, search.stoppedBy, notes)
                .withObjectKinds(program.objectKinds());
    }

    /**
     * Each finding with its trace: from the first check of shortest traces that met the finding.
     * The livelock check's findings ({@code searched} holds the others) they cannot meet: they stop
     * before the graph is whole. Under partial-order reduction their traces are the reduced
     * graph's, and a note names each.
     */
    private static List<Finding> findings(Exploration search, List<Exploration> shortest, java.util.Set<ProblemKey> searched,
                                          List<String> notes) {
        List<Finding> findings = new ArrayList<>();
        boolean reducedTraces = false;
        for (ProblemKey key : keys(search, shortest)) {
            Exploration from = shortest.stream().filter(e -> e.found.containsKey(key)).findFirst().orElse(search);
            boolean reduced = from instanceof CompiledSearch c && c.por != null;
            boolean chained = from instanceof CompiledSearch c && c.chains;
            // under the reduced bound no search checks traces: the bound's note says what they are
            boolean bounded = from instanceof CompiledSearch c && c.bound != null;
            Finding f = new Traces(from).finding(from.found.get(key));
            if (reduced && !searched.contains(key)) {
                notes.add(LIVELOCK_TRACE + f.headline());
            } else if ((chained || !PartialOrder.keepsDepth(key, search.program)) && !bounded) {
                reducedTraces |= reduced;
            }
            findings.add(f);
        }
        if (reducedTraces) notes.add("traces may not be shortest: the search without reductions that checks them hit a limit");
        return findings;
    }

    /** The reduced search's findings whose traces need the search without partial-order reduction. */
    private static java.util.Set<ProblemKey> notShortestYet(java.util.Set<ProblemKey> found, IrProgram program) {
        java.util.Set<ProblemKey> targets = new java.util.HashSet<>(found);
        targets.removeIf(k -> PartialOrder.keepsDepth(k, program));
        return targets;
    }

    /** The keys of every finding: the reduced search's, and any the checks of shortest traces met on their way. */
    private static List<ProblemKey> keys(Exploration search, List<Exploration> shortest) {
        List<ProblemKey> keys = new ArrayList<>(search.found.keySet());
        for (Exploration e : shortest) {
            for (ProblemKey k : e.found.keySet()) {
                if (!keys.contains(k)) keys.add(k);
            }
        }
        return keys;
    }

    /**
     * A breadth-first search with {@code options} ({@code how}: without partial-order reduction,
     * or, for deadlocks and hangs under chains, with it but without chains), stopped as soon as
     * it has met every finding of {@code targets}: the first time it meets one is a shortest trace
     * to it ({@link PartialOrder#keepsDepth} for the second). Symmetry and dead-value reduction
     * stay: a state's depth is its renamings' depth, and its class's under dead-value reduction,
     * so they keep traces shortest. The reduced search itself when it does not meet them all.
     */
    private static Exploration shortestTraces(Semantics semantics, TransitionSystem system, Options options,
                                              Exploration reduced, java.util.Set<ProblemKey> targets, Budget budget,
                                              Phase phase, String how) {
        Exploration again = compiled(semantics, system, options, targets, budget, phase);
        if (options.explain()) {
            reduced.notes.add(String.format(Locale.ROOT, "shortest traces: a breadth-first search %s "
                    + "stored %,d states, to depth %d, to confirm them", how, again.stateCount(), again.maxDepth));
        }
        if (!again.found.keySet().containsAll(targets)) {
            return reduced;
        }
        return again;
    }

    /**
     * The livelock check found a run that never ends on the partial-order reduced graph, whose
     * depths are not the real ones: the whole search again without it, so every trace is a
     * shortest one; null (the reduced search's findings stand, with a note) when it hits a limit.
     */
    private static Exploration withoutPartialOrder(Semantics semantics, TransitionSystem system, Options options,
                                                   Budget budget, Phase phase) {
        Exploration again = compiled(semantics, system, options.withReductions(options.reductions().withoutPartialOrder()),
                null, budget, phase);
        if (again.stoppedBy.isPresent()) return null;
        livelocks(again);
        if (options.explain()) {
            again.notes.add("partial-order reduction: the livelock check found a run that never ends, so the search ran "
                    + "again without it for shortest traces");
        }
        return again;
    }

    /**
     * The compiled system, or null when the scenario has no finite control (deep recursion) or
     * control too branchy to compile: the reference semantics searches it as it is.
     */
    private static TransitionSystem compile(IrProgram program, Options options, List<String> notes, Budget budget) {
        try {
            TransitionSystem system = SystemCompiler.compile(program, budget);
            return options.reductions().deadValues() ? DeadValues.reduce(system) : system;
        } catch (Unsupported e) {
            if (options.explain()) {
                notes.add("compiled engine not used: " + e.span().position() + ": " + e.getMessage()
                        + "; the reference semantics searched the scenario instead");
            }
            return null;
        }
    }

    private static Exploration reference(Semantics semantics, Options options, Budget budget, Phase phase) {
        Search search = new Search(semantics, options.order() == Order.DFS, options.limits(), budget, phase);
        search.run();
        return search;
    }

    /** Runs the compiled search, widening the layout and starting again when a nesting depth outgrows it. */
    private static CompiledSearch compiled(Semantics semantics, TransitionSystem system, Options options,
                                          java.util.Set<ProblemKey> targets, Budget budget, Phase phase) {
        int[] openHigh = new int[system.fields().size()];
        while (true) {
            Packing packing = new Packing(system, openHigh);
            CompiledModel model = new CompiledModel(system, packing);
            try (Workers workers = new Workers(options.order() == Order.DFS ? 1 : options.threads())) {
                CompiledSearch search = new CompiledSearch(semantics, model, options, workers, targets, budget, phase);
                search.run();
                return search;
            } catch (Packing.Overflow e) {
                openHigh = packing.widened(e.field);
            }
        }
    }

    /**
     * Runs that go on forever without every non-daemon thread finishing, and, with interrupts
     * (which can always arrive, so no state is stuck), deadlocks and hangs: a bottom component
     * whose threads only take interrupts.
     */
    private static void livelocks(Exploration search) {
        Livelock analysis = new Livelock(search.transitions, search.stateCount());
        for (int rep : analysis.bottomRepresentatives(search.quiescent)) {
            State s = search.state(rep);
            if (anyError(s)) continue;
            List<Integer> blocked = search.blockedIn(s);
            Optional<Problem> p = blocked.isEmpty() ? Optional.empty()
                    : search.semantics.waitFor.judge(s, blocked, search.semantics.successors);
            if (!unfinishedNonDaemon(search, s)) {
                // Daemons left, which need not finish. With interrupts, where no state is stuck, a
                // deadlock among them is found here, as a stuck state shows it without interrupts.
                if (!search.program.interrupts().isEmpty()) {
                    p.filter(x -> x.verdict() == Verdict.DEADLOCK).ifPresent(x -> search.record(x, rep));
                }
                continue;
            }
            // where only interrupts come and go, going round them says nothing: no loop
            List<Integer> loop = search.quiescent.get(rep) ? List.of() : analysis.shortestLoop(rep);
            search.record(p.orElseGet(() -> runsForever(search, s)), rep, loop);
        }
    }

    private static boolean unfinishedNonDaemon(Exploration search, State s) {
        for (int t = 0; t < s.threads.length; t++) {
            if (s.threads[t].status == ThreadState.RUNNING && !search.program.threads().get(t).daemon()) return true;
        }
        return false;
    }

    private static boolean anyError(State s) {
        for (ThreadState t : s.threads) {
            if (t.status == ThreadState.ERROR) return true;
        }
        return false;
    }

    private static Problem runsForever(Exploration search, State s) {
        List<String> running = new ArrayList<>();
        int first = -1;
        for (int t = 0; t < s.threads.length; t++) {
            if (s.threads[t].status != ThreadState.RUNNING || search.program.threads().get(t).daemon()) continue;
            running.add(search.names.thread(t));
            if (first < 0) first = t;
        }
        String headline = WaitFor.join(running) + " never " + (running.size() == 1 ? "finishes" : "finish")
                + ": the scenario can only run in circles from here";
        var span = search.program.procedure(s.threads[first].frames[0].proc).span();
        List<io.vmlock.findings.BlockedAt> blocked = search.semantics.waitFor.blocked(s, search.blockedIn(s), search.semantics.successors);
        return new Problem(Verdict.HANG, new ProblemKey.RunsForever(running), headline, List.of(), span, first,
                List.of(), List.of(), blocked);
    }
}
