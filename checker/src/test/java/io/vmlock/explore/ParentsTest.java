package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import io.vmlock.explore.system.SystemCompiler;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.findings.CheckResult;
import io.vmlock.ir.IrProgram;
import io.vmlock.report.TextReport;
import io.vmlock.testing.Scenarios;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parents found again by expanding the level before give the traces stored parent links give:
 * the exact store keeps none, hash compaction keeps them, and both number states alike.
 */
class ParentsTest {
    private static final String MODEL = """
            set fork_id { F0, F1, F2, F3, F4 };
            mutex fork[fork_id];
            int(0..5) eating = 0;
            proc dine(mutex first, mutex second) {
                mutex_lock(first);
                mutex_lock(second);
                eating++;
                eating--;
                mutex_unlock(second);
                mutex_unlock(first);
            }
            daemon thread phil0 { while (true) { dine(fork[F0], fork[F1]); } }
            daemon thread phil1 { while (true) { dine(fork[F1], fork[F2]); } }
            daemon thread phil2 { while (true) { dine(fork[F2], fork[F3]); } }
            daemon thread phil3 { while (true) { dine(fork[F3], fork[F4]); } }
            daemon thread phil4 { while (true) { dine(fork[F4], fork[F0]); } }
            invariant eating <= 1;
            """;

    private static String report(IrProgram ir, boolean hashCompact, boolean first) {
        Explorer.Options o = new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.COMPILED, 1,
                hashCompact, Explorer.Reductions.NONE).withFirst(first);
        CheckResult r = Explorer.check(ir, o);
        return TextReport.render(r, false).lines().filter(l -> !l.isBlank() && !l.contains("hash compaction") && !l.contains("states missed"))
                .collect(Collectors.joining("\n")) + "\n" + r.stats().states() + " states";
    }

    @Test
    void tracesFromParentsFoundAgainAreTheStoredParentsTraces(@TempDir Path dir) throws IOException {
        Optional<IrProgram> ir = DifferentialTest.compile(MODEL, dir, 0);
        assertTrue(ir.isPresent());
        String found = report(ir.get(), false, false);
        assertTrue(found.contains("deadlock") && found.contains("invariant"), found);
        assertEquals(report(ir.get(), true, false), found);
        assertEquals(report(ir.get(), true, true), report(ir.get(), false, true));
    }

    /** Three counters of 21 bits and the threads' places take two words: parents are matched on both. */
    private static final String WIDE = """
            mutex a;
            mutex b;
            int(0..1000000) x = 0;
            int(0..1000000) y = 0;
            int(0..1000000) z = 0;
            thread t1 { x++; mutex_lock(a); y++; mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
            thread t2 { z++; mutex_lock(b); x++; mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
            """;

    @Test
    void parentsAreFoundAgainForStatesOfSeveralWords(@TempDir Path dir) throws IOException {
        IrProgram ir = DifferentialTest.compile(WIDE, dir, 0).orElseThrow();
        String found = report(ir, false, false);
        assertTrue(found.contains("deadlock"), found);
        assertEquals(report(ir, true, false), found);
    }

    /**
     * Not only a trace's states: every state's parent found again is the one the hash-compacted
     * search stored, on states of two words, asked twice (the second answer is the one found
     * before). The states of one level that reach each other's successors make a wrong match
     * (a word of another move, a move of another state) give another parent.
     */
    @Test
    void everyStatesParentFoundAgainIsTheStoredOne() {
        for (String source : List.of(WIDE, MODEL)) {
            IrProgram ir = Scenarios.lower(source);
            CompiledSearch stored = search(ir, true);
            CompiledSearch foundAgain = search(ir, false);
            assertTrue(stored.store.keepsParents());
            assertFalse(foundAgain.store.keepsParents());
            assertTrue(stored.store.compact());
            assertFalse(foundAgain.store.compact());
            assertEquals(stored.stateCount(), foundAgain.stateCount());
            assertTrue(stored.stateCount() > 20, stored.stateCount() + " states");
            assertEquals(-1, foundAgain.parent(0));
            for (int round = 0; round < 2; round++) {
                for (int id = 1; id < stored.stateCount(); id++) {
                    assertEquals(stored.parent(id), foundAgain.parent(id), "state " + id + ", round " + round);
                }
            }
        }
    }

    /** The unreduced breadth-first compiled search of {@code program}, run to its end (ExpanderTest reads its states too). */
    static CompiledSearch search(IrProgram program, boolean hashCompact) {
        TransitionSystem system = SystemCompiler.compile(program);
        CompiledModel model = new CompiledModel(system, new Packing(system, new int[system.fields().size()]));
        Explorer.Options options = new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.COMPILED, 1,
                hashCompact, Explorer.Reductions.NONE);
        try (Workers workers = new Workers(1)) {
            CompiledSearch search = new CompiledSearch(new Semantics(program), model, options, workers, null,
                    Budget.heapOnly(), Phase.SEARCH);
            search.run();
            assertTrue(search.stoppedBy.isEmpty());
            return search;
        }
    }
}
