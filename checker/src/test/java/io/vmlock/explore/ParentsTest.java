package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.ir.IrProgram;
import io.vmlock.report.TextReport;
import java.io.IOException;
import java.nio.file.Path;
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
    @Test
    void parentsAreFoundAgainForStatesOfSeveralWords(@TempDir Path dir) throws IOException {
        String wide = """
                mutex a;
                mutex b;
                int(0..1000000) x = 0;
                int(0..1000000) y = 0;
                int(0..1000000) z = 0;
                thread t1 { x++; mutex_lock(a); y++; mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
                thread t2 { z++; mutex_lock(b); x++; mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
                """;
        IrProgram ir = DifferentialTest.compile(wide, dir, 0).orElseThrow();
        String found = report(ir, false, false);
        assertTrue(found.contains("deadlock"), found);
        assertEquals(report(ir, true, false), found);
    }
}
