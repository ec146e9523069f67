package io.vmlock.sema;

import io.vmlock.ast.Decl;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Procedures may not recurse: call stacks must stay bounded for the search to end. Reported
 * once per group of mutually recursive procedures, at the first of them, with one cycle.
 */
final class RecursionCheck {
    private RecursionCheck() {
    }

    static void check(CallGraph g, Diagnostics diagnostics) {
        for (List<Integer> component : g.components()) {
            int start = component.get(0);
            boolean selfCall = g.edges(start).stream().anyMatch(e -> e.to() == start);
            if (component.size() == 1 && !selfCall) continue;
            report(g, shortestCycle(g, start, new HashSet<>(component)), diagnostics);
        }
    }

    private static void report(CallGraph g, List<CallGraph.Edge> cycle, Diagnostics diagnostics) {
        Decl.Proc first = g.procs().get(cycle.get(cycle.size() - 1).to());
        String name = first.name().name();
        List<String> through = cycle.subList(0, cycle.size() - 1).stream()
                .map(e -> "'" + g.procs().get(e.to()).name().name() + "'").toList();
        String chain = name + " -> " + cycle.stream().map(e -> g.procs().get(e.to()).name().name())
                .collect(Collectors.joining(" -> "));
        diagnostics.error(DiagnosticCode.RECURSIVE_CALL, cycle.get(0).callee().span(),
                "procedure '" + name + "' calls itself" + (through.isEmpty() ? "" : " through " + String.join(", ", through)),
                "call chain: " + chain, "procedures may not recurse: every call stack must stay bounded");
    }

    /** The shortest chain of calls from {@code start} back to it, inside its component. */
    private static List<CallGraph.Edge> shortestCycle(CallGraph g, int start, Set<Integer> component) {
        Map<Integer, CallGraph.Edge> reachedBy = new HashMap<>();
        Map<Integer, Integer> parent = new HashMap<>();
        Deque<Integer> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (CallGraph.Edge e : g.edges(u)) {
                if (e.to() == start) return path(reachedBy, parent, u, e);
                if (component.contains(e.to()) && !reachedBy.containsKey(e.to())) {
                    reachedBy.put(e.to(), e);
                    parent.put(e.to(), u);
                    queue.add(e.to());
                }
            }
        }
        throw new IllegalStateException("a component with a cycle has a cycle through each member");
    }

    private static List<CallGraph.Edge> path(Map<Integer, CallGraph.Edge> reachedBy, Map<Integer, Integer> parent,
                                             int last, CallGraph.Edge closing) {
        List<CallGraph.Edge> path = new ArrayList<>(List.of(closing));
        for (Integer v = last; reachedBy.containsKey(v); v = parent.get(v)) {
            path.add(reachedBy.get(v));
        }
        Collections.reverse(path);
        return path;
    }
}
