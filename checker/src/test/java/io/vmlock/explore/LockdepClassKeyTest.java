package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.graph.LockEdge;
import io.vmlock.lockorder.LockOrderAnalysis;
import io.vmlock.solve.Feasibility;
import io.vmlock.testing.Scenarios;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * lockdep class keys ({@code lockdep_set_class(l[i], key)} in init, include/linux/lockdep.h's
 * lockdep_init_map(&(lock)->dep_map, #key, key, 0)): the search sees instances whatever their
 * class; the lock-order graph has one vertex per class, so instances moved to a key's class
 * order apart from the declaration's other instances, as fs/hugetlbfs/inode.c's
 * hugetlbfs_i_mmap_rwsem_key keeps hugetlbfs's i_mmap_rwsem apart from reclaim's.
 */
class LockdepClassKeyTest {
    /** A hugetlbfs file's i_mmap_rwsem held across x; a truncate takes a regular file's under x. */
    static final String TWO_FILES = """
            set inode { REG, HUGE };
            rwsem i_mmap[inode]; mutex x;
            init { lockdep_set_class(i_mmap[HUGE], huge_key); }
            thread fault { down_read(i_mmap[HUGE]); mutex_lock(x); mutex_unlock(x); up_read(i_mmap[HUGE]); }
            thread truncate { mutex_lock(x); down_write(i_mmap[REG]); up_write(i_mmap[REG]); mutex_unlock(x); }
            """;
    static final String ONE_CLASS = TWO_FILES.replace("init { lockdep_set_class(i_mmap[HUGE], huge_key); }\n", "");

    private static Set<String> edges(String source) {
        return IrGraphBuilder.build(Scenarios.lower(source)).graph().edges().stream().map(LockEdge::toString)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Feasibility> verdicts(String source) {
        return LockOrderAnalysis.run(Scenarios.lower(source)).verdicts();
    }

    /*
     * fault at f0..f4 holds HUGE (read) at f1..f3 and x at f2; truncate at s0..s4 holds x at s1..s3
     * and REG (write) at s2. Of the 25 pairs only the 3 with both holding x (f2 with s1..s3) are out:
     * 22 states, no finding, with the key or without it: the search sees instances.
     */
    @Test
    void theSearchSeesInstancesWhateverTheClass() {
        outcome(TWO_FILES, List.of(), 22);
        outcome(ONE_CLASS, List.of(), 22);
    }

    /** One class: lockdep's cycle i_mmap -> x -> i_mmap. Two: the key's class orders before x, the rest after. */
    @Test
    void theGraphOrdersClassesNotInstances() {
        assertEquals(Set.of("i_mmap -> x", "x -> i_mmap"), edges(ONE_CLASS));
        assertEquals(Set.of("huge_key -> x", "x -> i_mmap"), edges(TWO_FILES));
    }

    /** The one-class cycle is lockdep's report, which the instances dismiss; with the key there is none. */
    @Test
    void oneClassIsLockdepsReportTheInstancesDismiss() {
        List<Feasibility> one = verdicts(ONE_CLASS);
        assertEquals(1, one.size(), one::toString);
        assertFalse(one.get(0).feasible());
        assertTrue(one.get(0).reason().startsWith("lockdep would report this; instances differ: i_mmap[REG] is waited for"),
                one.get(0).reason());
        assertEquals(List.of(), verdicts(TWO_FILES));
    }

    /** Every instance given the same key is one class again, named by the key; a single lock's key renames it. */
    @Test
    void oneKeyForEveryInstanceIsOneClass() {
        String both = TWO_FILES.replace("init { lockdep_set_class(i_mmap[HUGE], huge_key); }",
                "init { foreach (i in inode) { lockdep_set_class(i_mmap[i], mapping_key); } }");
        assertEquals(Set.of("mapping_key -> x", "x -> mapping_key"), edges(both));
        assertEquals(1, verdicts(both).size());
        String single = ONE_CLASS + "init { lockdep_set_class(x, x_key); }\n";
        assertEquals(Set.of("i_mmap -> x_key", "x_key -> i_mmap"), edges(single));
    }

    /** Against the search: a real deadlock between two classes is found whatever the graph says. */
    @Test
    void aKeyNeverHidesADeadlock() {
        String real = """
                set inode { REG, HUGE };
                rwsem i_mmap[inode]; mutex x;
                init { lockdep_set_class(i_mmap[HUGE], huge_key); }
                thread a { down_write(i_mmap[HUGE]); mutex_lock(x); mutex_unlock(x); up_write(i_mmap[HUGE]); }
                thread b { mutex_lock(x); down_write(i_mmap[HUGE]); up_write(i_mmap[HUGE]); mutex_unlock(x); }
                """;
        assertEquals(Set.of("huge_key -> x", "x -> huge_key"), edges(real));
        assertTrue(verdicts(real).get(0).feasible(), verdicts(real).get(0).reason());
        io.vmlock.findings.CheckResult found = LockKindRulesTest.bothEngines(real);
        assertEquals(List.of("deadlock"), Scenarios.kinds(found));
        // its wait-for cycle names lockdep's class, so it matches the graph's cycle and the lockdep format prints the key
        assertTrue(found.findings().get(0).cycle().stream().anyMatch(l -> l.holds().lockdepClass().equals("huge_key")),
                () -> found.findings().get(0).cycle().toString());
    }
}
