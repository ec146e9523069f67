package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.testing.Scenarios;
import io.vmlock.verdict.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A recursive lock's finding keeps the mode its retake asks for, which no held list shows (the
 * thread stops there): the lockdep report reads it for its {@code rlock(}. Both engines agree.
 */
class RecursiveLockRetakeTest {

    /** The one finding of {@code source}'s complete search on {@code engine}. */
    private static Finding only(String source, Explorer.Engine engine) {
        CheckResult r = Explorer.check(Scenarios.lower(source),
                new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), engine, 1, false));
        assertEquals(1, r.findings().size(), () -> engine + ": " + r.findings());
        return r.findings().get(0);
    }

    static Stream<Arguments> retakes() {
        return Stream.of(
                Arguments.of("rwsem s;\nthread t { down_write(s); down_read(s); up_read(s); up_write(s); }\n",
                        new HeldLock("s", HeldLock.Mode.READ)),
                Arguments.of("rwsem s;\nthread t { down_read(s); down_write(s); up_write(s); up_read(s); }\n",
                        new HeldLock("s", HeldLock.Mode.WRITE)),
                Arguments.of("mutex m;\nthread t { mutex_lock(m); mutex_lock(m); mutex_unlock(m); mutex_unlock(m); }\n",
                        new HeldLock("m", HeldLock.Mode.EXCLUSIVE)),
                // blk_queue_enter in the thread that froze the queue: a shared reference under its own freeze
                Arguments.of("percpu_ref q;\nthread t { blk_mq_freeze_queue(q); blk_queue_enter(q); blk_queue_exit(q);"
                        + " blk_mq_unfreeze_queue(q); }\n", new HeldLock("q", HeldLock.Mode.READ)));
    }

    @ParameterizedTest
    @MethodSource("retakes")
    void theFindingKeepsTheModeItsRetakeAsksFor(String source, HeldLock retake) {
        for (Explorer.Engine engine : Explorer.Engine.values()) {
            Finding f = only(source, engine);
            assertEquals(Verdict.RECURSIVE_LOCK, f.verdict(), engine + ": " + source);
            assertEquals(Optional.of(retake), f.retake(), engine + ": " + source);
            assertEquals(List.of(retake.lock()), f.locks(), engine + ": " + source);
        }
    }

    @Test
    void otherFindingsTakeNothingAgain() {
        for (Explorer.Engine engine : Explorer.Engine.values()) {
            Finding f = only("mutex m;\nthread t { mutex_lock(m); }\n", engine);
            assertEquals(Verdict.LOCK_HELD_AT_EXIT, f.verdict(), engine.toString());
            assertEquals(Optional.empty(), f.retake(), engine.toString());
        }
    }
}
