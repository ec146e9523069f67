package io.vmlock.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import io.vmlock.verdict.Verdict;

import org.junit.jupiter.api.Test;

/**
 * A seqlock_t is two lockdep classes, its spinlock_t NAME and its seqcount NAME.seqcount
 * (include/linux/seqlock.h __SEQLOCK_UNLOCKED, Kingxukai/linux 9b44fff655e2); a report that prints
 * the seqcount's class imports both as one seqlock. The reports here are written in the shape of
 * syzbot's (a write_seqlock() writer's held list "(mount_lock){+.+.}-{2:2}" then
 * "(mount_lock.seqcount){+.+.}-{0:0}": https://lore.kernel.org/all/67176c28.050a0220.10f4f4.0116.GAE@google.com/;
 * a read_seqbegin() at "(zonelist_update_seq.seqcount)": https://syzkaller.appspot.com/bug?extid=ecf48cc152f84f8c9f67).
 */
class SeqlockImportTest {

    private static SkeletonWriter.Skeleton skeleton(String report) throws UnreadableReport {
        return SkeletonWriter.build(SplatParser.parse(report), "r.txt");
    }

    private static boolean finds(String skeleton, Verdict verdict) {
        return Scenarios.check(skeleton).findings().stream().anyMatch(f -> f.verdict() == verdict);
    }

    /* A writer (spinlock then seqcount held) against a reader: one seqlock, written and read. */
    @Test
    void aWriterAgainstAReaderIsOneSeqlock() throws UnreadableReport {
        SkeletonWriter.Skeleton s = skeleton("""
                ======================================================
                WARNING: possible circular locking dependency detected
                6.12.0-rc4 #0 Not tainted
                ------------------------------------------------------
                writer/100 is trying to acquire lock:
                ffff888012340000 (&obj->lock){+.+.}-{2:2}, at: spin_lock include/linux/spinlock.h:351 [inline]
                ffff888012340000 (&obj->lock){+.+.}-{2:2}, at: writer_fn+0x10/0x20 fs/x.c:10

                but task is already holding lock:
                ffffffff8e000000 (mount_lock.seqcount){+.+.}-{0:0}, at: write_seqlock include/linux/seqlock.h:858 [inline]
                ffffffff8e000000 (mount_lock.seqcount){+.+.}-{0:0}, at: writer_fn+0x8/0x20 fs/x.c:9

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (mount_lock.seqcount){+.+.}-{0:0}:
                       lock_acquire+0x1b1/0x560 kernel/locking/lockdep.c:5825
                       seqcount_lockdep_reader_access include/linux/seqlock.h:72 [inline]
                       read_seqbegin include/linux/seqlock.h:772 [inline]
                       reader_fn+0x10/0x20 fs/y.c:20

                -> #0 (&obj->lock){+.+.}-{2:2}:
                       lock_acquire+0x1b1/0x560 kernel/locking/lockdep.c:5825
                       __raw_spin_lock include/linux/spinlock_api_smp.h:133 [inline]
                       _raw_spin_lock+0x2e/0x40 kernel/locking/spinlock.c:154
                       spin_lock include/linux/spinlock.h:351 [inline]
                       writer_fn+0x10/0x20 fs/x.c:10

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(mount_lock.seqcount);
                                               lock(&obj->lock);
                                               lock(mount_lock.seqcount);
                  lock(&obj->lock);

                 *** DEADLOCK ***

                2 locks held by writer/100:
                 #0: ffffffff8e000010 (mount_lock){+.+.}-{2:2}, at: write_seqlock include/linux/seqlock.h:857 [inline]
                 #1: ffffffff8e000000 (mount_lock.seqcount){+.+.}-{0:0}, at: write_seqlock include/linux/seqlock.h:858 [inline]
                """);
        assertEquals("mount_lock", s.classNames().get("mount_lock.seqcount"), s.text());
        assertTrue(s.text().contains("\nseqlock mount_lock;  // (mount_lock.seqcount){+.+.}-{0:0}: not in the model "
                + "library; seqlock guessed: lockdep's mount_lock and mount_lock.seqcount are a seqlock_t's spinlock_t "
                + "and seqcount (include/linux/seqlock.h __SEQLOCK_UNLOCKED)\n"), s.text());
        assertTrue(s.text().contains("""
                thread chain_1 {
                    spin_lock(obj_lock);
                    read_seqbegin(mount_lock);
                    read_seqretry(mount_lock);
                    spin_unlock(obj_lock);
                }
                """), s.text());
        assertTrue(s.text().contains("""
                thread chain_0 {
                    write_seqlock(mount_lock);
                    spin_lock(obj_lock);
                    spin_unlock(obj_lock);
                    write_sequnlock(mount_lock);
                }
                """), s.text());
        assertTrue(finds(s.text(), Verdict.DEADLOCK), s.text());
    }

