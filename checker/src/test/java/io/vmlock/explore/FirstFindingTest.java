package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.Lowering;
import io.vmlock.testing.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --first}: the breadth-first search stops at its first finding, which has a shortest trace. */
class FirstFindingTest {
    private static final String STOPPED = "--first: the search stopped at its first finding; other findings may exist";

    private static IrProgram example(String path) {
        return Lowering.lower(Scenarios.compile(Scenarios.root().resolve(path)).program().orElseThrow());
    }

    private static Explorer.Options reduced() {
        return new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.COMPILED, 1, false,
                Explorer.Reductions.ALL_BUT_CHAINS);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 6})
    void philosophersDeadlockWithTheFullSearchsTraceInFewerStates(int n) {
        IrProgram p = example("examples/philosophers/philosophers" + n + ".vmlock");
        CheckResult full = Explorer.check(p, Explorer.Options.defaults());
        CheckResult fullReduced = Explorer.check(p, reduced());
        CheckResult first = Explorer.check(p, reduced().withFirst(true));

        assertTrue(first.complete(), "a finding met is no limit hit: " + first.incomplete());
        assertEquals(1, first.findings().size());
        Finding deadlock = first.findings().get(0);
        assertEquals("deadlock", deadlock.verdict().id());
        assertEquals(full.findings().get(0).trace().size(), deadlock.trace().size());
        assertEquals(n, deadlock.trace().size());
        assertTrue(first.stats().states() < full.stats().states(), first.stats() + " vs " + full.stats());
        assertTrue(first.stats().states() < fullReduced.stats().states(), first.stats() + " vs " + fullReduced.stats());
        assertTrue(first.notes().contains(STOPPED), first.notes().toString());
        assertFalse(full.notes().contains(STOPPED));
    }

    @Test
    void aCleanScenarioSearchedToTheEndIsStillClean() {
        CheckResult r = Explorer.check(example("examples/classic/abba-ordered.vmlock"), reduced().withFirst(true));
        assertTrue(r.complete());
        assertEquals(0, r.findings().size());
        assertFalse(r.notes().contains(STOPPED), r.notes().toString());
        assertEquals(Explorer.check(example("examples/classic/abba-ordered.vmlock"), Explorer.Options.defaults())
                .stats().states(), r.stats().states(), "a clean search stored every state");
    }

    /** Where the full search finds several problems, --first reports one of them with the shortest trace of all. */
    @ParameterizedTest
    @ValueSource(strings = {"examples/classic/fuse-i-size-seqcount-broken.vmlock",
        "examples/seeds/3-write-mmap-inode-lock-broken.vmlock"})
    void ofSeveralFindingsTheFirstIsOneWithAShortestTrace(String path) {
        IrProgram p = example(path);
        CheckResult full = Explorer.check(p, reduced());
        CheckResult first = Explorer.check(p, reduced().withFirst(true));
        assertTrue(full.findings().size() > 1, full.findings().toString());
        assertEquals(1, first.findings().size());
        Finding found = first.findings().get(0);
        int shortest = full.findings().stream().mapToInt(f -> f.trace().size()).min().orElseThrow();
        assertEquals(shortest, found.trace().size());
        assertTrue(full.findings().stream().anyMatch(f -> f.verdict().equals(found.verdict())
                && f.trace().size() == found.trace().size()), full.findings() + " vs " + found);
        assertTrue(first.notes().contains(STOPPED));
    }

    /**
     * Two philosophers: the root (0); phil0 holds F0 (1), phil1 holds F1 (2); from 1, phil0 holds
     * both (3), then phil1 takes F1 (4): stuck. A stuck state is judged as it is stored, so the
     * search stops there, before storing the rest of level 2 (phil1 holding both, from 2).
     */
    @Test
    void aStuckStateIsFoundAsItIsStoredBeforeTheRestOfItsLevel(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        String two = """
                set fork_id { F0, F1 };
                mutex fork[fork_id];
                proc dine(mutex first, mutex second) {
                    mutex_lock(first);
                    mutex_lock(second);
                    mutex_unlock(second);
                    mutex_unlock(first);
                }
                daemon thread phil0 { while (true) { dine(fork[F0], fork[F1]); } }
                daemon thread phil1 { while (true) { dine(fork[F1], fork[F0]); } }
                """;
        IrProgram p = DifferentialTest.compile(two, dir, 0).orElseThrow();
        CheckResult first = Explorer.check(p, new Explorer.Options(Explorer.Order.BFS, Limits.defaults(),
                Explorer.Engine.COMPILED, 1, false, Explorer.Reductions.NONE).withFirst(true));
        assertEquals(1, first.findings().size());
        assertEquals(2, first.findings().get(0).trace().size());
        assertEquals(5, first.stats().states());
    }
}
