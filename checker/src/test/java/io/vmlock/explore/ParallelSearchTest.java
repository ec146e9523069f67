package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.ir.IrProgram;
import io.vmlock.report.TextReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel breadth-first search gives the same result whatever the number of threads: the
 * same findings, traces, state ids and counts. The models are big enough that levels are cut into
 * many chunks, so the helpers and the merging thread really interleave: pipelined (lookups racing
 * with the merge) without reductions, and in frozen batches where the cycle proviso or an
 * invariant needs lookups to see a visited set that does not change under them.
 */
class ParallelSearchTest {

    /** N philosophers, left fork then right, each counting itself in {@code eating} while it holds both. */
    private static String philosophers(int n, String invariant) {
        StringBuilder s = new StringBuilder("set fork_id { ");
        for (int i = 0; i < n; i++) s.append(i == 0 ? "" : ", ").append("F").append(i);
        s.append(" };\nmutex fork[fork_id];\nint(0..").append(n).append(") eating = 0;\n");
        s.append("proc dine(mutex first, mutex second) {\n    mutex_lock(first);\n    mutex_lock(second);\n"
                + "    eating++;\n    eating--;\n    mutex_unlock(second);\n    mutex_unlock(first);\n}\n");
        for (int i = 0; i < n; i++) {
            s.append("daemon thread phil").append(i).append(" { while (true) { dine(fork[F").append(i)
                    .append("], fork[F").append((i + 1) % n).append("]); } }\n");
        }
        if (invariant != null) s.append("invariant ").append(invariant).append(";\n");
        return s.toString();
    }

    private static String run(IrProgram ir, int threads, Explorer.Reductions reductions) {
        CheckResult r = Explorer.check(ir, new Explorer.Options(Explorer.Order.BFS, Limits.defaults(),
                Explorer.Engine.COMPILED, threads, false, reductions));
        assertTrue(r.complete());
        return TextReport.render(r, false) + r.stats().states() + " states, " + r.stats().transitions()
                + " transitions, depth " + r.stats().maxDepth();
    }

    private static void sameOnAnyThreadCount(String source, Explorer.Reductions reductions, Path dir,
                                             List<String> expectedVerdicts) throws IOException {
        Optional<IrProgram> ir = DifferentialTest.compile(source, dir, 0);
        assertTrue(ir.isPresent(), source);
        String one = run(ir.get(), 1, reductions);
        for (String verdict : expectedVerdicts) assertTrue(one.contains(verdict), one);
        for (int threads : new int[] {2, 3, 4}) {
            assertEquals(one, run(ir.get(), threads, reductions), threads + " threads");
        }
    }

    @Test
    void pipelinedMergeGivesTheSameResultOnAnyThreadCount(@TempDir Path dir) throws IOException {
        sameOnAnyThreadCount(philosophers(8, null), Explorer.Reductions.NONE, dir, List.of("deadlock"));
    }

    @Test
    void frozenBatchesForAnInvariantGiveTheSameResult(@TempDir Path dir) throws IOException {
        sameOnAnyThreadCount(philosophers(8, "eating <= 4"), Explorer.Reductions.NONE, dir, List.of("deadlock"));
        sameOnAnyThreadCount(philosophers(8, "eating <= 2"), Explorer.Reductions.NONE, dir,
                List.of("deadlock", "invariant"));
    }

    @Test
    void reducedSearchGivesTheSameResultOnAnyThreadCount(@TempDir Path dir) throws IOException {
        sameOnAnyThreadCount(philosophers(9, null), Explorer.Reductions.ALL_BUT_CHAINS, dir, List.of("deadlock"));
    }

    /**
     * Chains ask what was stored before the level, not what the merge has added since (which
     * depends on the workers' batches): the same states, ids and traces on any thread count.
     */
    @Test
    void chainsGiveTheSameResultOnAnyThreadCount(@TempDir Path dir) throws IOException {
        sameOnAnyThreadCount(philosophers(9, null), new Explorer.Reductions(true, true, true, true), dir,
                List.of("deadlock"));
    }
}
