package io.vmlock.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * __GFP_NOLOCKDEP in the graph pass: the allocation takes no fs_reclaim, as mm/page_alloc.c's
 * __need_reclaim() returns false for it, so the edge from what it holds is not there; the
 * reclaim path's own edges come from the allocations lockdep does see.
 */
class GfpMaskEdgesTest {
    private static List<String> edges(String gfpOfT, String gfpOfU) {
        GraphBuild b = IrGraphBuilder.build(Scenarios.lower("""
                mutex m; mutex n;
                proc shrink() { mutex_lock(m); mutex_unlock(m); }
                reclaim __GFP_FS shrink();
                thread t { mutex_lock(m); alloc(%s); mutex_unlock(m); }
                thread u { mutex_lock(n); alloc(%s); mutex_unlock(n); }
                """.formatted(gfpOfT, gfpOfU)));
        assertTrue(b.complete());
        return b.graph().edges().stream().map(Object::toString).sorted().toList();
    }

    @Test
    void noLockdepSkipsTheReclaimEdgeOfItsAllocationOnly() {
        assertEquals(List.of("fs_reclaim -> m", "m -> fs_reclaim", "n -> fs_reclaim"), edges("GFP_KERNEL", "GFP_KERNEL"));
        assertEquals(List.of("fs_reclaim -> m", "n -> fs_reclaim"), edges("GFP_KERNEL | __GFP_NOLOCKDEP", "GFP_KERNEL"));
        assertEquals(List.of("fs_reclaim -> m", "m -> fs_reclaim"), edges("GFP_KERNEL", "GFP_KERNEL | __GFP_NOLOCKDEP"));
        // the other modifiers leave lockdep's view alone
        assertEquals(edges("GFP_KERNEL", "GFP_KERNEL"), edges("GFP_KERNEL | __GFP_NOFAIL", "__GFP_NORETRY | GFP_KERNEL"));
    }

    /* A mask without __GFP_FS does not recurse into fs reclaim: no edge from what it holds to fs_reclaim. */
    @Test
    void clearingFsTakesTheReclaimEdgeAway() {
        assertEquals(List.of("fs_reclaim -> m", "n -> fs_reclaim"), edges("GFP_KERNEL & ~__GFP_FS", "GFP_KERNEL"));
        assertEquals(List.of("fs_reclaim -> m", "m -> fs_reclaim"),
                edges("GFP_KERNEL", "(GFP_KERNEL | __GFP_NOFAIL) & ~__GFP_FS"));
        // clearing __GFP_IO keeps __GFP_FS: the edge stays
        assertEquals(edges("GFP_KERNEL", "GFP_KERNEL"), edges("GFP_KERNEL & ~__GFP_IO", "GFP_KERNEL"));
    }
}
