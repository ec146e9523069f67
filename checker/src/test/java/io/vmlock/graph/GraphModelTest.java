package io.vmlock.graph;

import static io.vmlock.graph.Deps.dep;
import static io.vmlock.graph.Deps.graph;
import static io.vmlock.graph.Deps.mutex;
import static io.vmlock.graph.Deps.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.ast.ObjectKind;
import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The graph's data: classes, instances, acquisitions, witnesses, cycles and their texts. */
class GraphModelTest {
    private final LockClass a = mutex("a");
    private final LockClass b = mutex("b");
    private final LockClass rw = LockClass.single("rw", LockKind.of(ObjectKind.RWSEM));

    private static Acquisition acq(LockClass c, Access access, boolean trylock, boolean irqsEnabled) {
        return new Acquisition(c, Instance.SINGLE, access, trylock, irqsEnabled, site("t"));
    }

    @Test
    void pseudoLocksAreNamedAsLockdepNamesThemAndSortAfterDeclaredClassesOfTheSameName() {
        assertEquals("fs_reclaim", LockClass.FS_RECLAIM.name());
        assertEquals("io_reclaim", LockClass.IO_RECLAIM.name());
        assertEquals("reclaim", LockClass.RECLAIM.name());
        assertEquals("hardirq", LockClass.HARDIRQ.name());
        assertEquals("fault(buf)", LockClass.fault("buf").name());
        assertEquals("irq context", LockClass.HARDIRQ.kind().description());
        assertEquals("fault", LockClass.fault("buf").kind().description());
        assertTrue(LockClass.FS_RECLAIM.isPseudo());
        assertFalse(a.isPseudo());
        assertEquals("mutex", a.kind().description());
        // a declared mutex called "reclaim" and the pseudo-lock: same name, declared first
        LockClass declared = mutex("reclaim");
        assertTrue(declared.compareTo(LockClass.RECLAIM) < 0);
        assertTrue(LockClass.RECLAIM.compareTo(declared) > 0);
        assertEquals(0, a.compareTo(mutex("a")));
        assertTrue(a.compareTo(b) < 0);
        // pseudo-locks rank among themselves in their declaration order, after every declared kind
        assertTrue(LockKind.Pseudo.RECLAIM.rank() > LockKind.of(ObjectKind.JOURNAL).rank());
        assertTrue(LockKind.Pseudo.RECLAIM.rank() < LockKind.Pseudo.FAULT.rank());
        assertTrue(LockKind.Pseudo.FAULT.modeWords().isEmpty());
    }

    @Test
    void onlyLocksAreLockKinds() {
        assertThrows(IllegalArgumentException.class, () -> LockKind.of(ObjectKind.COMPLETION));
    }

    @Test
    void aPerInstanceClassCountsItsInstancesASingleLockCountsOne() {
        LockClass pages = new LockClass("page_lock", LockKind.of(ObjectKind.MUTEX), List.of("P0", "P1", "P2"));
        assertTrue(pages.isPerInstance());
        assertEquals(3, pages.instanceCount());
        assertFalse(a.isPerInstance());
        assertEquals(1, a.instanceCount());
    }

    @Test
    void instancesLabelTheirHolds() {
        LockClass pages = new LockClass("page_lock", LockKind.of(ObjectKind.MUTEX), List.of("P0", "P1"));
        assertEquals("page_lock[P1]", new Held(pages, new Instance.Known(1, "P1"), Access.EXCLUSIVE, site("t")).label());
        assertEquals("page_lock[p?]", new Held(pages, new Instance.Unknown("p"), Access.EXCLUSIVE, site("t")).label());
        assertEquals("a", new Held(a, Instance.SINGLE, Access.EXCLUSIVE, site("t")).label());
        assertThrows(IllegalArgumentException.class, () -> new Instance.Known(-1, "x"));
        assertEquals("page_lock[P0]",
                new Acquisition(pages, new Instance.Known(0, "P0"), Access.EXCLUSIVE, false, true, site("t")).label());
    }

