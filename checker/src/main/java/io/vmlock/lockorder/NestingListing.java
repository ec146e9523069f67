package io.vmlock.lockorder;

import io.vmlock.graph.Dependency;
import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockEdge;
import io.vmlock.graph.LockKind;
import io.vmlock.graph.LockOrderGraph;
import io.vmlock.graph.Nesting;
import io.vmlock.graph.NestingPoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nestings of a scenario as the "Lock ordering" comment at the top of mm/filemap.c lists
 * them: each lock under each lock it is taken in directly (not under one parent only), with the
 * mode it is taken in, the function that nests it, and the fault, reclaim or interrupt it is
 * reached through. Nothing orders locks no nesting relates; a cycle left (one that cannot close)
 * is marked where it turns back.
 */
final class NestingListing {
    private static final int FUNCTION_COLUMN = 40;
    private static final int MAX_FUNCTIONS = 3;
    /** A listing unfolds shared sub-lists; past this many lines it stops rather than grow without end. */
    private static final int MAX_LINES = 400;

    /** A lock as it appears under a parent: itself, and the contexts it is reached through. */
    private record Child(LockClass lock, String via) {
    }

    /** What the listing says about one parent-child step: modes and the functions making it. */
    private static final class Step {
        final Set<String> modes = new LinkedHashSet<>();
        final Set<String> functions = new LinkedHashSet<>();
    }

    private final List<LockClass> classes;
    private final Map<LockClass, Map<Child, Step>> children = new LinkedHashMap<>();
    private final Set<LockClass> nested = new HashSet<>();
    private final StringBuilder out = new StringBuilder();
    private int lines;

    /** {@code changed}: the edges a fix set changes, left out of the listing. */
    NestingListing(LockOrderGraph graph, Collection<LockEdge> changed) {
        this.classes = graph.classes().stream().filter(c -> !c.isPseudo()).toList();
        Set<List<LockClass>> skip = new HashSet<>();
        changed.forEach(e -> skip.add(List.of(e.source(), e.target())));
        for (LockEdge e : graph.edges()) {
            if (e.source().isPseudo() || e.target().isPseudo() || e.source().equals(e.target())) continue;
            if (skip.contains(List.of(e.source(), e.target()))) continue;
            e.blocking().stream().filter(Dependency::isInnermost).forEach(d -> add(Nesting.direct(d)));
        }
        for (Nesting n : Nesting.throughContexts(graph, List.of(LockKind.Pseudo.values()), true)) {
            boolean kept = n.hops().stream().noneMatch(d -> skip.contains(List.of(d.from(), d.to())));
            if (kept && !n.from().equals(n.to())) add(n);
        }
    }

    private void add(Nesting n) {
        Step step = children.computeIfAbsent(n.from(), k -> new LinkedHashMap<>())
                .computeIfAbsent(new Child(n.to(), n.via()), k -> new Step());
        if (!n.acquired().mode().isEmpty()) step.modes.add(n.acquired().mode());
        step.functions.add(NestingPoint.of(n.hops().get(0)).label());
        nested.add(n.to());
    }

    /** The comment block, ready to paste above the code it describes. */
    String render() {
        out.append("/*\n * Lock ordering:\n");
        Set<LockClass> shown = new HashSet<>();
        List<LockClass> roots = new ArrayList<>(classes.stream()
                .filter(c -> children.containsKey(c) && !nested.contains(c)).toList());
        // locks on a cycle that cannot close have a parent each: start from the first not yet shown
        for (LockClass c : classes) {
            if (children.containsKey(c) && !roots.contains(c)) roots.add(c);
        }
        for (LockClass root : roots) {
            if (shown.contains(root) && nested.contains(root)) continue;
            out.append(" *\n");
            line(root, 0, "", "");
            children(root, 1, new ArrayList<>(List.of(root)), shown);
        }
        if (lines > MAX_LINES) out.append(" *\n * (listing cut at ").append(MAX_LINES).append(" lines)\n");
        List<String> alone = classes.stream().filter(c -> !children.containsKey(c) && !nested.contains(c))
                .map(LockClass::name).toList();
        if (!alone.isEmpty()) out.append(" *\n * Never nested with another lock: ").append(String.join(", ", alone)).append('\n');
        out.append(" */\n");
        return out.toString();
    }

    private void children(LockClass parent, int depth, List<LockClass> path, Set<LockClass> shown) {
        shown.add(parent);
        for (Map.Entry<Child, Step> c : children.getOrDefault(parent, Map.of()).entrySet()) {
            if (lines > MAX_LINES) return;
            LockClass lock = c.getKey().lock();
            Step step = c.getValue();
            String what = (step.modes.isEmpty() ? "" : " (" + String.join(" or ", step.modes) + ")")
                    + (c.getKey().via().isEmpty() ? "" : ", " + c.getKey().via());
            boolean back = path.contains(lock);
            line(lock, depth, what, functions(step) + (back ? "  (back to " + lock.name() + ": a cycle, see below)" : ""));
            if (back) continue;
            path.add(lock);
            children(lock, depth + 1, path, shown);
            path.remove(path.size() - 1);
        }
    }

    private void line(LockClass c, int depth, String what, String note) {
        lines++;
        if (lines > MAX_LINES) return;
        StringBuilder l = new StringBuilder(" *  ").append("  ".repeat(depth)).append("->").append(c.name()).append(what);
        if (!note.isEmpty()) {
            while (l.length() < FUNCTION_COLUMN) l.append(' ');
            l.append(' ').append(note);
        }
        out.append(l).append('\n');
    }

    /** {@code (filemap_fault, others)}: the functions that make the step. */
    private static String functions(Step step) {
        List<String> shown = new ArrayList<>(step.functions).subList(0, Math.min(MAX_FUNCTIONS, step.functions.size()));
        List<String> all = new ArrayList<>(shown);
        if (step.functions.size() > MAX_FUNCTIONS) all.add("others");
        return "(" + String.join(", ", all) + ")";
    }
}
