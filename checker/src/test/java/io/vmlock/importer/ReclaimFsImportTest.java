package io.vmlock.importer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import io.vmlock.verdict.Verdict;

import org.junit.jupiter.api.Test;

/**
 * A RECLAIM_FS inconsistent-state report: each side takes the lock as its usage names it. The
 * report here is written in the shape of corpus 75's (3.7.0-rc6, "inconsistent {RECLAIM_FS-ON-W}
 * -> {IN-RECLAIM_FS-R} usage" on &zram->init_lock: kswapd's down_read() in zram_make_request(),
 * the allocation under down_write() in zram_init_device()).
 */
class ReclaimFsImportTest {

    private static SkeletonWriter.Skeleton skeleton(String report) throws UnreadableReport {
        return SkeletonWriter.build(SplatParser.parse(report), "r.txt");
    }

    /* Reclaim reads (-R), the task writes (-W): down_read() in the reclaim path, down_write() around the allocation. */
    @Test
    void aReadInReclaimAgainstAWriteOverAnAllocation() throws UnreadableReport {
        SkeletonWriter.Skeleton s = skeleton("""
                =================================
                [ INFO: inconsistent lock state ]
                3.7.0-rc6 #1 Not tainted
                ---------------------------------
                inconsistent {RECLAIM_FS-ON-W} -> {IN-RECLAIM_FS-R} usage.
                kswapd0/23 [HC0[0]:SC0[0]:HE1:SE1] takes:
                 (&dev->init_lock){+++++-}, at: [<ffffffffa0009d0a>] dev_make_request+0x4a/0x260 [dev]
                {RECLAIM_FS-ON-W} state was registered at:
                  [<ffffffff81099532>] mark_held_locks+0x82/0x130
                  [<ffffffff81099c47>] lockdep_trace_alloc+0x67/0xc0
                  [<ffffffff81157dff>] kmalloc_order_trace+0x3f/0xf0
                  [<ffffffffa0009b1b>] dev_init_device+0x7b/0x220 [dev]
                  [<ffffffffa0009f0a>] dev_make_request+0x24a/0x260 [dev]
                irq event stamp: 97589

                other info that might help us debug this:
                 Possible unsafe locking scenario:

                       CPU0
                       ----
                  lock(&dev->init_lock);
                  <Interrupt>
                    lock(&dev->init_lock);

                 *** DEADLOCK ***

                no locks held by kswapd0/23.

                stack backtrace:
                Pid: 23, comm: kswapd0 Not tainted 3.7.0-rc6 #1
                Call Trace:
                 [<ffffffff8154f87c>] down_read+0x4c/0x61
                 [<ffffffffa0009d0a>] dev_make_request+0x4a/0x260 [dev]
                 [<ffffffff81125093>] kswapd+0x703/0xc80
                """);
        assertTrue(s.text().contains("proc in_reclaim() {\n    down_read(dev_init_lock);\n    up_read(dev_init_lock);\n}"),
                s.text());
        assertTrue(s.text().contains("    down_write(dev_init_lock);\n    alloc(GFP_KERNEL);"), s.text());
        assertTrue(Scenarios.check(s.text()).findings().stream().anyMatch(f -> f.verdict() == Verdict.RECURSIVE_LOCK),
                s.text());
    }
}
