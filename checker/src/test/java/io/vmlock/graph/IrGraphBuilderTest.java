package io.vmlock.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IrGraphBuilderTest {
    private static String edges(String source) {
        GraphBuild b = IrGraphBuilder.build(Scenarios.lower(source));
        assertTrue(b.complete());
        return b.graph().edges().stream().map(e -> e + "(" + e.paths() + ")").collect(Collectors.joining(", "));
    }

    @Test
    void nestedAcquisitionsThroughCallsGiveEdgesFromEveryHeldLock() {
        String s = """
                mutex a; mutex b; mutex c;
                proc inner() { mutex_lock(c); mutex_unlock(c); }
                thread t1 { mutex_lock(a); mutex_lock(b); inner(); mutex_unlock(b); mutex_unlock(a); }
                """;
        assertEquals("a -> b(1), a -> c(1), b -> c(1)", edges(s));
    }

    @Test
    void faultAndReclaimAreEnteredUnderTheCallersLocks() {
        String s = """
                set page { P0 };
                mutex page_lock[page]; rwsem mmap_lock; mutex sb_lock;
                proc fault(page p) { down_read(mmap_lock); mutex_lock(page_lock[p]); mutex_unlock(page_lock[p]); up_read(mmap_lock); }
                proc shrink() { mutex_lock(sb_lock); mutex_unlock(sb_lock); }
                mapping buf { fault = fault(P0); }
                reclaim __GFP_FS shrink();
                thread writer { mutex_lock(page_lock[P0]); copy_from_user(buf); mutex_unlock(page_lock[P0]); }
                thread ext2 { mutex_lock(sb_lock); alloc(GFP_KERNEL); mutex_unlock(sb_lock); }
                thread nofs { mutex_lock(sb_lock); alloc(GFP_NOFS); mutex_unlock(sb_lock); }
                """;
        assertEquals("fault(buf) -> mmap_lock(1), fault(buf) -> page_lock(1), fs_reclaim -> sb_lock(1), "
                + "mmap_lock -> page_lock(1), page_lock -> fault(buf)(1), sb_lock -> fs_reclaim(1)", edges(s));
    }

    /**
     * A path that takes a lock it holds waits for itself there: its edge is kept (a -> a), but
     * nothing after it is walked. Walking on made a looping daemon's held list grow lap after lap
     * until the walk's state bound (a generated scenario ran out of a 6 GB heap in the graph pass).
     */
    @Test
    void aPathStopsWhereItTakesALockItHolds() {
        String s = """
                mutex a; mutex b; mutex c; rwsem r;
                daemon thread t {
                    while (true) {
                        mutex_lock(a);
                        if (mutex_trylock(b)) { mutex_lock(b); } else { mutex_lock(c); }
                        mutex_lock(a);
                        mutex_unlock(a);
                    }
                }
                thread u { down_read(r); down_read(r); mutex_lock(c); up_read(r); up_read(r); mutex_unlock(c); }
                """;
        GraphBuild b = IrGraphBuilder.build(Scenarios.lower(s), 2_000);
        assertTrue(b.complete(), "the walk ends well inside its bound: " + b.states() + " states");
        // the trylock's path waits for itself at b (b -> b) and never reaches the second a; the
        // other path does (a -> a, c -> a); a read hold shares with a second one, so u walks on to
        // c under both (r -> c from each)
        assertEquals("a -> a(1), a -> b(2), a -> c(1), b -> b(1), c -> a(1), r -> c(2), r -> r(1)",
                b.graph().edges().stream().map(e -> e + "(" + e.paths() + ")").collect(Collectors.joining(", ")));
    }
}
