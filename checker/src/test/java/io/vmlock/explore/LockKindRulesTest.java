package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.ObjectKind;
import io.vmlock.findings.CheckResult;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.graph.LockEdge;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.LockMode;
import io.vmlock.report.TextReport;
import io.vmlock.testing.Scenarios;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lock kind has its rules in all three rule sets: the reference semantics
 * ({@code explore.LockSteps}), the compiled engine ({@code explore.system.LockRules}) and the
 * lock-order walk ({@code graph.LockSteps}). They share their rule names, and on a tiny scenario
 * per mode the two engines agree and the walk orders what the mode holds.
 */
class LockKindRulesTest {
    private static final List<String> RULE_SETS = List.of("io.vmlock.explore.LockSteps",
            "io.vmlock.explore.system.LockRules", "io.vmlock.graph.LockSteps");

    private static Set<String> lockRules(String className) throws ClassNotFoundException {
        return Arrays.stream(Class.forName(className).getDeclaredMethods()).map(Method::getName)
                .filter(n -> n.startsWith("acquire") || n.startsWith("release") || n.startsWith("tryAcquire"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theThreeRuleSetsHaveTheSameRuleNames() throws ClassNotFoundException {
        Set<String> reference = lockRules(RULE_SETS.get(0));
        assertTrue(reference.containsAll(List.of("acquire", "release", "tryAcquire")), reference.toString());
        for (String other : RULE_SETS.subList(1, RULE_SETS.size())) assertEquals(reference, lockRules(other), other);
    }

    @ParameterizedTest
    @EnumSource(ObjectKind.class)
    void everyLockKindHasModesAndAnEventHasNone(ObjectKind kind) {
        List<LockMode> modes = Arrays.stream(LockMode.values()).filter(m -> m.kind() == kind).toList();
        assertEquals(kind.isLock(), !modes.isEmpty(), kind + ": " + modes);
        boolean anyShared = modes.stream().anyMatch(LockMode::shared);
        assertEquals(kind.modes().hasShared(), anyShared, kind + ": " + modes);
        for (LockMode m : modes) assertTrue(kind.hasIrqVariants() || !m.disablesIrqs(), m + " disables interrupts");
        for (LockMode m : modes) assertTrue(m.shared() || !m.nests(), m + " nests an exclusive hold");
        for (LockMode m : modes) assertTrue(!m.shared() || !m.drains(), m + " drains while shared");
        for (LockMode m : modes) assertTrue(m.blocks() || (!m.drains() && !m.nests() && m.trylock().isEmpty()),
                m + " never waits, so it has nothing to drain, nest or try");
    }

    /**
     * A mode nobody waits on (a lockdep map) is not a lock the search can block on: alone in a
     * thread pair that takes it in both orders against itself, the search finds nothing, in
     * exactly the states of the threads' program counters, while the walk still orders it.
     */
    @ParameterizedTest
    @EnumSource(LockMode.class)
    void aModeThatNeverBlocksNeverStopsAThread(LockMode mode) {
        if (mode.blocks()) return;
        String source = mode.kind().keyword() + " l; " + mode.kind().keyword() + " k;\n"
                + "thread a { " + take(mode.acquire()) + " " + take(mode.acquire()).replace("(l)", "(k)") + " "
                + take(mode.release()).replace("(l)", "(k)") + " " + take(mode.release()) + " }\n"
                + "thread b { " + take(mode.acquire()).replace("(l)", "(k)") + " " + take(mode.acquire()) + " "
                + take(mode.release()) + " " + take(mode.release()).replace("(l)", "(k)") + " }\n";
        IrProgram ir = Scenarios.lower(source);
        CheckResult reference = agree(ir, source);
        assertTrue(reference.findings().isEmpty(), source + report(reference));
        // 5 program counters per thread, every pair reachable: nothing in the state but them
        assertEquals(25, reference.stats().states(), source + report(reference));
        assertEquals(Set.of("l -> k", "k -> l"), edges(ir), source);
    }

    /** The other lock of a scenario: one the mode's holder may take without sleeping in atomic context. */
    private static String other(LockMode mode) {
        return mode.sleeps() ? "mutex other;" : "spinlock other;";
    }

    private static String lock(LockMode mode, String name) {
        return (mode.sleeps() ? "mutex_lock(" : "spin_lock(") + name + ");";
    }

    private static String unlock(LockMode mode, String name) {
        return (mode.sleeps() ? "mutex_unlock(" : "spin_unlock(") + name + ");";
    }

    private static String take(BuiltinOp op) {
        return op.spelling() + "(l);";
    }

    /**
     * Two threads take l (in the mode) and other in opposite orders: a deadlock unless holders
     * share l or it is never waited on (a lockdep map); the walk orders what lockdep sees of the
     * mode: a map's cycle is lockdep's report, though no search can get stuck on the map itself.
     */
    @ParameterizedTest
    @EnumSource(LockMode.class)
    void everyModeRunsThroughEveryRuleSet(LockMode mode) {
        String source = mode.kind().keyword() + " l; " + other(mode) + "\n"
                + "thread a { " + take(mode.acquire()) + " " + lock(mode, "other") + " " + unlock(mode, "other") + " "
                + take(mode.release()) + " }\n"
                + "thread b { " + lock(mode, "other") + " " + take(mode.acquire()) + " " + take(mode.release()) + " "
                + unlock(mode, "other") + " }\n";
        IrProgram ir = Scenarios.lower(source);
        CheckResult reference = agree(ir, source);
        assertEquals(!mode.sharedByHolders() && mode.blocks(), Scenarios.kinds(reference).contains("deadlock"), source + report(reference));
        Set<String> seen = switch (mode.lockdep()) {
            // a trylock's edge is recorded, as a trylock edge (PercpuRefTest tells the two apart)
            case HELD, TRY_HELD -> Set.of("l -> other", "other -> l");
            case MOMENT -> Set.of("other -> l");
            case NONE -> Set.of();
        };
        assertEquals(seen, edges(ir), source);
    }

    static Stream<LockMode> trylockModes() {
        return Arrays.stream(LockMode.values()).filter(m -> m.trylock().isPresent());
    }

    /** A trylock that fails while another thread holds l exclusively, and succeeds otherwise. */
    @ParameterizedTest
    @MethodSource("trylockModes")
    void everyTrylockRunsThroughEveryRuleSet(LockMode mode) {
        String source = mode.kind().keyword() + " l; " + other(mode) + "\n"
                + "thread a { if (" + mode.trylock().orElseThrow().spelling() + "(l)) { " + lock(mode, "other") + " "
                + unlock(mode, "other") + " " + take(mode.release()) + " } }\n"
                + "thread b { " + lock(mode, "other") + " " + unlock(mode, "other") + " }\n";
        IrProgram ir = Scenarios.lower(source);
        CheckResult reference = agree(ir, source);
        assertTrue(reference.findings().isEmpty(), source + report(reference));
        // the percpu_ref trygets have no lockdep annotation
        Set<String> seen = mode.lockdep() == LockMode.Lockdep.HELD ? Set.of("l -> other") : Set.of();
        assertEquals(seen, edges(ir), source);
    }

    /** The reference and compiled searches give the same report and state counts; the reference result. */
    static CheckResult agree(IrProgram ir, String source) {
        CheckResult reference = Explorer.check(ir, options(Explorer.Engine.REFERENCE));
        CheckResult compiled = Explorer.check(ir, options(Explorer.Engine.COMPILED));
        assertTrue(reference.complete(), source);
        assertEquals(report(reference), report(compiled), source);
        assertFalse(reference.stats().states() < 4, source + report(reference));
        return reference;
    }

    /** The reference search's result on a scenario of any size, after the compiled engine reported the same. */
    static CheckResult bothEngines(String source) {
        IrProgram ir = Scenarios.lower(source);
        CheckResult reference = Explorer.check(ir, options(Explorer.Engine.REFERENCE));
        assertEquals(report(reference), report(Explorer.check(ir, options(Explorer.Engine.COMPILED))), source);
        return reference;
    }

    /**
     * A scenario's complete search, the same on both engines, with exactly these finding kinds
     * and this many states (counted by hand in each caller's comment).
     */
    static CheckResult outcome(String source, List<String> kinds, long states) {
        CheckResult r = bothEngines(source);
        assertTrue(r.complete(), source);
        assertEquals(kinds, Scenarios.kinds(r), () -> source + r.findings());
        assertEquals(states, r.stats().states(), source);
        return r;
    }

    /** The compiled search with one worker under {@code reductions}: the reduced state counts. */
    static CheckResult reduced(String source, Explorer.Reductions reductions) {
        return Explorer.check(Scenarios.lower(source), new Explorer.Options(Explorer.Order.BFS, Limits.defaults(),
                Explorer.Engine.COMPILED, 1, false, reductions, false, false));
    }

    private static Explorer.Options options(Explorer.Engine engine) {
        return new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), engine, 1, false);
    }

    static String report(CheckResult r) {
        return TextReport.render(r, false) + r.stats().states() + " states, " + r.stats().transitions() + " transitions";
    }

    /** The lock-order graph's edges of a scenario, sorted. */
    static Set<String> edges(String source) {
        return edges(Scenarios.lower(source));
    }

    /** The edges with a witness that can wait (not only trylocks), sorted. */
    static Set<String> blockingEdges(String source) {
        return IrGraphBuilder.build(Scenarios.lower(source)).graph().edges().stream().filter(LockEdge::isBlocking)
                .map(LockEdge::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> edges(IrProgram ir) {
        return IrGraphBuilder.build(ir).graph().edges().stream().map(LockEdge::toString)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
