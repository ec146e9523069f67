package io.vmlock.graph;

import io.vmlock.ast.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The lock order the scenario declares ({@code order a < b < c;}, outermost first), closed
 * transitively across declarations, checked against every edge of the lock-order graph.
 * Trylocks are exempt (taking one out of order is what trylock is for).
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

    /**
     * Every dependency taking a lock declared outside one it holds, in graph order; then every
     * fault or reclaim entered under a lock whose path takes a lock declared outside it.
     */
    public List<OrderViolation> check(LockOrderGraph graph) {
        List<OrderViolation> violations = new ArrayList<>();
        for (LockEdge e : graph.edges()) {
            for (Dependency d : e.dependencies()) violation(Nesting.direct(d)).ifPresent(violations::add);
        }
        for (Nesting n : Nesting.throughContexts(graph, List.of(LockKind.Pseudo.FAULT, LockKind.Pseudo.RECLAIM), false)) {
            violation(n).ifPresent(violations::add);
        }
        return violations;
    }

    /** Whether the declarations put the nesting's inner lock outside its outer one; trylocks exempt. */
    public Optional<OrderViolation> violation(Nesting n) {
        SourceSpan declared = declaredBefore(n.to().name(), n.from().name());
        if (declared == null || declaredBefore(n.from().name(), n.to().name()) != null) return Optional.empty();
        if (n.hops().stream().anyMatch(d -> d.acquired().trylock())) return Optional.empty();
        return Optional.of(new OrderViolation(n, declared));
    }

    /** Where {@code outer < inner} is declared (directly or by transitivity), or null. */
    private SourceSpan declaredBefore(String outer, String inner) {
        return outside.getOrDefault(outer, Map.of()).get(inner);
    }

    /** Whether the declarations say {@code outer} is taken before {@code inner}, and not also the reverse. */
    public boolean orders(LockClass outer, LockClass inner) {
        return declaredBefore(outer.name(), inner.name()) != null && declaredBefore(inner.name(), outer.name()) == null;
    }
}
