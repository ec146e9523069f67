package io.vmlock.explore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.explore.Explorer;
import io.vmlock.findings.CheckResult;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.Scenarios;
import org.junit.jupiter.api.Test;

class SystemCompilerTest {
    private static void same(String source) {
        IrProgram ir = Scenarios.lower(source);
        CheckResult ref = Explorer.check(ir, Explorer.Options.defaults());
        TransitionSystem ts = SystemCompiler.compile(ir);
        NaiveSearch n = NaiveSearch.run(ts);
        assertEquals(ref.stats().states(), n.states, "states of\n" + source);
        assertEquals(ref.stats().transitions(), n.transitions, "transitions of\n" + source);
    }

    @Test
    void philosophers() {
        same("""
                set fork_id { F0, F1, F2 };
                mutex fork[fork_id];
                proc dine(mutex left, mutex right) { mutex_lock(left); mutex_lock(right); mutex_unlock(right); mutex_unlock(left); }
                daemon thread phil0 { while (true) { dine(fork[F0], fork[F1]); } }
                daemon thread phil1 { while (true) { dine(fork[F1], fork[F2]); } }
                daemon thread phil2 { while (true) { dine(fork[F2], fork[F0]); } }
                """);
    }

    @Test
    void rwsemAndJournal() {
        same("""
                rwsem sem;
                thread reader { down_read(sem); down_read(sem); up_read(sem); up_read(sem); }
                thread writer { down_write(sem); up_write(sem); }
                """);
        same("""
                journal j;
                thread t { jbd2_journal_start(j); jbd2_journal_start(j); jbd2_journal_stop(j); jbd2_journal_stop(j); }
                thread c { jbd2_journal_force_commit(j); }
                """);
    }

    static java.util.stream.Stream<String> semantics() {
        return java.util.stream.Stream.of(
                """
                rwsem sem;
                thread reader { down_read(sem); down_read(sem); up_read(sem); up_read(sem); }
                thread writer { down_write(sem); up_write(sem); }
                """,
                """
                rwsem sem;
                thread reader { down_read(sem); down_read(sem); up_read(sem); up_read(sem); }
                """,
                """
                journal j;
                thread t { jbd2_journal_start(j); jbd2_journal_start(j); jbd2_journal_stop(j); jbd2_journal_stop(j); }
                thread c { jbd2_journal_force_commit(j); }
                """,
                """
                journal j;
                thread t { jbd2_journal_start(j); jbd2_journal_force_commit(j); jbd2_journal_stop(j); }
                """,
                """
                spinlock s;
                mutex m;
                thread t { spin_lock(s); mutex_lock(m); mutex_unlock(m); spin_unlock(s); }
                """,
                """
            mutex fs_lock;
            proc shrink_fs() { mutex_lock(fs_lock); mutex_unlock(fs_lock); }
            reclaim __GFP_FS shrink_fs();
                            thread t { mutex_lock(fs_lock); memalloc_nofs_save(); alloc(GFP_KERNEL); memalloc_nofs_restore();
                           mutex_unlock(fs_lock); }
                """,
                """
                mutex page_lock;
                proc fault_in() { mutex_lock(page_lock); mutex_unlock(page_lock); }
                mapping buf { fault = fault_in(); }
                thread t { mutex_lock(page_lock); pagefault_disable(); copy_from_user(buf); pagefault_enable();
                           copy_from_user(buf); mutex_unlock(page_lock); }
                """,
                """
                spinlock s;
                thread t { spin_lock(s); spin_unlock(s); }
                interrupt timer on t { spin_lock(s); spin_unlock(s); }
                """,
                """
                spinlock s;
                thread t { spin_lock_irq(s); spin_unlock_irq(s); }
                interrupt timer on t { spin_lock(s); spin_unlock(s); }
                """,
                """
                mutex m;
                thread a { mutex_lock(m); mutex_unlock(m); }
                thread b { if (mutex_trylock(m)) { mutex_unlock(m); } else { assert(false); } }
                """,
                """
                completion done;
                thread waiter { wait_for_completion(done); }
                thread other { might_sleep(); }
                """,
                """
                completion done;
                thread waiter { wait_for_completion(done); }
                thread c { complete(done); }
                """,
                """
                bool flag;
                int(0..1) tick = 0;
                daemon thread kswapd { while (true) { tick = 1; tick = 0; } }
                thread waiter { wait_event(flag); }
                """,
                """
                mutex a;
                mutex b;
                thread t1 { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
                thread t2 { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
                """,
                """
                mutex a;
                mutex b;
                thread w[2] {
                    either { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
                    or { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
                }
                """,
                """
mutex m;
thread t { mutex_lock(m); }""",
                """
mutex m;
thread t { either { mutex_lock(m); } or { } mutex_unlock(m); }""",
                """
int(0..3) x = 0;
thread t { x = 2; assert(x < 2); }""",
                """
int(0..1) x = 0;
thread t { x = 1; x++; }""",
                """
int(0..3) x = 0;
invariant x < 2;
thread t { x = 2; x = 0; }""",
                """
            mutex fs_lock;
            proc shrink_fs() { mutex_lock(fs_lock); mutex_unlock(fs_lock); }
            reclaim __GFP_FS shrink_fs();
            thread t { mutex_lock(fs_lock); alloc(GFP_NOFS); mutex_unlock(fs_lock); }""",
                """
            mutex fs_lock;
            proc shrink_fs() { mutex_lock(fs_lock); mutex_unlock(fs_lock); }
            reclaim __GFP_FS shrink_fs();
            thread t { mutex_lock(fs_lock); alloc(GFP_KERNEL); mutex_unlock(fs_lock); }""",
                "mutex m;\nthread t { mutex_lock(m); }");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("semantics")
    void semanticsModels(String source) {
        same(source);
    }
}
