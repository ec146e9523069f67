package io.vmlock.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How one real lock comes to be taken under another: directly (one dependency), or through the
 * contexts the holder enters on the way, each a pseudo-lock of the graph: page_lock -> fault(buf)
 * -> mmap_lock is "mmap_lock, via a fault in copy_from_user". lockdep sees through them alike.
 */
public record Nesting(List<Dependency> hops) {
    /** Contexts entered in a row before a lock is taken: fault, then reclaim, then an interrupt. */
    static final int MAX_CONTEXTS = 3;

    public Nesting {
        hops = List.copyOf(hops);
        if (hops.isEmpty()) throw new IllegalArgumentException("a nesting has a dependency");
        for (int i = 0; i + 1 < hops.size(); i++) {
            if (!hops.get(i).to().equals(hops.get(i + 1).from()) || !hops.get(i).to().isPseudo()) {
                throw new IllegalArgumentException("hops do not chain through contexts: " + hops);
            }
        }
    }

    public static Nesting direct(Dependency d) {
        return new Nesting(List.of(d));
    }

    public Held held() {
        return hops.get(0).held();
    }

    public Acquisition acquired() {
        return hops.get(hops.size() - 1).acquired();
    }

    public LockClass from() {
        return held().lock();
    }

    public LockClass to() {
        return acquired().lock();
    }

    /** The threads that hold the outer lock when they enter the first context. */
    public List<String> actors() {
        return hops.get(0).actors();
    }

    public boolean isDirect() {
        return hops.size() == 1;
    }

    /** The hops that enter a context, in order: their acquisitions are the entering operations. */
    public List<Dependency> entries() {
        return hops.subList(0, hops.size() - 1);
    }

    /** {@code "via a fault in copy_from_user"}; empty for a direct nesting. */
    public String via() {
        if (isDirect()) return "";
        return "via " + entries().stream().map(d -> context(d.acquired())).collect(Collectors.joining(", then "));
    }

    /** A context entered, in the kernel's words rather than the graph's pseudo-lock name. */
    public static String context(Acquisition entering) {
        LockKind.Pseudo kind = (LockKind.Pseudo) entering.lock().kind();
        String in = entering.entry().isEmpty() ? "" : " in " + entering.entry();
        return switch (kind) {
            case FAULT -> "a fault" + in;
            case RECLAIM -> "reclaim (" + entering.lock().name() + ")" + in;
            case HARDIRQ -> "an interrupt";
            case SOFTIRQ -> "a softirq";
        };
    }

    /**
     * Every nesting of a real lock under another through contexts of the given kinds: each
     * entering dependency continued by the first blocking witness of each edge after it (with
     * {@code innermost}, the first taken with only the context held, lockdep's direct step).
     */
    public static List<Nesting> throughContexts(LockOrderGraph graph, List<LockKind.Pseudo> kinds, boolean innermost) {
        List<Nesting> found = new ArrayList<>();
        for (LockEdge e : graph.edges()) {
            if (e.source().isPseudo() || !kinds.contains(e.target().kind())) continue;
            for (Dependency entry : e.blocking()) {
                if (!innermost || entry.isInnermost()) extend(graph, kinds, innermost, new ArrayList<>(List.of(entry)), found);
            }
        }
        return found;
    }

    private static void extend(LockOrderGraph graph, List<LockKind.Pseudo> kinds, boolean innermost,
                               List<Dependency> path, List<Nesting> found) {
        LockClass context = path.get(path.size() - 1).to();
        for (LockEdge e : graph.edges()) {
            if (!e.source().equals(context) || e.target().equals(context)) continue;
            Optional<Dependency> first = e.blocking().stream().filter(d -> !innermost || d.isInnermost()).findFirst();
            if (first.isEmpty()) continue;
            Dependency next = first.get();
            List<Dependency> longer = new ArrayList<>(path);
            longer.add(next);
            if (!e.target().isPseudo()) {
                found.add(new Nesting(longer));
            } else if (kinds.contains(e.target().kind()) && path.size() < MAX_CONTEXTS
                    && path.stream().noneMatch(d -> d.to().equals(e.target()))) {
                extend(graph, kinds, innermost, longer, found);
            }
        }
    }
}
