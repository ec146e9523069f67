package io.vmlock.graph;

import static io.vmlock.graph.Deps.dep;
import static io.vmlock.graph.Deps.mutex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.ast.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "Lock ordering" comment: direct steps only, indented by nesting, with the functions of each step. */
class HierarchyPrinterTest {
    private final LockClass a = mutex("a");
    private final LockClass b = mutex("b");
    private final LockClass c = mutex("c");
    private final LockClass d = mutex("d");
    private final LockClass e = mutex("e");

    /** The functions column starts at 37: the lock, padded to 36, then a space. */
    private static String line(String lock, String note) {
        StringBuilder l = new StringBuilder(lock);
        while (l.length() < 36) l.append(' ');
        return l + " " + note + "\n";
    }

    /** {@code thread} takes {@code to} under {@code from} inside procedure {@code function}. */
    private static Dependency in(String function, LockClass from, LockClass to) {
        SourceSpan span = SourceSpan.point("t.vmlock", 1, 1);
        Site site = new Site(span, "thread t", List.of(new Frame(function, span)));
        Held held = new Held(from, Instance.SINGLE, Access.EXCLUSIVE, site);
        return new Dependency(held, new Acquisition(to, Instance.SINGLE, Access.EXCLUSIVE, false, true, site),
                List.of(held), List.of(), List.of("t"));
    }

    private static String render(LockOrderGraph g, List<LockClass> order, List<LockEdge> excluded) {
        return new HierarchyPrinter(g, order, excluded).render();
    }

    @Test
    void transitiveStepsSelfLoopsAndTrylocksAreLeftOutLonelyClassesListed() {
        Held heldC = new Held(c, Instance.SINGLE, Access.EXCLUSIVE, Deps.site("t"));
        Dependency tryA = new Dependency(heldC, new Acquisition(a, Instance.SINGLE, Access.EXCLUSIVE, true, true,
                Deps.site("t")), List.of(heldC), List.of(), List.of("t"));
        LockOrderGraph g = Deps.graph(dep("t", a, b), dep("t", b, c), dep("t", a, c), dep("t", b, b), tryA);
        String expected = "/*\n * Lock ordering:\n *\n *  ->a\n"
                + line(" *    ->b", "(thread t)")
                + line(" *      ->c", "(thread t)")
                + " *\n * Never nested with another lock: d\n */\n";
        assertEquals(expected, render(g, List.of(a, b, c, d), List.of()));
    }

    @Test
    void aSharedInnerLockIsPrintedUnderEachOuterOnceExpanded() {
        LockOrderGraph g = Deps.graph(dep("t", a, b), dep("t", a, c), dep("t", b, d), dep("t", c, d), dep("t", d, e));
        String expected = "/*\n * Lock ordering:\n *\n *  ->a\n"
                + line(" *    ->b", "(thread t)")
                + line(" *      ->d", "(thread t)")
                + line(" *        ->e", "(thread t)")
                + line(" *    ->c", "(thread t)")
                + line(" *      ->d", "(thread t)  (nesting continues above)")
                + " */\n";
        assertEquals(expected, render(g, List.of(a, b, c, d, e), List.of()));
    }

    @Test
    void childrenFollowTheOrderNotTheEdges() {
        LockOrderGraph g = Deps.graph(dep("t", a, c), dep("t", a, b));
        String expected = "/*\n * Lock ordering:\n *\n *  ->a\n"
                + line(" *    ->c", "(thread t)")
                + line(" *    ->b", "(thread t)")
                + " */\n";
        assertEquals(expected, render(g, List.of(a, c, b), List.of()));
    }

    @Test
    void excludedEdgesAreNotSteps() {
        LockOrderGraph g = Deps.graph(dep("t", a, b), dep("t", b, a));
        String expected = "/*\n * Lock ordering:\n *\n *  ->a\n" + line(" *    ->b", "(thread t)") + " */\n";
        assertEquals(expected, render(g, List.of(a, b), List.of(g.edge(b, a).orElseThrow())));
    }

    @Test
    void atMostThreeFunctionsAreNamedPerStep() {
        List<Dependency> deps = new ArrayList<>();
        for (String f : List.of("f1", "f2", "f3", "f4")) deps.add(in(f, a, b));
        deps.add(in("g1", b, c));
        deps.add(in("g2", b, c));
        deps.add(in("g3", b, c));
        LockOrderGraph g = Deps.graph(deps.toArray(Dependency[]::new));
        String out = render(g, List.of(a, b, c), List.of());
        String expected = "/*\n * Lock ordering:\n *\n *  ->a\n"
                + line(" *    ->b", "(f1, f2, f3, others)")
                + line(" *      ->c", "(g1, g2, g3)")
                + " */\n";
        assertEquals(expected, out);
    }
}
