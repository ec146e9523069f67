package io.vmlock.lockorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.graph.GraphScenarios;
import io.vmlock.graph.LockClass;
import io.vmlock.solve.Feasibility;
import io.vmlock.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The graph pass on the acceptance scenarios: which cycles it finds, keeps and dismisses, and why. */
class LockOrderAnalysisTest {
    private static LockOrderReport resource(String name) {
        return LockOrderAnalysis.run(GraphScenarios.lower(name));
    }

    private static LockOrderReport inline(String source) {
        return LockOrderAnalysis.run(Scenarios.lower(source));
    }

    private static Feasibility only(LockOrderReport r) {
        assertEquals(1, r.verdicts().size(), () -> "cycles: " + r.cycles().cycles());
        return r.verdicts().get(0);
    }

    @Test
    void cycleThroughAGateLockIsDismissedNamingTheGate() {
        Feasibility f = only(resource("gate.vmlock"));
        assertEquals("a -> b -> a", f.cycle().toString());
        assertFalse(f.feasible());
        assertTrue(f.reason().startsWith("both paths hold sb_lock"), f.reason());
    }

    @Test
    void cycleOverDifferentPagesIsDismissedBecauseInstancesDiffer() {
        Feasibility f = only(resource("page_instances.vmlock"));
        assertEquals("page_lock -> sb_lock -> page_lock", f.cycle().toString());
        assertFalse(f.feasible());
        assertTrue(f.reason().startsWith("lockdep would report this; instances differ: page_lock[P1]"), f.reason());
    }

    @Test
    void classicInversionIsFeasibleWithBothThreads() {
        Feasibility f = only(resource("abba.vmlock"));
        assertTrue(f.feasible(), f.reason());
        assertEquals(List.of("t1", "t2"), f.threads());
    }

    @Test
    void fiveClassCycleThroughMmapLockAndTheJournalIsFound() {
        Feasibility f = only(resource("mmap_journal_cycle.vmlock"));
        assertEquals(5, f.cycle().length());
        List<String> names = f.cycle().classes().stream().map(LockClass::name).toList();
        assertTrue(names.containsAll(List.of("mmap_lock", "j", "wb_lock", "page_lock", "i_rwsem")), names::toString);
        assertTrue(f.feasible(), f.reason());
        assertEquals(5, f.threads().size());
    }

    @Test
    void irqUnsafeUseOfAnIrqSafeLockIsAnInversion() {
        Feasibility f = only(resource("irq_inversion.vmlock"));
        assertEquals("hardirq -> tree_lock -> hardirq", f.cycle().toString());
        assertTrue(f.feasible(), f.reason());
        assertEquals(List.of("writer"), f.threads());
        assertTrue(resource("irq_safe.vmlock").cycles().acyclic());
    }