    @Test
    void anAcquisitionsModeNamesItsHoldItsTrylockAndDisabledInterrupts() {
        assertEquals("", acq(a, Access.EXCLUSIVE, false, true).mode());
        assertEquals("read", acq(rw, Access.SHARED, false, true).mode());
        assertEquals("write, trylock", acq(rw, Access.EXCLUSIVE, true, true).mode());
        assertEquals("irqs off", acq(a, Access.EXCLUSIVE, false, false).mode());
        LockClass journal = LockClass.single("j", LockKind.of(ObjectKind.JOURNAL));
        assertEquals("handle", acq(journal, Access.SHARED, false, true).mode());
        assertEquals("commit, irqs off", acq(journal, Access.EXCLUSIVE, false, false).mode());
    }

    @Test
    void aSiteNamesTheInnermostFunctionAndTheCallPath() {
        SourceSpan span = SourceSpan.point("f.vmlock", 3, 5);
        Site top = new Site(span, "thread writer", List.of());
        assertEquals("thread writer", top.function());
        assertEquals("thread writer", top.callPath());
        Site nested = new Site(span, "thread writer", List.of(new Frame("outer", span), new Frame("lock_page", span)));
        assertEquals("lock_page", nested.function());
        assertEquals("thread writer > outer > lock_page", nested.callPath());
        assertEquals(span.position() + " (thread writer > outer > lock_page)", nested.toString());
    }

    @Test
    void aDependencyDescribesBothEndsWithModeAndSites() {
        Held held = new Held(a, Instance.SINGLE, Access.EXCLUSIVE, site("t"));
        Acquisition read = acq(rw, Access.SHARED, false, true);
        Dependency d = new Dependency(held, read, List.of(held), List.of("t"));
        assertEquals("a -> rw (read) at " + read.site() + ", a taken at " + held.site().span().position(), d.describe());
        Dependency plain = dep("t", a, b);
        assertTrue(plain.describe().startsWith("a -> b at "), plain.describe());
        assertFalse(plain.heldShared());
        assertTrue(new Dependency(new Held(rw, Instance.SINGLE, Access.SHARED, site("t")), acq(a, Access.EXCLUSIVE, false, true),
                List.of(), List.of("t")).heldShared());
        assertThrows(IllegalArgumentException.class, () -> new Dependency(held, read, List.of(held), List.of()));
    }

    @Test
    void aSharedRequestIsARecursiveReadOnlyWithoutAWriterOfItsClass() {
        Held held = new Held(a, Instance.SINGLE, Access.EXCLUSIVE, site("t"));
        Dependency read = new Dependency(held, acq(rw, Access.SHARED, false, true), List.of(held), List.of("t"));
        Dependency write = new Dependency(held, acq(rw, Access.EXCLUSIVE, false, true), List.of(held), List.of("t"));
        assertTrue(read.recursiveRead(Set.of()));
        assertFalse(read.recursiveRead(Set.of(rw)));
        assertFalse(write.recursiveRead(Set.of()));
    }

    @Test
    void anEdgeWithOnlyTrylockWitnessesNeverBlocks() {
        Held held = new Held(a, Instance.SINGLE, Access.EXCLUSIVE, site("t"));
        Dependency tryB = new Dependency(held, acq(b, Access.EXCLUSIVE, true, true), List.of(held), List.of("t"));
        Dependency lockB = dep("u", a, b);
        LockOrderGraph trylockOnly = graph(tryB);
        LockEdge e = trylockOnly.edge(a, b).orElseThrow();
        assertFalse(e.isBlocking());
        assertEquals(List.of(), e.blocking());
        assertEquals(List.of(), trylockOnly.blockingEdges());
        assertEquals(1, trylockOnly.dependencyCount());
        LockOrderGraph both = graph(tryB, lockB);
        LockEdge mixed = both.edge(a, b).orElseThrow();
        assertTrue(mixed.isBlocking());
        assertEquals(2, mixed.paths());
        assertEquals(List.of(lockB), mixed.blocking());
        assertEquals(1, both.blockingEdges().get(0).paths(), "the blocking graph keeps only blocking witnesses");
        assertThrows(IllegalArgumentException.class, () -> new LockEdge(a, b, List.of()));
    }

