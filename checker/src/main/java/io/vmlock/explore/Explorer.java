package io.vmlock.explore;

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
import java.util.Optional;

/** Explores every interleaving of a lowered scenario and reports what it finds. */
public final class Explorer {
    public enum Order { BFS, DFS }

    /** Which successor function runs: the compiled one (falling back when a scenario cannot be compiled) or the reference. */
    public enum Engine { COMPILED, REFERENCE }

    /**
     * How to search. {@code threads} workers expand states in parallel (breadth-first only);
     * {@code hashCompact} stores 64-bit hashes instead of states (the result says how likely a
     * state was missed).
     */
    public record Options(Order order, Limits limits, Engine engine, int threads, boolean hashCompact) {
        public Options {
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        }

        /** The exact search on one thread. */
        public Options(Order order, Limits limits) {
            this(order, limits, Engine.COMPILED, 1, false);
        }

        public static Options defaults() {
            return new Options(Order.BFS, Limits.defaults());
        }
    }

    private Explorer() {
    }

    public static CheckResult check(IrProgram program, Options options) {
        long start = System.nanoTime();
        Semantics semantics = new Semantics(program);
        Exploration search = search(semantics, options);
        List<String> notes = new ArrayList<>(search.notes);
        if (search.transitions != null) {
            if (search.stoppedBy.isEmpty()) {
                livelocks(search);
            } else {
                notes.add("livelock check skipped: it needs a complete search");
            }
        }
        if (options.order() == Order.DFS) notes.add("depth-first search: traces are not necessarily shortest");
        Traces traces = new Traces(search);
        List<Finding> findings = new ArrayList<>();
        for (Exploration.Found f : search.found.values()) findings.add(traces.finding(f));
        long millis = (System.nanoTime() - start) / 1_000_000;
        SearchStats stats = new SearchStats(search.stateCount(), search.transitionCount, search.maxDepth, millis,
                search.peakMemory, search.stateBytes());
        return new CheckResult(program.mainFile(), findings, stats, search.stoppedBy, notes);
    }

    private static Exploration search(Semantics semantics, Options options) {
        if (options.engine() == Engine.COMPILED) {
            try {
                TransitionSystem system = SystemCompiler.compile(semantics.program);
                return compiled(semantics, system, options);
            } catch (Unsupported e) {
                // no finite control to compile (deep recursion): the reference semantics searches it as it is
            }
        }
        Search search = new Search(semantics, options.order() == Order.DFS, options.limits());
        search.run();
        return search;
    }

    /** Runs the compiled search, widening the layout and starting again when a nesting depth outgrows it. */
    private static Exploration compiled(Semantics semantics, TransitionSystem system, Options options) {
        int[] openHigh = new int[system.fields().size()];
        while (true) {
            Packing packing = new Packing(system, openHigh);
            try (Workers workers = new Workers(options.order() == Order.DFS ? 1 : options.threads())) {
                CompiledSearch search = new CompiledSearch(semantics, new CompiledModel(system, packing), options, workers);
                search.run();
                return search;
            } catch (Packing.Overflow e) {
                openHigh = packing.widened(e.field);
            }
        }
    }

    /** Runs that can go on forever without every non-daemon thread finishing. */
    private static void livelocks(Exploration search) {
        Livelock analysis = new Livelock(search.transitions, search.stateCount());
        for (int rep : analysis.bottomRepresentatives()) {
            State s = search.state(rep);
            if (!unfinishedNonDaemon(search, s) || anyError(s)) continue;
            List<Integer> blocked = search.blockedIn(s);
            Optional<Problem> p = blocked.isEmpty() ? Optional.empty()
                    : search.semantics.waitFor.judge(s, blocked, search.semantics.successors);
            search.record(p.orElseGet(() -> runsForever(search, s)), rep);
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
        return new Problem(Verdict.HANG, "hang:forever:" + running, headline, List.of(), span, first);
    }
}
