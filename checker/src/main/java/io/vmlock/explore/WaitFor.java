package io.vmlock.explore;

import io.vmlock.findings.WaitLink;
import io.vmlock.verdict.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.TarjanSimpleCycles;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Judges a state where threads are stuck: a cycle in the wait-for graph (threads and the
 * resources they wait for; each resource points at the threads holding it) is a deadlock;
 * otherwise blocked non-daemon threads hang, unless an earlier finding explains them (a thread
 * stopped by a finding, or a lock left held by a finished thread).
 */
final class WaitFor {
    private final io.vmlock.ir.IrProgram program;
    private final Names names;
    private final Blocker blocker;

    WaitFor(io.vmlock.ir.IrProgram program, Names names, Blocker blocker) {
        this.program = program;
        this.names = names;
        this.blocker = blocker;
    }

    /** {@code blocked}: the threads that cannot move, with where control leaves them. */
    Optional<Problem> judge(State s, List<Integer> blocked, Successors successors) {
        List<Blocker.Wait> waits = new ArrayList<>();
        for (int t : blocked) waits.add(blocker.of(s, t, successors.positions(s, t)));
        Optional<List<WaitLink>> cycle = cycle(waits);
        if (cycle.isPresent()) return Optional.of(deadlock(cycle.get(), waits, s));
        return hang(s, waits);
    }

    private Optional<List<WaitLink>> cycle(List<Blocker.Wait> waits) {
        Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (Blocker.Wait w : waits) {
            String tv = "T" + w.thread();
            g.addVertex(tv);
            for (Blocker.Resource r : w.resources()) {
                g.addVertex(r.id());
                if (!g.containsEdge(tv, r.id())) g.addEdge(tv, r.id());
                for (int h : r.holders()) {
                    g.addVertex("T" + h);
                    if (!g.containsEdge(r.id(), "T" + h)) g.addEdge(r.id(), "T" + h);
                }
            }
        }
        List<List<String>> cycles = new TarjanSimpleCycles<>(g).findSimpleCycles();
        return cycles.stream().map(WaitFor::rotate)
                .min(Comparator.<List<String>>comparingInt(List::size).thenComparing(List::toString))
                .map(c -> links(c, waits));
    }

    /** Starts the cycle at its lowest thread vertex, so equal cycles print alike. */
    private static List<String> rotate(List<String> cycle) {
        int start = -1;
        for (int i = 0; i < cycle.size(); i++) {
            if (!cycle.get(i).startsWith("T")) continue;
            if (start < 0 || threadOf(cycle.get(i)) < threadOf(cycle.get(start))) start = i;
        }
        List<String> r = new ArrayList<>(cycle.subList(start, cycle.size()));
        r.addAll(cycle.subList(0, start));
        return r;
    }

    private static int threadOf(String vertex) {
        return Integer.parseInt(vertex.substring(1));
    }

    private List<WaitLink> links(List<String> cycle, List<Blocker.Wait> waits) {
        List<WaitLink> links = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i += 2) {
            int t = Integer.parseInt(cycle.get(i).substring(1));
            String waited = cycle.get(i + 1);
            String held = cycle.get((i - 1 + cycle.size()) % cycle.size());
            Blocker.Resource wr = resource(waits, waited);
            Blocker.Resource hr = resource(waits, held);
            Blocker.Wait w = waits.stream().filter(x -> x.thread() == t).findFirst().orElseThrow();
            links.add(new WaitLink(names.thread(t), hr.heldAs(), hr.sharedHolders().contains(t), wr.waitedAs(),
                    w.sharedWait()));
        }
        return links;
    }

    private static Blocker.Resource resource(List<Blocker.Wait> waits, String id) {
        return waits.stream().flatMap(w -> w.resources().stream()).filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow();
    }

    private Problem deadlock(List<WaitLink> cycle, List<Blocker.Wait> waits, State s) {
        TreeSet<String> key = new TreeSet<>();
        for (WaitLink l : cycle) {
            String canonical = names.canonicalThread(threadId(l.thread()));
            key.add(canonical + "|" + l.holds() + "|" + l.waitsFor());
        }
        List<String> threads = cycle.stream().map(WaitLink::thread).distinct().toList();
        String headline = threads.size() == 1
                ? threads.get(0) + " waits for itself"
                : join(threads) + " wait for each other";
        List<String> details = cycle.stream().map(WaitLink::sentence).toList();
        int first = threadId(cycle.get(0).thread());
        return new Problem(Verdict.DEADLOCK, "deadlock:" + key, headline, details, at(waits, first), first,
                List.of(), cycle);
    }

    private Optional<Problem> hang(State s, List<Blocker.Wait> waits) {
        for (ThreadState t : s.threads) {
            if (t.status == ThreadState.ERROR) return Optional.empty();
        }
        List<Blocker.Wait> hung = new ArrayList<>();
        for (Blocker.Wait w : waits) {
            if (program.threads().get(w.thread()).daemon() || heldByFinished(s, w)) continue;
            hung.add(w);
        }
        if (hung.isEmpty()) return Optional.empty();
        TreeSet<String> key = new TreeSet<>();
        List<String> details = new ArrayList<>();
        for (Blocker.Wait w : hung) {
            key.add(names.canonicalThread(w.thread()) + "@" + w.at().position() + "|" + w.waitsFor());
            details.add(names.thread(w.thread()) + " waits for " + w.waitsFor() + ", which no thread can bring about");
        }
        Blocker.Wait first = hung.get(0);
        String headline = join(hung.stream().map(w -> names.thread(w.thread())).toList())
                + (hung.size() == 1 ? " waits" : " wait") + " forever";
        return Optional.of(new Problem(Verdict.HANG, "hang:" + key, headline, details, first.at(), first.thread()));
    }

    private boolean heldByFinished(State s, Blocker.Wait w) {
        for (Blocker.Resource r : w.resources()) {
            for (int h : r.holders()) {
                if (s.threads[h].status == ThreadState.FINISHED) return true;
            }
        }
        return false;
    }

    private static io.vmlock.ast.SourceSpan at(List<Blocker.Wait> waits, int thread) {
        return waits.stream().filter(w -> w.thread() == thread).findFirst().orElseThrow().at();
    }

    private int threadId(String name) {
        return program.threads().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().id();
    }

    static String join(List<String> names) {
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