    /* A writer waiting for a writer: the chain's own mount_lock --> mount_lock.seqcount link is no thread. */
    @Test
    void theSeqlocksOwnLinkIsNoThread() throws UnreadableReport {
        SkeletonWriter.Skeleton s = skeleton("""
                ======================================================
                WARNING: possible circular locking dependency detected
                6.12.0-rc4 #0 Not tainted
                ------------------------------------------------------
                a/100 is trying to acquire lock:
                ffffffff8e000010 (mount_lock){+.+.}-{2:2}, at: write_seqlock include/linux/seqlock.h:857 [inline]

                but task is already holding lock:
                ffff888012340000 (&obj->lock){+.+.}-{2:2}, at: spin_lock include/linux/spinlock.h:351 [inline]

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #2 (&obj->lock){+.+.}-{2:2}:
                       _raw_spin_lock+0x2e/0x40 kernel/locking/spinlock.c:154
                       spin_lock include/linux/spinlock.h:351 [inline]
                       b_fn+0x10/0x20 fs/y.c:20

                -> #1 (mount_lock.seqcount){+.+.}-{0:0}:
                       do_write_seqcount_begin_nested include/linux/seqlock.h:469 [inline]
                       write_seqlock include/linux/seqlock.h:858 [inline]
                       b_fn+0x8/0x20 fs/y.c:19

                -> #0 (mount_lock){+.+.}-{2:2}:
                       _raw_spin_lock+0x2e/0x40 kernel/locking/spinlock.c:154
                       spin_lock include/linux/spinlock.h:351 [inline]
                       write_seqlock include/linux/seqlock.h:857 [inline]
                       a_fn+0x10/0x20 fs/x.c:10

                other info that might help us debug this:

                Chain exists of:
                  mount_lock --> mount_lock.seqcount --> &obj->lock

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(&obj->lock);
                                               lock(mount_lock.seqcount);
                                               lock(&obj->lock);
                  lock(mount_lock);

                 *** DEADLOCK ***

                1 lock held by a/100:
                 #0: ffff888012340000 (&obj->lock){+.+.}-{2:2}, at: spin_lock include/linux/spinlock.h:351 [inline]
                """);
        assertEquals("mount_lock", s.classNames().get("mount_lock"), s.text());
        assertEquals("mount_lock", s.classNames().get("mount_lock.seqcount"), s.text());
        assertTrue(s.text().contains("""
                // #1: mount_lock.seqcount taken while mount_lock is held:
                //   do_write_seqcount_begin_nested include/linux/seqlock.h:469 [inline]
                //   write_seqlock include/linux/seqlock.h:858 [inline]
                //   b_fn+0x8/0x20 fs/y.c:19
                // the seqlock_t's own two classes: write_seqlock() takes both, one seqlock here
                """), s.text());
        assertEquals(1, s.text().split("\nseqlock ", -1).length - 1, s.text());
        assertTrue(finds(s.text(), Verdict.DEADLOCK), s.text());
    }

    /* A reader in the interrupt that came in the write section: the task writes, the handler reads. */
    @Test
    void aReaderInAnInterruptReadsWhatTheTaskWrites() throws UnreadableReport {
        SkeletonWriter.Skeleton s = skeleton("""
                ================================
                WARNING: inconsistent lock state
                6.12.0 #0 Not tainted
                --------------------------------
                inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-R} usage.
                swapper/0/1 [HC1[1]:SC0[0]:HE0:SE1] takes:
                ffffffff8e000000 (clock_seq.seqcount){+-+.}-{0:0}, at: read_seqbegin include/linux/seqlock.h:772 [inline]
                {HARDIRQ-ON-W} state was registered at:
                  lock_acquire+0x1b1/0x560 kernel/locking/lockdep.c:5825
                  do_write_seqcount_begin_nested include/linux/seqlock.h:469 [inline]
                  write_seqlock include/linux/seqlock.h:858 [inline]
                  clock_advance+0x10/0x20 kernel/c.c:5

                other info that might help us debug this:
                 Possible unsafe locking scenario:

                       CPU0
                       ----
                  lock(clock_seq.seqcount);
                  <Interrupt>
                    lock(clock_seq.seqcount);

                 *** DEADLOCK ***

                2 locks held by swapper/0/1:
                 #0: ffffffff8e000010 (clock_seq){+.+.}-{2:2}, at: write_seqlock include/linux/seqlock.h:857 [inline]
                 #1: ffffffff8e000000 (clock_seq.seqcount){+-+.}-{0:0}, at: write_seqlock include/linux/seqlock.h:858 [inline]
                """);
        assertTrue(s.text().contains("    write_seqlock(clock_seq);  // {HARDIRQ-ON-W}: interrupts enabled\n"
                + "    write_sequnlock(clock_seq);\n"), s.text());
        assertTrue(s.text().contains("    read_seqbegin(clock_seq);\n    read_seqretry(clock_seq);\n"), s.text());
        assertTrue(finds(s.text(), Verdict.DEADLOCK), s.text());
    }

    /* A held list with both classes takes the seqlock once: a second write_seqlock() would be a recursion. */
    @Test
    void aHeldListTakesTheSeqlockOnce() throws UnreadableReport {
        SkeletonWriter.Skeleton s = skeleton("""
                BUG: sleeping function called from invalid context at kernel/locking/mutex.c:580
                in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 100, name: w
                preempt_count: 1, expected: 0
                RCU nest depth: 0, expected: 0
                2 locks held by w/100:
                 #0: ffffffff8e000010 (mount_lock){+.+.}-{2:2}, at: write_seqlock include/linux/seqlock.h:857 [inline]
                 #1: ffffffff8e000000 (mount_lock.seqcount){+.+.}-{0:0}, at: write_seqlock include/linux/seqlock.h:858 [inline]
                Call Trace:
                 <TASK>
                 __might_resched+0x5d4/0x780 kernel/sched/core.c:8653
                 __mutex_lock+0x10/0x20 kernel/locking/mutex.c:580
                 w_fn+0x10/0x20 fs/w.c:12
                 </TASK>
                """);
        assertEquals(1, s.text().split("write_seqlock\\(mount_lock\\);", -1).length - 1, s.text());
        assertTrue(s.text().contains("// #1: mount_lock.seqcount, the write_seqlock() above's seqcount\n"), s.text());
    }
}
