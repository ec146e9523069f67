package io.vmlock.explore;

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

    public record Options(Order order, Limits limits) {
        public static Options defaults() {
            return new Options(Order.BFS, Limits.defaults());
        }
    }

    private Explorer() {
    }

    public static CheckResult check(IrProgram program, Options options) {
        long start = System.nanoTime();
        Search search = new Search(program, options.order() == Order.DFS, options.limits());
        search.run();
        List<String> notes = new ArrayList<>();
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
        for (Search.Found f : search.found.values()) findings.add(traces.finding(f));
        long millis = (System.nanoTime() - start) / 1_000_000;
        SearchStats stats = new SearchStats(search.store.size(), search.transitionCount, search.maxDepth, millis,
                search.peakMemory, search.store.bytesStored());
        return new CheckResult(program.mainFile(), findings, stats, search.stoppedBy, notes);
    }

    /** Runs that can go on forever without every non-daemon thread finishing. */
    private static void livelocks(Search search) {
        Livelock analysis = new Livelock(search.transitions, search.store.size());
        for (int rep : analysis.bottomRepresentatives()) {
            State s = search.codec.decode(search.store.get(rep));
            if (!unfinishedNonDaemon(search, s) || anyError(s)) continue;
            List<Integer> blocked = search.blockedIn(s);
            Optional<Problem> p = blocked.isEmpty() ? Optional.empty()
                    : search.waitFor().judge(s, blocked, search.successors);
            search.record(p.orElseGet(() -> runsForever(search, s)), rep);
        }
    }

    private static boolean unfinishedNonDaemon(Search search, State s) {
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

    private static Problem runsForever(Search search, State s) {
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
        List<io.vmlock.findings.BlockedAt> blocked = search.waitFor().blocked(s, search.blockedIn(s), search.successors);
        return new Problem(Verdict.HANG, "hang:forever:" + running, headline, List.of(), span, first, List.of(),
                List.of(), blocked);
    }
}
