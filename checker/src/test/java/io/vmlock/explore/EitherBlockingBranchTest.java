package io.vmlock.explore;

import static io.vmlock.testing.Scenarios.check;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.TraceStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/*
 * An either is the kernel deciding on data the model leaves out: the thread commits to a branch
 * and then may wait in it. Found 2026-12-06 (corpus 46's scenario): the search resolved the
 * choice together with the branch's first step, so a branch whose first step could not run then
 * was never taken, and the state where the thread waits in it (here the deadlock) was never
 * reached. A user copy's outcome (bytes left or none) is the same kind of choice.
 */
class EitherBlockingBranchTest {
    private static final String CYCLE = """
            rwsem d;
            mutex ovl;
            mutex of;
            mapping buf { }

            thread rmdir {
                down_write(d);
                mutex_lock(ovl);
                mutex_unlock(ovl);
                up_write(d);
            }
            thread lseek {
                mutex_lock(ovl);
                mutex_lock(of);
                mutex_unlock(of);
                mutex_unlock(ovl);
            }
            thread resume {
                mutex_lock(of);
                BRANCHES
                mutex_unlock(of);
            }
            """;

    private static CheckResult checkWith(String branches) {
        return check(CYCLE.replace("BRANCHES", branches));
    }

    @Test
    void aBranchStartingWithAReadLockCanBlockAfterTheChoice() {
        CheckResult r = checkWith("either { } or { down_read(d); up_read(d); }");
        assertEquals(List.of("deadlock"), kinds(r));
        // the trace shows the commitment, then the thread waits in the branch it chose
        List<TraceStep> trace = r.findings().get(0).trace();
        TraceStep last = trace.get(trace.size() - 1);
        assertEquals("resume", last.thread());
        assertEquals("either: branch 2", last.operation(), trace.toString());
    }

    @Test
    void theFirstBranchCanBlockToo() {
        assertEquals(List.of("deadlock"), kinds(checkWith("either { down_read(d); up_read(d); } or { }")));
    }

    @Test
    void withoutTheChoiceTheSameCycleIsFound() {
        assertEquals(List.of("deadlock"), kinds(checkWith("down_read(d); up_read(d);")));
    }

    @Test
    void aBranchThatCannotReachTheLockLeavesTheCycleOpen() {
        assertEquals(List.of(), kinds(checkWith("either { } or { }")));
    }

    @Test
    void aCopiedInFullOutcomeCanBlockInWhatFollowsIt() {
        String copy = """
                int(0..1) left = copy_from_user(buf);
                if (left == 0) { down_read(d); up_read(d); }
                """;
        CheckResult r = checkWith(copy);
        assertEquals(List.of("deadlock"), kinds(r));
        // the copy is the commitment: no step of its own is added to the trace
        Finding f = r.findings().get(0);
        assertEquals(0, f.trace().stream().filter(s -> s.operation().startsWith("either")).count(), f.trace().toString());
    }

    @Test
    void aCopyTestedInAnIfCommitsWithTheCopy() {
        CheckResult r = checkWith("if (!copy_from_user(buf)) { down_read(d); up_read(d); }");
        assertEquals(List.of("deadlock"), kinds(r));
        Finding f = r.findings().get(0);
        TraceStep last = f.trace().get(f.trace().size() - 1);
        assertEquals("copy_from_user(buf)", last.operation(), f.trace().toString());
        assertEquals(0, f.trace().stream().filter(s -> s.operation().startsWith("either")).count(), f.trace().toString());
    }
}
