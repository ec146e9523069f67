package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.ir.IrProgram;
import io.vmlock.promela.PromelaExport;
import io.vmlock.testing.Scenarios;
import io.vmlock.testing.Spin;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPIN as the oracle for the language's newer constructs, as {@link SpinDifferentialTest} is for
 * random models: the Promela export stores exactly the reference search's states, makes one more
 * transition, and has an invalid end state exactly when the reference search gets stuck.
 */
class LanguageSpinTest {
    static Stream<String> scenarios() {
        return Stream.of(
                // a trylock result passed up through two wrappers, against a blocking locker
                """
                mutex m; mutex n;
                bool take() { return mutex_trylock(m); }
                bool take_both() { if (take()) { if (mutex_trylock(n)) { return true; } mutex_unlock(m); } return false; }
                thread a { if (take_both()) { mutex_unlock(n); mutex_unlock(m); } }
                thread b { mutex_lock(n); mutex_lock(m); mutex_unlock(m); mutex_unlock(n); }
                """,
                // int results, a result read from a global, a call in a while test; a real deadlock
                """
                int(0..3) g = 0;
                mutex x; mutex y;
                int next(int v) { if (v < 3) { return v + 1; } return 0; }
                bool is_set() { return g > 1; }
                thread w { g = next(g); g = next(g); }
                thread r { while (!is_set()) { } mutex_lock(x); mutex_lock(y); mutex_unlock(y); mutex_unlock(x); }
                thread s { mutex_lock(y); mutex_lock(x); mutex_unlock(x); mutex_unlock(y); }
                """,
                // GFP masks: lockdep looks away, the reclaim still runs and deadlocks against b
                """
                mutex m; mutex n;
                proc shrink() { mutex_lock(n); mutex_unlock(n); }
                reclaim __GFP_FS shrink();
                thread a { mutex_lock(m); alloc(GFP_KERNEL | __GFP_NOLOCKDEP); alloc(GFP_NOFS | __GFP_NOFAIL); mutex_unlock(m); }
                thread b { mutex_lock(n); mutex_lock(m); mutex_unlock(m); mutex_unlock(n); }
                """,
                // per-thread variables: jbd2-style nesting by current->journal_info, in two copies and an interrupt
                """
                current int(0..2) journal_info = 0;
                mutex m;
                proc start() { if (current->journal_info == 0) { mutex_lock(m); } current->journal_info++; }
                proc stop() { current->journal_info--; if (current->journal_info == 0) { mutex_unlock(m); } }
                thread t[2] { start(); start(); stop(); stop(); }
                thread u { current->journal_info = 1; mutex_lock(m); mutex_unlock(m); }
                interrupt irq on u { BUG_ON(current->journal_info > 1); }
                """,
                // GFP masks with a bit cleared: the first allocation enters no __GFP_FS path, the second does
                """
                mutex m; mutex n;
                proc shrink() { mutex_lock(n); mutex_unlock(n); }
                reclaim __GFP_FS shrink();
                thread a { mutex_lock(m); alloc(GFP_KERNEL & ~__GFP_FS); alloc(GFP_KERNEL & ~__GFP_IO); mutex_unlock(m); }
                thread b { mutex_lock(n); mutex_lock(m); mutex_unlock(m); mutex_unlock(n); }
                """,
                // lockdep maps export as steps that only move the program counter: the flush_work
                // deadlock is the completion's, and taking a map twice or read never waits
                """
                mutex dev; lockdep_map work; completion done;
                thread kworker { lock_map_acquire(work); mutex_lock(dev); mutex_unlock(dev); lock_map_release(work); complete(done); }
                thread flusher { mutex_lock(dev); lock_map_acquire(work); lock_map_release(work); wait_for_completion(done); mutex_unlock(dev); }
                thread reader { lock_map_acquire_read(work); lock_map_acquire(work); lock_map_release(work); lock_map_release(work); }
                """,
                // workqueues lower to a variable per work item, a daemon worker and wait_event: a flush
                // under the lock the work takes deadlocks; a cancel, a second queueing, a workqueue flush
                """
                mutex x; workqueue wq;
                proc f() { mutex_lock(x); mutex_unlock(x); }
                work w = f() on wq;
                thread t { queue_work(wq, w); queue_work(wq, w); mutex_lock(x); flush_work(w); mutex_unlock(x); }
                thread c { cancel_work_sync(w); queue_work(wq, w); flush_workqueue(wq); }
                """,
                // an ordered workqueue: one worker, items in queueing order, a cancel leaves the queue;
                // an item flushing one queued after it never returns
                """
                ordered_workqueue q; int(0..2) ran = 0;
                proc a() { ran = 1; flush_work(wc); }
                proc b() { assert(false); }
                proc c() { assert(ran == 1); ran = 2; }
                work wa = a() on q; work wb = b() on q; work wc = c() on q;
                thread t { queue_work(q, wa); queue_work(q, wb); queue_work(q, wc); cancel_work_sync(wb); flush_work(wa); }
                """,
                // workqueues and work items per set member: a branch per member where the index is a
                // parameter, an ordered workqueue per superblock, a flush of one inode's item under its lock
                """
                set sb { S0, S1 }; set inode { I0, I1 };
                mutex i_lock[inode]; ordered_workqueue q_of[sb];
                proc conversion(inode i) { mutex_lock(i_lock[i]); mutex_unlock(i_lock[i]); }
                work conversion_of[inode] = conversion(inode) on q_of[S0];
                work spare_of[sb] = conversion(I1) on q_of[sb];
                proc end_io(sb s, inode i) { queue_work(q_of[s], conversion_of[i]); }
                thread t { end_io(S0, I1); end_io(S0, I0); mutex_lock(i_lock[I0]); flush_work(conversion_of[I0]);
                           mutex_unlock(i_lock[I0]); }
                thread u { queue_work(q_of[S1], spare_of[S1]); cancel_work_sync(spare_of[S1]); flush_workqueue(q_of[S0]); }
                """,
                // might_lock takes nothing in the search: a step that moves only the program counter
                """
                mutex x; mutex y;
                thread a { mutex_lock(x); might_lock(y); mutex_unlock(x); }
                thread b { mutex_lock(y); mutex_lock(x); mutex_unlock(x); mutex_unlock(y); }
                """,
                // might_lock_read takes nothing either: the reader and the writer only meet on r itself
                """
                rwsem r; mutex x;
                thread a { mutex_lock(x); might_lock_read(r); mutex_unlock(x); down_read(r); up_read(r); }
                thread w { down_write(r); mutex_lock(x); mutex_unlock(x); up_write(r); }
                """,
                // lockdep_set_class is init's and the graph's: the export and the search see the instances,
                // and the two writers of HUGE against x deadlock whatever the class
                """
                set inode { REG, HUGE };
                rwsem i_mmap[inode]; mutex x;
                init { lockdep_set_class(i_mmap[HUGE], huge_key); }
                thread a { down_write(i_mmap[HUGE]); mutex_lock(x); mutex_unlock(x); up_write(i_mmap[HUGE]); }
                thread b { mutex_lock(x); down_read(i_mmap[REG]); up_read(i_mmap[REG]); down_write(i_mmap[HUGE]);
                           up_write(i_mmap[HUGE]); mutex_unlock(x); }
                """,
                // a nest lock is the graph's: the search takes each lock plainly, and u's order against t's deadlocks
                """
                set inode { A, B };
                mutex i_mutex[inode]; rwsem outer;
                thread t { down_write(outer); mutex_lock_nest_lock(i_mutex[A], outer); mutex_lock_nest_lock(i_mutex[B], outer);
                           mutex_unlock(i_mutex[B]); mutex_unlock(i_mutex[A]); up_write(outer); }
                thread u { mutex_lock(i_mutex[B]); mutex_lock(i_mutex[A]); mutex_unlock(i_mutex[A]); mutex_unlock(i_mutex[B]); }
                """,
                // pagefault_disable(): the copy in the scope never faults into the page lock, the one after it may
                """
                mutex page_lock; rwsem mmap_lock;
                proc fault_in() { down_read(mmap_lock); mutex_lock(page_lock); mutex_unlock(page_lock); up_read(mmap_lock); }
                mapping buf { fault = fault_in(); }
                thread w[2] { mutex_lock(page_lock); pagefault_disable(); copy_from_user(buf); pagefault_enable();
                              mutex_unlock(page_lock); copy_from_user(buf); }
                thread u { mutex_lock(page_lock); pagefault_disable(); pagefault_disable(); pagefault_enable();
                           copy_to_user(buf); pagefault_enable(); mutex_unlock(page_lock); }
                """,
                // a copy's result: generic_perform_write()'s round again after a short atomic copy
                """
                mutex page_lock; rwsem mmap_lock;
                proc fault_in() { down_read(mmap_lock); mutex_lock(page_lock); mutex_unlock(page_lock); up_read(mmap_lock); }
                mapping buf { fault = fault_in(); }
                thread w[2] {
                    repeat (2) {
                        if (copy_from_user(buf)) { break; }
                        mutex_lock(page_lock); pagefault_disable();
                        if (!copy_from_user(buf)) { pagefault_enable(); mutex_unlock(page_lock); break; }
                        pagefault_enable(); mutex_unlock(page_lock);
                    }
                }
                """,
                // a reserved handle joins the commit that still waits for w's handle (T_LOCKED), so w's
                // wait for it ends; once the commit's wait is over (T_SWITCH) it waits for the unlock
                """
                journal j; bool joined = false; bool started = false; int(0..3) seq = 1; int(0..3) seen = 0;
                thread commit { wait_event(started); jbd2_journal_lock_updates(j); seq++; jbd2_journal_unlock_updates(j); }
                thread w { jbd2_journal_start(j); started = true; wait_event(joined); jbd2_journal_stop(j); }
                thread r { jbd2_journal_start_reserved(j); joined = true; seen = seq; jbd2_journal_stop(j);
                           jbd2_journal_start_reserved(j); jbd2_journal_stop(j); }
                """,
                // a reserved start in a thread that holds a handle is the kernel's WARN_ON(current->journal_info)
                """
                journal j;
                thread r { jbd2_journal_start(j); jbd2_journal_start_reserved(j); jbd2_journal_stop(j); jbd2_journal_stop(j); }
                thread c { jbd2_journal_lock_updates(j); jbd2_journal_unlock_updates(j); }
                """);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void spinStoresTheReferenceSearchsStates(String source, @TempDir Path dir) throws Exception {
        assertSpinAgrees(source, dir);
    }

    /** SPIN stores the reference search's states, makes one more transition, and agrees on a stuck state. */
    static void assertSpinAgrees(String source, Path dir) throws Exception {
        Spin.require();
        IrProgram ir = Scenarios.lower(source);
        var oracle = SpinDifferentialTest.oracle(ir, 100_000).orElseThrow();
        Spin.Outcome spin = Spin.run(PromelaExport.export(ir).text().orElseThrow(), dir);
        assertEquals(oracle.states(), spin.states(), "states");
        assertEquals(oracle.transitions() + 1, spin.transitions(), "transitions");
        assertEquals(oracle.stuck(), spin.invalidEndState(), "a stuck state");
    }
}