    @Test
    void aTrylockCycleIsNoCyclicComponent() {
        Held heldB = new Held(b, Instance.SINGLE, Access.EXCLUSIVE, site("t"));
        Dependency tryA = new Dependency(heldB, acq(a, Access.EXCLUSIVE, true, true), List.of(heldB), List.of("t"));
        assertEquals(List.of(), graph(dep("u", a, b), tryA).cyclicComponents());
        assertEquals(List.of(Set.of(a, b)), graph(dep("u", a, b), dep("t", b, a)).cyclicComponents());
    }

    @Test
    void theGraphFindsClassesByNameAndKeepsLonelyClasses() {
        LockClass c = mutex("c");
        LockOrderGraph g = new LockGraphBuilder().addClass(c).add(dep("t", a, b)).noteWriter(b).build();
        assertEquals(List.of(c, a, b), g.classes());
        assertEquals(b, g.lockClass("b").orElseThrow());
        assertTrue(g.lockClass("nope").isEmpty());
        assertTrue(g.edge(b, a).isEmpty());
        assertEquals(Set.of(b), g.classesWithWriters());
    }

    @Test
    void duplicateWitnessesCountOnce() {
        Dependency d = dep("t", a, b);
        assertEquals(1, graph(d, d).dependencyCount());
    }

    @Test
    void aCycleStartsAtItsLeastClassAndMustChain() {
        LockClass c = mutex("c");
        LockOrderGraph g = graph(dep("t", a, b), dep("t", b, c), dep("t", c, a));
        LockEdge ab = g.edge(a, b).orElseThrow();
        LockEdge bc = g.edge(b, c).orElseThrow();
        LockEdge ca = g.edge(c, a).orElseThrow();
        LockCycle fromB = new LockCycle(List.of(bc, ca, ab));
        LockCycle fromC = new LockCycle(List.of(ca, ab, bc));
        assertEquals(List.of(ab, bc, ca), fromB.edges());
        assertEquals(fromB, fromC);
        assertEquals(List.of(a, b, c), fromC.classes());
        assertEquals("a -> b -> c -> a", fromC.toString());
        assertEquals(3, fromC.length());
        assertThrows(IllegalArgumentException.class, () -> new LockCycle(List.of(ab, ca)));
        assertThrows(IllegalArgumentException.class, () -> new LockCycle(List.of()));
    }

    @Test
    void cycleBoundsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new CycleFinder(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new CycleFinder(1, 0));
        CycleSearch one = new CycleFinder(1, 1).find(graph(dep("t", a, a)).graph());
        assertEquals(1, one.cycles().size());
    }

    @Test
    void anOrderViolationSaysWhatWasTakenUnderWhatAndWhereTheOrderIsDeclared() {
        Dependency d = dep("t", b, a);
        SourceSpan declared = SourceSpan.point("t.vmlock", 1, 1);
        String m = new OrderViolation(d, declared).message();
        assertEquals("a is taken at " + d.acquired().site().span().position() + " (thread t) while b is held (taken at "
                + d.held().site().span().position() + "), but the order declared at " + declared.position()
                + " puts a outside b", m);
    }

    @Test
    void theGraphsEdgesIterateInClassOrderWhateverOrderTheyWereAdded() {
        LockClass c = mutex("c");
        LockOrderGraph g = graph(dep("t", b, a), dep("t", a, c), dep("t", a, b));
        assertEquals("[a -> b, a -> c, b -> a]", List.copyOf(g.graph().edgeSet()).toString());
        assertEquals(List.copyOf(g.graph().edgeSet()), g.edges());
    }
}
