package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.graph.LockEdge;
import io.vmlock.lockorder.LockOrderAnalysis;
import io.vmlock.testing.Scenarios;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * lockdep nest locks ({@code mutex_lock_nest_lock(l, outer)}, {@code spin_lock_nest_lock},
 * {@code down_write_nest_lock}): the search takes l as the plain lock; the lock-order graph lets
 * locks of one class nest while the nest lock is held, as kernel/locking/lockdep.c does
 * (check_deadlock() returns 2 when the held lock's nest lock is held; __lock_acquire() folds a
 * repeat of the top class into its references), and records the same-class nesting when it is not.
 */
class LockdepNestLockTest {
    /** mm_take_all_locks()'s shape: every mapping's lock under the one outer lock. */
    static final String ALL_LOCKS = """
            set inode { A, B };
            mutex i_mutex[inode]; mutex outer;
            thread t {
                mutex_lock(outer);
                mutex_lock_nest_lock(i_mutex[A], outer); mutex_lock_nest_lock(i_mutex[B], outer);
                mutex_unlock(i_mutex[B]); mutex_unlock(i_mutex[A]);
                mutex_unlock(outer);
            }
            thread u { mutex_lock(i_mutex[B]); mutex_unlock(i_mutex[B]); }
            """;

    private static Set<String> edges(String source) {
        return IrGraphBuilder.build(Scenarios.lower(source)).graph().edges().stream().map(LockEdge::toString)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /*
     * t at t0..t6 holds outer at t1..t5, A at t2..t4, B at t3; u at u0..u2 holds B at u1. Of the
     * 21 pairs only (t3, u1) holds B twice: 20 states, no finding, with the annotation or without.
     */
    @Test
    void theSearchTakesThePlainLock() {
        outcome(ALL_LOCKS, List.of(), 20);
        outcome(ALL_LOCKS.replace("_nest_lock(i_mutex[A], outer)", "(i_mutex[A])")
                .replace("_nest_lock(i_mutex[B], outer)", "(i_mutex[B])"), List.of(), 20);
    }

    /** Under the held nest lock, A then B of one class is no self-loop; unannotated, it is lockdep's recursive locking. */
    @Test
    void theNestLockHeldHidesTheSameClassNesting() {
        assertEquals(Set.of("outer -> i_mutex"), edges(ALL_LOCKS));
        String plain = ALL_LOCKS.replace("_nest_lock(i_mutex[A], outer)", "(i_mutex[A])")
                .replace("_nest_lock(i_mutex[B], outer)", "(i_mutex[B])");
        assertEquals(Set.of("i_mutex -> i_mutex", "outer -> i_mutex"), edges(plain));
    }

    /** Without the nest lock held (lockdep: "Nested lock was not taken") the nesting is recorded. */
    @Test
    void withoutTheNestLockHeldTheNestingIsRecorded() {
        String unheld = ALL_LOCKS.replace("    mutex_lock(outer);\n", "").replace("    mutex_unlock(outer);\n", "");
        assertEquals(Set.of("i_mutex -> i_mutex"), edges(unheld));
        assertEquals(1, LockOrderAnalysis.run(Scenarios.lower(unheld)).verdicts().size());
        assertEquals(List.of(), LockOrderAnalysis.run(Scenarios.lower(ALL_LOCKS)).verdicts());
    }

    /** Only the class nesting is hidden: a lock between two of the class still orders both ways, as in lockdep. */
    @Test
    void otherHoldsStillOrder() {
        assertEquals(Set.of("i_mutex -> x", "outer -> i_mutex", "outer -> x", "x -> i_mutex"), edges("""
                set inode { A, B };
                mutex i_mutex[inode]; mutex outer; mutex x;
                thread t {
                    mutex_lock(outer);
                    mutex_lock_nest_lock(i_mutex[A], outer); mutex_lock(x);
                    mutex_lock_nest_lock(i_mutex[B], outer); mutex_unlock(i_mutex[B]);
                    mutex_unlock(x); mutex_unlock(i_mutex[A]); mutex_unlock(outer);
                }
                """));
    }

    /** spin_lock_nest_lock and down_write_nest_lock alike; the nest lock may be any lock kind held. */
    @Test
    void everyNestLockFormNestsUnderAnyHeldLock() {
        assertEquals(Set.of("mmap_lock -> i_mmap", "mmap_lock -> s"), edges("""
                set inode { A, B };
                rwsem i_mmap[inode]; spinlock s[inode]; rwsem mmap_lock;
                thread t {
                    down_write(mmap_lock);
                    foreach (i in inode) { down_write_nest_lock(i_mmap[i], mmap_lock); }
                    foreach (i in inode) { up_write(i_mmap[i]); }
                    foreach (i in inode) { spin_lock_nest_lock(s[i], mmap_lock); }
                    foreach (i in inode) { spin_unlock(s[i]); }
                    up_write(mmap_lock);
                }
                """));
    }
}