    /** lockdep's inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W}: a cycle through the softirq context, not hardirq. */
    @Test
    void softirqUnsafeUseOfASoftirqSafeLockIsACycleThroughTheSoftirqContext() {
        LockOrderReport r = resource("softirq_inconsistent.vmlock");
        Feasibility f = only(r);
        assertEquals("softirq -> stats_lock -> softirq", f.cycle().toString());
        assertTrue(f.feasible(), f.reason());
        assertEquals(List.of("writer"), f.threads());
        assertEquals(List.of("softirq", "stats_lock"), r.build().graph().classes().stream().map(LockClass::name).sorted().toList());
        // spin_lock_bh masks the softirq: no cycle, and no hardirq vertex either
        LockOrderReport fixed = resource("softirq_safe.vmlock");
        assertTrue(fixed.cycles().acyclic());
        assertEquals("softirq -> stats_lock", fixed.build().graph().edges().stream().map(Object::toString)
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    /** lockdep's SOFTIRQ-safe -> SOFTIRQ-unsafe irq lock inversion: two threads and the softirq. */
    @Test
    void softirqSafeLockTakingASoftirqUnsafeOneIsAnInversion() {
        Feasibility f = only(resource("softirq_inversion.vmlock"));
        assertEquals("list_lock -> softirq -> queue_lock -> list_lock", f.cycle().toString());
        assertTrue(f.feasible(), f.reason());
        assertEquals(List.of("poller", "submitter"), f.threads());
    }

    @Test
    void rwsemReadReadCycleIsNotReportedWithoutWriters() {
        Feasibility f = only(resource("rwsem_read_read.vmlock"));
        assertFalse(f.feasible());
        assertTrue(f.reason().startsWith("read/read"), f.reason());
    }

    @Test
    void rwsemReadReadCycleIsReportedWhenFairWritersMakeItReal() {
        assertTrue(only(resource("rwsem_read_read_writers.vmlock")).feasible());
    }

    @Test
    void rwsemReadWriteCycleIsReported() {
        Feasibility f = only(resource("rwsem_read_write.vmlock"));
        assertEquals("m -> x -> m", f.cycle().toString());
        assertTrue(f.feasible(), f.reason());
    }

    @Test
    void oneUnreplicatedThreadCannotCloseACycleAlone() {
        Feasibility f = only(inline("""
                mutex a; mutex b;
                thread t { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a);
                           mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
                """));
        assertFalse(f.feasible());
        assertTrue(f.reason().startsWith("the cycle needs 2 threads at once, but its paths run only in t"), f.reason());
    }

    @Test
    void replicatedThreadCopiesAreDistinctThreads() {
        Feasibility f = only(inline("""
                mutex a; mutex b;
                thread t[2] { either { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
                              or { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); } }
                """));
        assertTrue(f.feasible(), f.reason());
        assertEquals(List.of("t[0]", "t[1]"), f.threads());
    }

    @Test
    void twoPagesInOppositeOrdersCloseOnTheSecondLap() {
        String pages = """
                set page { P0, P1 };
                mutex page_lock[page];
                thread t1 { mutex_lock(page_lock[P0]); mutex_lock(page_lock[P1]); mutex_unlock(page_lock[P1]); mutex_unlock(page_lock[P0]); }
                thread t2 { mutex_lock(page_lock[%s]); mutex_lock(page_lock[%s]); mutex_unlock(page_lock[P1]); mutex_unlock(page_lock[P0]); }
                """;
        Feasibility opposite = only(inline(pages.formatted("P1", "P0")));
        assertTrue(opposite.feasible(), opposite.reason());
        assertEquals(2, opposite.steps().size());
        Feasibility same = only(inline(pages.formatted("P0", "P1")));
        assertFalse(same.feasible());
    }

    @Test
    void diningPhilosophersCloseTheSelfLoopOnTheSixthLap() {
        var file = Scenarios.root().resolve("examples/philosophers/philosophers6.vmlock");
        Feasibility f = only(LockOrderAnalysis.run(Scenarios.compile(file).lower().orElseThrow()));
        assertEquals("fork -> fork", f.cycle().toString());
        assertTrue(f.feasible(), f.reason());
        assertEquals(6, f.threads().size());
    }

    @Test
    void aBranchOnAStableVariableThatCannotBeTakenOrdersNothing() {
        String s = """
                bool ordered_mode = true;
                mutex a; mutex b;
                thread t1 { if (ordered_mode) { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); } }
                thread t2 { if (!ordered_mode) { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); } }
                %s
                """;
        // ordered_mode stays true: t2's branch is not walked, so b -> a is no edge and no cycle forms
        assertEquals(List.of(), inline(s.formatted("")).verdicts());
        Feasibility written = only(inline(s.formatted("thread remount { ordered_mode = false; }")));
        assertTrue(written.feasible(), "a variable some thread writes can change between the tests");
        Feasibility called = only(inline(s.formatted(
                "proc remount() { ordered_mode = false; }\nthread mounter { remount(); }")));
        assertTrue(called.feasible(), "a procedure a thread calls writes it");
        assertEquals(List.of(), inline(s.formatted("proc remount() { ordered_mode = false; }")).verdicts(),
                "a procedure no run enters writes nothing");
        Feasibility inInterrupt = only(inline(s.formatted(
                "proc remount() { ordered_mode = false; }\ninterrupt irq on t1 { remount(); }")));
        assertTrue(inInterrupt.feasible(), "an interrupt's handler calls it");
        Feasibility inReclaim = only(inline(s.formatted(
                "proc remount() { ordered_mode = false; }\nreclaim __GFP_FS remount();")));
        assertTrue(inReclaim.feasible(), "a reclaim path is entered from any allocation");
        Feasibility inFault = only(inline(s.formatted(
                "proc remount() { ordered_mode = false; }\nmapping buf { fault = remount(); }")));
        assertTrue(inFault.feasible(), "a mapping's fault handler is entered from any user copy");
    }

    /**
     * t1 releases a only while flag is false, which it always is; an assignment in a procedure no
     * run calls must not reopen the path that keeps a across b (it once made a potential-deadlock).
     */
    @Test
    void aLockReleasedUnderAStableConditionStaysReleasedWhateverAnUncalledProcedureAssigns() {
        String s = """
                mutex a; mutex b;
                bool flag = false;
                thread t1 { mutex_lock(a); if (!flag) { mutex_unlock(a); } mutex_lock(b); mutex_unlock(b); }
                thread t2 { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
                %s
                """;
        assertEquals(List.of(), inline(s.formatted("")).verdicts());
        assertEquals(List.of(), inline(s.formatted("proc never_called() { flag = true; }")).verdicts());
        Feasibility called = only(inline(s.formatted("proc sometimes() { flag = true; }\nthread t3 { sometimes(); }")));
        assertTrue(called.feasible(), "once a thread sets flag, t1 may keep a across b: " + called.reason());
    }

    @Test
    void allocationUnderALockThatReclaimNeedsIsASelfDeadlockUnlessNofs() {
        String s = """
                mutex sb_lock;
                proc pageout() { mutex_lock(sb_lock); mutex_unlock(sb_lock); }
                reclaim __GFP_FS pageout();
                thread ext2 { mutex_lock(sb_lock); alloc(%s); mutex_unlock(sb_lock); }
                """;
        Feasibility f = only(inline(s.formatted("GFP_KERNEL")));
        assertEquals("fs_reclaim -> sb_lock -> fs_reclaim", f.cycle().toString());
        assertTrue(f.feasible(), f.reason());
        assertEquals(List.of("ext2"), f.threads());
        assertTrue(inline(s.formatted("GFP_NOFS")).cycles().acyclic());
    }

    @Test
    void userCopyUnderALockTheFaultHandlerNeedsIsACycleThroughTheFault() {
        Feasibility f = only(inline("""
                mutex i_lock;
                proc fault() { mutex_lock(i_lock); mutex_unlock(i_lock); }
                mapping buf { fault = fault(); }
                thread writer { mutex_lock(i_lock); copy_from_user(buf); mutex_unlock(i_lock); }
                """));
        assertEquals("fault(buf) -> i_lock -> fault(buf)", f.cycle().toString());
        assertTrue(f.feasible(), f.reason());
    }

    @Test
    void trylockEdgesOrderNothing() {
        LockOrderReport r = inline("""
                mutex a; mutex b;
                thread t1 { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
                thread t2 { mutex_lock(b); if (mutex_trylock(a)) { mutex_unlock(a); } mutex_unlock(b); }
                """);
        assertTrue(r.cycles().acyclic());
        assertEquals(2, r.build().graph().edges().size());
    }

    @Test
    void declaredOrderViolationsNameBothSites() {
        LockOrderReport r = inline("""
                mutex mmap_lock; mutex page_lock;
                order mmap_lock < page_lock;
                thread ok { mutex_lock(mmap_lock); mutex_lock(page_lock); mutex_unlock(page_lock); mutex_unlock(mmap_lock); }
                thread bad { mutex_lock(page_lock); mutex_lock(mmap_lock); mutex_unlock(mmap_lock); mutex_unlock(page_lock); }
                """);
        assertEquals(1, r.violations().size());
        String m = r.violations().get(0).message();
        assertTrue(m.startsWith("mmap_lock is taken at t.vmlock:4:37 (thread bad) while page_lock is held "
                + "(taken at t.vmlock:4:14), but the order declared at t.vmlock:2:1"), m);
    }
}
