package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.bothEngines;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.findings.CheckResult;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.graph.LockEdge;
import io.vmlock.testing.Scenarios;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * lockdep subclasses ({@code mutex_lock_nested(l, n)} and kin): the search sees instances and
 * takes a nested acquisition like the plain one; the lock-order graph puts it in class
 * {@code l/n}, as lockdep does, so an annotated nesting of one class is no self-loop.
 */
class LockdepSubclassTest {
    /** lock_two_nondirectories without its address order: each locks the other inode nested. */
    static final String TWO_INODES = """
            set inode { A, B };
            mutex i_rwsem[inode];
            thread t1 { mutex_lock(i_rwsem[A]); mutex_lock_nested(i_rwsem[B], 1); mutex_unlock(i_rwsem[B]); mutex_unlock(i_rwsem[A]); }
            thread t2 { mutex_lock(i_rwsem[B]); mutex_lock_nested(i_rwsem[A], 1); mutex_unlock(i_rwsem[A]); mutex_unlock(i_rwsem[B]); }
            """;

    private static Set<String> edges(String source) {
        return IrGraphBuilder.build(Scenarios.lower(source)).graph().edges().stream().map(LockEdge::toString)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /*
     * t1 at a0..a4 holds A at a1..a3 and B at a2; t2 at b0..b4 holds B at b1..b3 and A at b2.
     * Of the 25 pairs, 5 would hold a lock twice (a in 1..3 with b = 2, a = 2 with b = 1 or 3),
     * and (a3, b3) cannot be reached: each needs the other's first lock while that is held. 19
     * states, the same as with plain mutex_lock; (a1, b1) is the deadlock. The subclass changes
     * nothing the search sees.
     */
    @Test
    void theSearchSeesInstancesWhateverTheSubclass() {
        CheckResult nested = bothEngines(TWO_INODES);
        assertEquals(List.of("deadlock"), kinds(nested));
        assertEquals(19, nested.stats().states());
        CheckResult plain = bothEngines(TWO_INODES.replace("mutex_lock_nested(i_rwsem[B], 1)", "mutex_lock(i_rwsem[B])")
                .replace("mutex_lock_nested(i_rwsem[A], 1)", "mutex_lock(i_rwsem[A])"));
        assertEquals(19, plain.stats().states());
    }

    /** The annotation tells lockdep the nesting is ordered: i_rwsem -> i_rwsem/1, no self-loop. */
    @Test
    void theGraphPutsANestedAcquisitionInItsSubclass() {
        assertEquals(Set.of("i_rwsem -> i_rwsem/1"), edges(TWO_INODES));
        assertEquals(Set.of("i_rwsem -> i_rwsem"), edges(TWO_INODES.replace("_nested", "").replace(", 1)", ")")));
    }

    /** Unlocking drops the nested (latest) hold: what comes after is ordered after the outer read only. */
    @Test
    void aPlainUnlockReleasesTheNestedHold() {
        assertEquals(Set.of("d -> d/2", "d -> m", "d -> s/1"), edges("""
                rwsem d; mutex m; spinlock s;
                thread t {
                    down_read(d); down_read_nested(d, 2); up_read(d);
                    spin_lock_nested(s, 1); spin_unlock(s);
                    mutex_lock(m); mutex_unlock(m); up_read(d);
                }
                """));
    }

    /** Subclass 0 is the class itself; a nested acquisition of a held instance still waits for itself. */
    @Test
    void subclassZeroIsThePlainClassAndRecursionIsStillSeen() {
        assertEquals(Set.of("a -> b"), edges("""
                mutex a; mutex b;
                thread t { mutex_lock(a); mutex_lock_nested(b, 0); mutex_unlock(b); mutex_unlock(a); }
                """));
        assertEquals(List.of("recursive-lock"), kinds(bothEngines("""
                mutex a;
                thread t { mutex_lock(a); mutex_lock_nested(a, 1); mutex_unlock(a); mutex_unlock(a); }
                """)));
    }
}
