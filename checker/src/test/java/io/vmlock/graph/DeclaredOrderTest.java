package io.vmlock.graph;

import static io.vmlock.graph.Deps.dep;
import static io.vmlock.graph.Deps.graph;
import static io.vmlock.graph.Deps.mutex;
import static io.vmlock.graph.Deps.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code order a < b < c;} checked against the graph's edges. */
class DeclaredOrderTest {
    private final LockClass a = mutex("a");
    private final LockClass b = mutex("b");
    private final LockClass c = mutex("c");
    private final SourceSpan first = SourceSpan.point("t.vmlock", 100, 1);
    private final SourceSpan second = SourceSpan.point("t.vmlock", 200, 1);

    private static List<String> violations(DeclaredOrder order, LockOrderGraph g) {
        return order.check(g).stream().map(v -> v.nesting().from() + " -> " + v.nesting().to()
                + " against " + v.declaredAt().line()).toList();
    }

    @Test
    void noDeclarationIsEmptyAndFindsNothing() {
        DeclaredOrder none = new DeclaredOrder(List.of());
        assertTrue(none.isEmpty());
        assertEquals(List.of(), none.check(graph(dep("t", b, a))));
        assertFalse(new DeclaredOrder(List.of(new DeclaredOrder.Chain(List.of("a", "b"), first))).isEmpty());
    }

    @Test
    void everyPairOfAChainIsOrderedNotOnlyNeighbours() {
        DeclaredOrder order = new DeclaredOrder(List.of(new DeclaredOrder.Chain(List.of("a", "b", "c"), first)));
        LockOrderGraph g = graph(dep("t", a, b), dep("t", c, b), dep("t", c, a), dep("t", b, a));
        assertEquals(List.of("b -> a against 100", "c -> a against 100", "c -> b against 100"), violations(order, g));
    }

    @Test
    void chainsDeclaredApartCloseTransitivelyNamingTheFirstStep() {
        DeclaredOrder order = new DeclaredOrder(List.of(
                new DeclaredOrder.Chain(List.of("a", "b"), first),
                new DeclaredOrder.Chain(List.of("b", "c"), second)));
        assertEquals(List.of("c -> a against 100"), violations(order, graph(dep("t", c, a))));
        assertEquals(List.of("c -> b against 200"), violations(order, graph(dep("t", c, b))));
    }

    @Test
    void contradictoryDeclarationsJudgeNothingBetweenTheirClasses() {
        DeclaredOrder order = new DeclaredOrder(List.of(
                new DeclaredOrder.Chain(List.of("a", "b"), first),
                new DeclaredOrder.Chain(List.of("b", "a"), second)));
        assertEquals(List.of(), violations(order, graph(dep("t", b, a), dep("t", a, b))));
    }

    @Test
    void trylocksAreExempt() {
        DeclaredOrder order = new DeclaredOrder(List.of(new DeclaredOrder.Chain(List.of("a", "b"), first)));
        Held heldB = new Held(b, Instance.SINGLE, Access.EXCLUSIVE, site("t"));
        Dependency tryA = new Dependency(heldB, new Acquisition(a, Instance.SINGLE, Access.EXCLUSIVE, true, true, site("t")),
                List.of(heldB), List.of("t"));
        assertEquals(List.of(), violations(order, graph(tryA)));
        assertEquals(List.of("b -> a against 100"), violations(order, graph(dep("t", b, a))));
    }
}
