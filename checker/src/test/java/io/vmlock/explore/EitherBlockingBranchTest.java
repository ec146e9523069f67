package io.vmlock.explore;

import static io.vmlock.testing.Scenarios.check;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/*
 * An either is the kernel deciding on data the model leaves out: the thread commits to a branch
 * and then may block in it. Found 2026-12-06 (corpus 46's scenario): the search resolves the
 * choice together with the branch's first step, so a branch whose first step cannot run now is
 * never taken, and the state where the thread waits in it (here the deadlock) is never reached.
 * FAILS on main 234d8d9: this branch keeps the failing case for the fix.
 */
class EitherBlockingBranchTest {
    private static final String CYCLE = """
            rwsem d;
            mutex ovl;
            mutex of;

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

    @Test
    void aBranchStartingWithAReadLockCanBlockAfterTheChoice() {
        String source = CYCLE.replace("BRANCHES", "either { } or { down_read(d); up_read(d); }");
        assertEquals(List.of("deadlock"), kinds(check(source)));
    }

    @Test
    void withoutTheChoiceTheSameCycleIsFound() {
        String source = CYCLE.replace("BRANCHES", "down_read(d); up_read(d);");
        assertEquals(List.of("deadlock"), kinds(check(source)));
    }
}
