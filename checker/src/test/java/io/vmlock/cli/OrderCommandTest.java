package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.graph.GraphScenarios;
import io.vmlock.graph.LockCycle;
import io.vmlock.graph.LockEdge;
import io.vmlock.lockorder.OrderSynthesis;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.solve.FixSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code vmlock order}: the listing, and a fix set that breaks every cycle check would report. */
class OrderCommandTest {
    private record Run(int exit, String out) {
    }

    private static Run order(String name) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"order", GraphScenarios.path(name).toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals("", err.toString());
        return new Run(exit, out.toString());
    }

    private static OrderSynthesis.Result synthesis(String name) {
        return Pipeline.order(GraphScenarios.lower(name), new SearchOptions().explorerOptions(), 10_000).synthesis();
    }

    private static Set<List<String>> changed(FixSet fix) {
        Set<List<String>> steps = new HashSet<>();
        fix.edges().forEach(e -> steps.add(List.of(e.source().name(), e.target().name())));
        return steps;
    }

    @Test
    void acyclicModelListsEachLockUnderEachParentWithTheFunctionThatNestsIt() {
        Run r = order("acyclic_mm.vmlock");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains(" *  ->i_rwsem\n *    ->mmap_lock"), r.out());
        assertTrue(r.out().contains("Never nested with another lock: unrelated"), r.out());
        assertFalse(r.out().contains("Total order"), "no order between locks no nesting relates:\n" + r.out());
        assertFalse(r.out().contains("change"), r.out());
    }

    @Test
    void cyclicModelsFixSetBreaksEveryCycleThatCanCloseAtLeastCost() {
        Run r = order("cyclic_weighted.vmlock");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("2 steps, 2 acquisition paths (choco-solver: optimal)"), r.out());
        OrderSynthesis.Result s = synthesis("cyclic_weighted.vmlock");
        FixSet fix = s.fix().orElseThrow();
        assertTrue(fix.optimal());
        Set<List<String>> changed = changed(fix);
        assertFalse(changed.contains(List.of("a", "b")), "a -> b carries three paths");
        assertFalse(s.closing().isEmpty());
        for (LockCycle c : s.closing()) {
            assertTrue(c.edges().stream().anyMatch(fix.edges()::contains), c + " is left whole by " + changed);
        }
        for (LockEdge e : fix.edges()) {
            assertTrue(r.out().contains(e.target().name() + " is taken while " + e.source().name() + " is held"), r.out());
        }
    }

    @Test
    void aDeclaredOrderIsNeverReversedEvenWhenReversingItIsCheaper() {
        OrderSynthesis.Result s = synthesis("declared_cycle.vmlock");
        assertEquals(Set.of(List.of("b", "a")), changed(s.fix().orElseThrow()));
        Run r = order("declared_cycle.vmlock");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("a is taken while b is held; take it before b"), r.out());
        assertFalse(r.out().contains("b is taken while a is held; take it"), r.out());
        assertTrue(r.out().contains("Declared order broken (3):"), r.out());
    }

    @Test
    void theFixChangesTheScenariosOwnCodeBeforeTheLibrarysEvenOnMorePaths() {
        OrderSynthesis.Result s = synthesis("own_code_first.vmlock");
        FixSet fix = s.fix().orElseThrow();
        assertEquals(Set.of(List.of("inner_lock", "outer_lock")), changed(fix));
        assertEquals(3, fix.edges().get(0).blocking().size());
        Run r = order("own_code_first.vmlock");
        assertTrue(r.out().contains("1 step, 3 acquisition paths"), r.out());
        assertTrue(r.out().contains(": takes outer_lock in own_nest, inner_lock held since "), r.out());
    }

    /** The declared-order messages of {@code order} name code, not the thread or mapping a run starts from. */
    @Test
    void declaredOrderViolationsNameFunctionsNotThreadsOrMappings() {
        Path scenario = io.vmlock.report.Schemas.root().resolve("examples/classic/page-lock-user-copy-order-violation.vmlock");
        StringWriter out = new StringWriter();
        assertEquals(1, Main.run(new String[] {"order", scenario.toString()}, new PrintWriter(out), new PrintWriter(new StringWriter())));
        String broken = out.toString().lines().filter(l -> l.startsWith("  mmap_lock is taken at ")).findFirst().orElseThrow();
        assertTrue(broken.contains("(do_user_addr_fault), entered through a fault in copy_from_user at "), broken);
        assertFalse(broken.contains("thread ") || broken.contains("writer") || broken.contains("user_buf"), broken);
    }

    /** A journal nested in itself gets jbd2's advice by the modes held and wanted, not "by address". */
    @Test
    void aJournalNestedInItselfIsAdvisedInJbd2sTerms() {
        Run commit = order("journal_handle_waits_for_commit.vmlock");
        assertEquals(1, commit.exit(), commit.out());
        assertTrue(commit.out().contains("  a handle on j waits for j's commit, which waits for every running handle to stop,"
                + " this one too; stop the handle before waiting (mark it synchronous: jbd2_journal_stop waits for the"
                + " commit after releasing it), at:\n"), commit.out());
        Run barrier = order("journal_handle_under_locked_updates.vmlock");
        assertEquals(1, barrier.exit(), barrier.out());
        assertTrue(barrier.out().contains("  a handle on j is started while its updates are locked, and waits for that"
                + " barrier to lift; start the handle before jbd2_journal_lock_updates, or after the unlock, at:\n"),
                barrier.out());
        assertFalse(commit.out().contains("by address") || barrier.out().contains("by address"));
    }

    /** An allocation entering reclaim is named by its mask as written, not the mask's record fields. */
    @Test
    void anAllocationThatEntersReclaimIsNamedWithItsMaskAsWritten() {
        Path scenario = io.vmlock.report.Schemas.root().resolve("examples/classic/shrinker-rwsem-recursion-broken.vmlock");
        StringWriter out = new StringWriter();
        assertEquals(1, Main.run(new String[] {"order", scenario.toString()}, new PrintWriter(out), new PrintWriter(new StringWriter())));
        String text = out.toString();
        assertTrue(text.contains("  kmalloc(GFP_KERNEL) may enter reclaim while shrinker_rwsem is held; "), text);
        assertTrue(text.contains(":26:5: enters reclaim (reclaim) in kmalloc(GFP_KERNEL) in prealloc_memcg_shrinker, "), text);
        assertFalse(text.contains("Gfp["), text);
    }
}
