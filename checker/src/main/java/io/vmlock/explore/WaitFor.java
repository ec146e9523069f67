package io.vmlock.explore;

import io.vmlock.findings.BlockedAt;
import io.vmlock.findings.WaitLink;
import io.vmlock.graph.SimpleCycles;
import io.vmlock.verdict.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Judges a state where threads are stuck: a cycle in the wait-for graph is a deadlock;
 * otherwise blocked non-daemon threads hang, unless an earlier finding explains them (a thread
 * stopped by a finding, or a lock left held by a finished thread).
 *
 * <p>The graph has the stuck threads and the resources they wait for; each resource points at
 * the threads holding it. A thread sleeping on an event (a {@code wait_event} condition, a
 * completion or a bit lock's clearing) waits for a resource of its own, "held" by every other
 * stuck thread, daemons included, whose remaining code could bring the event about before it
 * needs the event itself ({@link EventWriters}): it would, if it could move. So write(2) holding a page lock while it waits for a journal commit that
 * kjournald2 cannot finish without that page lock is a deadlock, and a wait that no stuck
 * thread could end is a hang.
 */
final class WaitFor {
    private final io.vmlock.ir.IrProgram program;
    private final Names names;
    private final Blocker blocker;
    private final EventWriters writers;

    WaitFor(io.vmlock.ir.IrProgram program, Names names, Blocker blocker) {
        this.program = program;
        this.names = names;
        this.blocker = blocker;
        this.writers = new EventWriters(program);
    }

    private boolean isSoftirq(String handler) {
        return program.interrupts().stream().anyMatch(i -> i.softirq() && i.name().equals(handler));
    }

    /** How the threads that cannot move are blocked, for a finding that does not judge them. */
    List<BlockedAt> blocked(State s, List<Integer> blocked, Successors successors) {
        List<BlockedAt> out = new ArrayList<>();
        for (int t : blocked) out.add(blocker.of(s, t, successors.positions(s, t)).blocked());
        return out;
    }

    /**
     * {@code blocked}: the threads that cannot move. Other unfinished threads (in a run that goes
     * on forever: a daemon looping) are running: they are not in the graph, but a hang says so
     * when one of them could have brought a waiter's event about.
     */
    Optional<Problem> judge(State s, List<Integer> blocked, Successors successors) {
        List<Blocker.Wait> waits = new ArrayList<>();
        Map<Integer, ThreadState> waiting = new HashMap<>();
        for (int t : blocked) {
            List<ControlFlow.Resolved> positions = successors.positions(s, t);
            waits.add(blocker.of(s, t, positions));
            positions.stream().filter(r -> r.stop() == ControlFlow.Stop.STEP).findFirst()
                    .ifPresent(r -> waiting.put(t, r.thread()));
        }
        Map<Integer, List<Integer>> running = new HashMap<>();
        Map<Integer, Boolean> selfMade = new HashMap<>();
        waits = withEvents(s, waits, blocked, waiting, running, selfMade);
        List<BlockedAt> at = waits.stream().map(Blocker.Wait::blocked).toList();
        Optional<Links> cycle = cycle(waits);
        if (cycle.isPresent()) return Optional.of(deadlock(cycle.get(), waits, at));
        return hang(s, waits, running, selfMade, at);
    }

    /**
     * Gives every event waiter its event as a resource held by the stuck threads that could bring
     * it about; {@code running} gets, per waiter, the running threads that could, and
     * {@code selfMade} the waiters whose own code after the wait ({@code waiting}: each blocked
     * thread where its control resolves to its wait), or an interrupt handler that may run on
     * them (false), could (and nobody else's).
     */
    private List<Blocker.Wait> withEvents(State s, List<Blocker.Wait> waits, List<Integer> blocked,
                                          Map<Integer, ThreadState> waiting, Map<Integer, List<Integer>> running,
                                          Map<Integer, Boolean> selfMade) {
        EventWriters.InState threads = writers.in(s);
        List<Blocker.Wait> out = new ArrayList<>();
        for (Blocker.Wait w : waits) {
            if (w.event().isEmpty()) {
                out.add(w);
                continue;
            }
            Blocker.Event e = w.event().get();
            List<Integer> makers = new ArrayList<>();
            List<Integer> others = new ArrayList<>();
            for (int t = 0; t < s.threads.length; t++) {
                if (t == w.thread() || s.threads[t].status != ThreadState.RUNNING) continue;
                if (!threads.canBringAbout(t, e.need())) continue;
                (blocked.contains(t) ? makers : others).add(t);
            }
            running.put(w.thread(), others);
            int self = w.thread();
            // its own code after the wait, or only an interrupt handler that may run on it
            ThreadState at = waiting.getOrDefault(self, s.threads[self]);
            if (makers.isEmpty() && others.isEmpty() && threads.afterItsWait(self, at, e.need(), true)) {
                selfMade.put(self, threads.afterItsWait(self, at, e.need(), false));
            }
            String what = e.what() + (makers.isEmpty() ? "" : ", which only " + threadNames(makers)
                    + (e.completion() ? " can complete" : " can make true"));
            out.add(w.withResource(Blocker.Resource.event("event:" + w.thread(), what, makers, e)));
        }
        return out;
    }

    private Optional<Links> cycle(List<Blocker.Wait> waits) {
        SimpleCycles<String> g = new SimpleCycles<>();
        for (Blocker.Wait w : waits) {
            String tv = "T" + w.thread();
            g.addVertex(tv);
            for (Blocker.Resource r : w.resources()) {
                g.addEdge(tv, r.id());
                for (int h : r.holders()) g.addEdge(r.id(), "T" + h);
            }
        }
        // the shortest cycles only: enumerating every simple cycle is exponential when many
        // threads wait for events each other can bring about (15 copies of a daemon: minutes)
        List<List<String>> cycles = g.shortest();
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

    /** A cycle's links with the keys of the resources they name, for telling findings apart. */
    private record Links(List<WaitLink> links, List<ProblemKey.Link> keys) {
    }

    private Links links(List<String> cycle, List<Blocker.Wait> waits) {
        List<WaitLink> links = new ArrayList<>();
        List<ProblemKey.Link> keys = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i += 2) {
            int t = Integer.parseInt(cycle.get(i).substring(1));
            String waited = cycle.get(i + 1);
            String held = cycle.get((i - 1 + cycle.size()) % cycle.size());
            Blocker.Resource wr = resource(waits, waited);
            Blocker.Resource hr = resource(waits, held);
            Blocker.Wait w = waits.stream().filter(x -> x.thread() == t).findFirst().orElseThrow();
            links.add(new WaitLink(names.thread(t), hr.heldBy(t), wr.waitedBy(w), w.interrupt(), Optional.empty(),
                    w.interrupt().filter(this::isSoftirq).isPresent()));
            keys.add(new ProblemKey.Link(names.canonicalThread(t), hr.key(), wr.key()));
        }
        return new Links(withQueues(links), keys);
    }

    /**
     * Says where a lock's queue closes the cycle: a thread that waits behind a writer queued
     * ahead of it, and that writer waiting for the thread after it, which holds the lock.
     */
    private static List<WaitLink> withQueues(List<WaitLink> links) {
        List<WaitLink> out = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            WaitLink l = links.get(i);
            WaitLink next = links.get((i + 1) % links.size());
            Optional<WaitLink.Behind> behind = Optional.empty();
            if (next.queued()) {
                behind = Optional.of(new WaitLink.Behind(next.thread(), WaitLink.Behind.How.QUEUED));
            } else if (l.queued()) {
                behind = Optional.of(new WaitLink.Behind(next.thread(),
                        next.holds().shared() ? WaitLink.Behind.How.HOLDS_READ : WaitLink.Behind.How.HOLDS_WRITE));
            }
            out.add(new WaitLink(l.thread(), l.holds(), l.waitsFor(), l.interrupt(), behind, l.softirq()));
        }
        return out;
    }

    private static Blocker.Resource resource(List<Blocker.Wait> waits, String id) {
        return waits.stream().flatMap(w -> w.resources().stream()).filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow();
    }

    private Problem deadlock(Links found, List<Blocker.Wait> waits, List<BlockedAt> blocked) {
        List<WaitLink> cycle = found.links();
        ProblemKey key = new ProblemKey.Deadlock(new HashSet<>(found.keys()));
        List<String> threads = cycle.stream().map(WaitLink::thread).distinct().toList();
        String headline = threads.size() == 1
                ? threads.get(0) + " waits for itself"
                : join(threads) + " wait for each other";
        List<String> details = cycle.stream().map(WaitLink::sentence).toList();
        int first = threadId(cycle.get(0).thread());
        return new Problem(Verdict.DEADLOCK, key, headline, details, at(waits, first), first,
                List.of(), cycle, blocked);
    }

    private Optional<Problem> hang(State s, List<Blocker.Wait> waits, Map<Integer, List<Integer>> running,
                                   Map<Integer, Boolean> selfMade, List<BlockedAt> blocked) {
        for (ThreadState t : s.threads) {
            if (t.status == ThreadState.ERROR) return Optional.empty();
        }
        java.util.Set<Integer> explained = explainedByFinished(s, waits, running);
        List<Blocker.Wait> hung = new ArrayList<>();
        for (Blocker.Wait w : waits) {
            if (program.threads().get(w.thread()).daemon() || explained.contains(w.thread())) continue;
            hung.add(w);
        }
        if (hung.isEmpty()) return Optional.empty();
        java.util.Set<ProblemKey.Hung> key = new HashSet<>();
        List<String> details = new ArrayList<>();
        for (Blocker.Wait w : hung) {
            key.add(new ProblemKey.Hung(names.canonicalThread(w.thread()), w.at().position(), w.waitsFor()));
            details.add(names.thread(w.thread()) + " waits for " + w.waitsFor() + why(w, waits, running, selfMade));
        }
        Blocker.Wait first = hung.get(0);
        String headline = join(hung.stream().map(w -> names.thread(w.thread())).toList())
                + (hung.size() == 1 ? " waits" : " wait") + " forever";
        return Optional.of(new Problem(Verdict.HANG, new ProblemKey.Hang(key), headline, details, first.at(),
                first.thread(), List.of(), List.of(), blocked));
    }

    /**
     * Why a hung thread's wait never ends: no thread could bring its event about; or those that
     * could are blocked themselves (and on what) or run on without ever doing so; or who holds
     * the lock it waits for.
     */
    private String why(Blocker.Wait w, List<Blocker.Wait> waits, Map<Integer, List<Integer>> running,
                       Map<Integer, Boolean> selfMade) {
        List<Integer> holders = new ArrayList<>();
        for (Blocker.Resource r : w.resources()) {
            for (int h : r.holders()) {
                if (!holders.contains(h)) holders.add(h);
            }
        }
        List<Integer> runners = running.getOrDefault(w.thread(), List.of());
        if (w.event().isPresent()) {
            if (holders.isEmpty() && runners.isEmpty() && selfMade.containsKey(w.thread())) {
                String t = names.thread(w.thread());
                // the waiter's own code after the wait would do it: a thread waiting for itself
                if (selfMade.get(w.thread())) return ", which only " + t + " itself could bring about, after the wait";
                return ", which only an interrupt handler on " + t + " could bring about, but no interrupt that "
                        + "arrives does";
            }
            if (holders.isEmpty() && runners.isEmpty()) return ", which no thread can bring about";
            List<String> reasons = new ArrayList<>();
            for (int h : holders) {
                Blocker.Wait hw = waitOf(waits, h);
                reasons.add(names.thread(h) + " waits for " + hw.waitsFor() + (hw.event().isPresent() ? "" : heldBy(hw)));
            }
            if (!runners.isEmpty()) {
                reasons.add(threadNames(runners) + (runners.size() == 1 ? " runs" : " run")
                        + " on forever without doing so");
            }
            List<Integer> all = new ArrayList<>(holders);
            all.addAll(runners);
            String verb = w.event().get().completion() ? " could complete it" : " could make it true";
            return "; only " + threadNames(all) + verb + ", but " + String.join(" and ", reasons);
        }
        return holders.isEmpty() ? ", which no thread can bring about" : heldBy(w);
    }

    /** {@code , held by migrate}: who holds the locks a thread waits for. */
    private String heldBy(Blocker.Wait w) {
        List<Integer> holders = new ArrayList<>();
        for (Blocker.Resource r : w.resources()) {
            for (int h : r.holders()) {
                if (!holders.contains(h)) holders.add(h);
            }
        }
        return holders.isEmpty() ? "" : ", held by " + threadNames(holders);
    }

    private static Blocker.Wait waitOf(List<Blocker.Wait> waits, int thread) {
        return waits.stream().filter(w -> w.thread() == thread).findFirst().orElseThrow();
    }

    private String threadNames(List<Integer> threads) {
        return join(threads.stream().map(names::thread).toList());
    }

    /**
     * The blocked threads whose wait only follows from a lock a finished thread left held (that
     * finding is reported already): one waits for a lock held by a finished thread or by such a
     * thread, or for an event that only such threads could bring about.
     */
    private static java.util.Set<Integer> explainedByFinished(State s, List<Blocker.Wait> waits,
                                                              Map<Integer, List<Integer>> running) {
        java.util.Set<Integer> explained = new java.util.HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Blocker.Wait w : waits) {
                if (explained.contains(w.thread())) continue;
                boolean why = false;
                for (Blocker.Resource r : w.resources()) {
                    if (r.event()) {
                        why |= !r.holders().isEmpty() && running.getOrDefault(w.thread(), List.of()).isEmpty()
                                && r.holders().stream().allMatch(explained::contains);
                    } else {
                        why |= r.holders().stream()
                                .anyMatch(h -> s.threads[h].status == ThreadState.FINISHED || explained.contains(h));
                    }
                }
                if (why) {
                    explained.add(w.thread());
                    changed = true;
                }
            }
        }
        return explained;
    }

    private static io.vmlock.ast.SourceSpan at(List<Blocker.Wait> waits, int thread) {
        return waitOf(waits, thread).at();
    }

    private int threadId(String name) {
        return program.threads().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().id();
    }

    static String join(List<String> names) {
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
