package io.vmlock.graph;

import io.vmlock.ast.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lock order the scenario declares ({@code order a < b < c;}, outermost first), closed
 * transitively across declarations, checked against every edge of the lock-order graph.
 * Trylocks are exempt (taking one out of order is what trylock is for), and so are paths whose
 * conditions on stable variables can never hold.
 */
public final class DeclaredOrder {
    /** A declaration: its classes outermost first, and where it is written. */
    public record Chain(List<String> classes, SourceSpan span) {
        public Chain {
            classes = List.copyOf(classes);
            Objects.requireNonNull(span);
        }
    }

    /** outer -> (inner -> the declaration that says so). */
    private final Map<String, Map<String, SourceSpan>> outside = new LinkedHashMap<>();

    public DeclaredOrder(List<Chain> chains) {
        for (Chain c : chains) {
            for (int i = 0; i < c.classes().size(); i++) {
                for (int j = i + 1; j < c.classes().size(); j++) declare(c.classes().get(i), c.classes().get(j), c.span());
            }
        }
        close();
    }

    private void declare(String outer, String inner, SourceSpan span) {
        outside.computeIfAbsent(outer, k -> new LinkedHashMap<>()).putIfAbsent(inner, span);
    }

    /** Transitive closure: a < b and b < c declared in two places still make a < c. */
    private void close() {
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String a : new ArrayList<>(outside.keySet())) {
                for (Map.Entry<String, SourceSpan> b : new ArrayList<>(outside.get(a).entrySet())) {
                    for (String c : new ArrayList<>(outside.getOrDefault(b.getKey(), Map.of()).keySet())) {
                        if (!a.equals(c) && !outside.get(a).containsKey(c)) {
                            outside.get(a).put(c, b.getValue());
                            grew = true;
                        }
                    }
                }
            }
        }
    }

    public boolean isEmpty() {
        return outside.isEmpty();
    }

    /** Every dependency taking a lock declared outside one it holds, in graph order. */
    public List<OrderViolation> check(LockOrderGraph graph) {
        List<OrderViolation> violations = new ArrayList<>();
        for (LockEdge e : graph.edges()) {
            SourceSpan declared = outside.getOrDefault(e.target().name(), Map.of()).get(e.source().name());
            boolean contradictory = outside.getOrDefault(e.source().name(), Map.of()).containsKey(e.target().name());
            if (declared == null || contradictory) continue;
            for (Dependency d : e.dependencies()) {
                if (!d.acquired().trylock() && graph.mayHold(d)) violations.add(new OrderViolation(d, declared));
            }
        }
        return violations;
    }
}
