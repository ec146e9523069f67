package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import io.vmlock.importer.HeldLock;
import io.vmlock.importer.HeldLocks;
import io.vmlock.importer.LibraryNames;
import io.vmlock.importer.LockClass;
import io.vmlock.importer.SkeletonWriter;
import io.vmlock.importer.Splat;
import io.vmlock.importer.SplatKind;
import io.vmlock.importer.SplatParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus round trip: a report imports to a skeleton, {@code check --format lockdep} on the
 * skeleton prints a report, and the importer's own parser reads that report back as a report of
 * the same kind over the same lock classes (the source's classes under the names the skeleton
 * gave them). Where vmlock and lockdep name one bug by two reports, {@link #SAME_BUG} says why.
 */
class ImportLockdepRoundTripTest {
    /**
     * Kinds vmlock prints for a source kind, beside the source kind itself, each for a stated reason.
     */
    private static final Map<SplatKind, Set<SplatKind>> SAME_BUG = Map.of(
            // A cycle through fs_reclaim: the skeleton runs reclaim in the allocating thread (direct
            // reclaim), so the thread takes its lock again inside reclaim, which LockdepReport prints
            // as the RECLAIM_FS usage bug of lockdep before 4.14 (mm/page_alloc.c's fs_reclaim map
            // made it a circular dependency since). The classes are the same two.
            SplatKind.CIRCULAR, Set.of(SplatKind.INCONSISTENT),
            // A GFP_KERNEL allocation in softirq: might_alloc() (include/linux/sched/mm.h, 6.12) takes
            // the fs_reclaim map, which lockdep reports as an inconsistent state, then
            // might_sleep_if(), which reports sleeping in atomic; vmlock reports the second.
            SplatKind.INCONSISTENT, Set.of(SplatKind.SLEEP_IN_ATOMIC));

    private static final String FS_RECLAIM = "fs_reclaim";

    static Stream<Path> skeletons() {
        return ImportLockdepCorpusTest.reports().stream().map(ImportLockdepRoundTripTest::skeleton)
                .filter(Files::exists);
    }

    static Stream<Path> cycleSkeletons() {
        return skeletons().filter(p -> {
            String text = TestFiles.read(p);
            return text.contains("\nexpect deadlock;") || text.contains("\nexpect recursive-lock;");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("skeletons")
    void checkPrintsAReportOfTheSameKindOverTheSameClasses(Path skeleton) throws Exception {
        String source = skeleton.getFileName().toString().replaceAll("\\.vmlock$", ".txt");
        Splat original = SplatParser.parse(Files.readString(skeleton.resolveSibling(source), StandardCharsets.UTF_8));
        Map<String, String> names = SkeletonWriter.build(original, source).classNames();
        Cli checked = Cli.run("check", "--format", "lockdep", skeleton.toString());
        Splat printed = SplatParser.parse(checked.out());

        boolean sameKind = printed.kind() == original.kind()
                || SAME_BUG.getOrDefault(original.kind(), Set.of()).contains(printed.kind());
        assertTrue(sameKind, original.kind() + " imported, " + printed.kind() + " printed:\n" + checked.out());
        if (printed.kind() == original.kind()) {
            // a SOFTIRQ report comes back SOFTIRQ (a softirq handler), a HARDIRQ one HARDIRQ
            assertEquals(state(original), state(printed), checked.out());
        }
        Set<String> expected = new TreeSet<>();
        classes(original, true).forEach(c -> expected.add(names.getOrDefault(c.name(), c.baseName())));
        // vmlock's search never holds a lockdep map (no thread waits on one), so the held lists it
        // prints show none: a workqueue map a task holds is checked in the skeleton instead
        if (original.kind() == SplatKind.HUNG_TASK || original.kind() == SplatKind.SLEEP_IN_ATOMIC) {
            String text = Files.readString(skeleton, StandardCharsets.UTF_8);
            for (LockClass c : classes(original, true)) {
                if (!LibraryNames.workqueueMap(c)) continue;
                String map = names.get(c.name());
                assertTrue(text.contains("    lock_map_acquire(" + map + ");"), c.name() + " is not taken:\n" + text);
                expected.remove(map);
            }
        }
        Set<String> actual = new TreeSet<>();
        classes(printed, false).forEach(c -> actual.add(printedName(c)));
        if (printed.kind() == SplatKind.SLEEP_IN_ATOMIC && original.kind() == SplatKind.INCONSISTENT) {
            // might_alloc() takes fs_reclaim where it then sleeps: the allocation is the class
            assertTrue(checked.out().contains("Call Trace:\n alloc(GFP_KERNEL)"), checked.out());
            actual.add(FS_RECLAIM);
        }
        // what made in_atomic() true when the report names no lock: a stand-in of the skeleton's
        actual.removeIf(name -> name.matches("atomic_context(?:_\\d+)?") && !names.containsValue(name));
        assertEquals(expected, actual, checked.out());
    }

    /**
     * Issue 16's floor for a report of a cycle (a skeleton that expects a deadlock or a recursive
     * lock): the graph pass alone, with no search, already finds it as a potential deadlock.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cycleSkeletons")
    void theGraphPassFindsTheCycleOfACycleReport(Path skeleton) {
        Cli graph = Cli.run("check", "--graph-only", skeleton.toString());
        assertTrue(graph.out().lines().findFirst().orElse("").endsWith(".vmlock: 1 potential-deadlock"), graph.toString());
    }

    /** The classes a report is about: its cycle, its lock, or what the reporting task holds. */
    private static List<LockClass> classes(Splat s, boolean source) {
        return switch (s.kind()) {
            case CIRCULAR -> circular((Splat.Circular) s);
            case RECURSIVE -> List.of(((Splat.Recursive) s).acquiring());
            case INCONSISTENT -> inconsistent((Splat.Inconsistent) s);
            case IRQ_INVERSION -> List.of(((Splat.IrqInversion) s).irqSafe(), ((Splat.IrqInversion) s).irqUnsafe());
            case SLEEP_IN_ATOMIC, HUNG_TASK -> taskHolds(s, source);
        };
    }

    /** The lockdep state an irq report is about (HARDIRQ, SOFTIRQ, RECLAIM_FS); empty for the other kinds. */
    private static String state(Splat s) {
        return switch (s.kind()) {
            case INCONSISTENT -> ((Splat.Inconsistent) s).state();
            case IRQ_INVERSION -> ((Splat.IrqInversion) s).state();
            case CIRCULAR, RECURSIVE, SLEEP_IN_ATOMIC, HUNG_TASK -> "";
        };
    }

    /** RECLAIM_FS, lockdep's reclaim state before 4.14, is what the fs_reclaim map became. */
    private static List<LockClass> inconsistent(Splat.Inconsistent i) {
        if (!i.state().equals("RECLAIM_FS")) return List.of(i.lock());
        return List.of(i.lock(), new LockClass(FS_RECLAIM, "", Optional.empty()));
    }

    private static List<LockClass> circular(Splat.Circular c) {
        return Stream.concat(Stream.of(c.acquiring(), c.holding()), c.chain().stream().map(e -> e.lock())).toList();
    }

    /** The held list of the report's task: the source prints "comm/pid", vmlock the thread's name. */
    private static List<LockClass> taskHolds(Splat s, boolean source) {
        String task = s.header().task();
        return s.held().stream()
                .filter(l -> source ? l.task().startsWith(task + "/") || l.task().equals(task) : l.task().equals(task))
                .flatMap((HeldLocks l) -> l.locks().stream()).map(HeldLock::lock)
                .filter(c -> !source || !LibraryNames.notALock(c)).toList();
    }

    /** A journal prints as "(jbd2_handle)name": the skeleton's name is what follows the map. */
    private static String printedName(LockClass c) {
        return c.name().replaceFirst("^\\(jbd2_handle\\)", "");
    }

    private static Path skeleton(Path report) {
        return report.resolveSibling(report.getFileName().toString().replaceAll("\\.txt$", ".vmlock"));
    }
}
