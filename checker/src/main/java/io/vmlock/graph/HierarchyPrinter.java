package io.vmlock.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.TransitiveReduction;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * Prints a lock hierarchy the way the "Lock ordering" comments at the top of mm/filemap.c and
 * mm/rmap.c read: each lock indented under the lock it nests in, outermost first, with the
 * functions that establish the step. Only the direct steps are shown (the transitive reduction).
 */
public final class HierarchyPrinter {
    private static final int FUNCTION_COLUMN = 36;
    private static final int MAX_FUNCTIONS = 3;

    private final LockOrderGraph graph;
    private final List<LockClass> order;
    private final Graph<LockClass, LockEdge> reduced;
    private final Set<LockClass> expanded = new HashSet<>();
    private final StringBuilder out = new StringBuilder();

    /** {@code order}: the synthesized total order; {@code excluded}: edges left out (a fix set). */
    public HierarchyPrinter(LockOrderGraph graph, List<LockClass> order, Collection<LockEdge> excluded) {
        this.graph = graph;
        this.order = List.copyOf(order);
        this.reduced = reduction(graph, order, excluded);
    }

    private static Graph<LockClass, LockEdge> reduction(LockOrderGraph graph, List<LockClass> order,
                                                        Collection<LockEdge> excluded) {
        Set<List<LockClass>> skip = new HashSet<>();
        excluded.forEach(e -> skip.add(List.of(e.source(), e.target())));
        Graph<LockClass, LockEdge> dag = new DefaultDirectedGraph<>(null, null, false);
        order.forEach(dag::addVertex);
        for (LockEdge e : graph.edges()) {
            boolean loop = e.source().equals(e.target());
            if (e.isBlocking() && !loop && !skip.contains(List.of(e.source(), e.target()))) {
                dag.addEdge(e.source(), e.target(), e);
            }
        }
        TransitiveReduction.INSTANCE.reduce(dag);
        return dag;
    }

    /** The comment block, ready to paste above the code it describes. */
    public String render() {
        out.append("/*\n * Lock ordering:\n");
        for (LockClass root : order) {
            if (reduced.inDegreeOf(root) == 0 && reduced.outDegreeOf(root) > 0) {
                out.append(" *\n");
                line(root, 0, "");
                children(root, 1);
            }
        }
        List<String> alone = order.stream().filter(c -> reduced.degreeOf(c) == 0).map(LockClass::name).toList();
        if (!alone.isEmpty()) out.append(" *\n * Never nested with another lock: ").append(String.join(", ", alone)).append('\n');
        out.append(" */\n");
        return out.toString();
    }

    private void children(LockClass parent, int depth) {
        if (!expanded.add(parent)) return;
        List<LockClass> next = new ArrayList<>();
        reduced.outgoingEdgesOf(parent).forEach(e -> next.add(e.target()));
        next.sort((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
        for (LockClass child : next) {
            boolean more = expanded.contains(child) && reduced.outDegreeOf(child) > 0;
            line(child, depth, functions(parent, child) + (more ? "  (nesting continues above)" : ""));
            children(child, depth + 1);
        }
    }

    private void line(LockClass c, int depth, String note) {
        StringBuilder l = new StringBuilder(" *  ").append("  ".repeat(depth)).append("->").append(c.name());
        if (!note.isEmpty()) {
            while (l.length() < FUNCTION_COLUMN) l.append(' ');
            l.append(' ').append(note);
        }
        out.append(l).append('\n');
    }

    /** {@code (filemap_fault, lock_page, others)}: where the inner lock is taken under the outer. */
    private String functions(LockClass outer, LockClass inner) {
        Set<String> names = new LinkedHashSet<>();
        graph.edge(outer, inner).ifPresent(e -> e.blocking().forEach(d -> names.add(d.acquired().site().function())));
        List<String> shown = new ArrayList<>(names).subList(0, Math.min(MAX_FUNCTIONS, names.size()));
        List<String> all = new ArrayList<>(shown);
        if (names.size() > MAX_FUNCTIONS) all.add("others");
        return "(" + String.join(", ", all) + ")";
    }
}
