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
}
