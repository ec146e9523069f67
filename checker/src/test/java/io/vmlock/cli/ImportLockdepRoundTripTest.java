package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import io.vmlock.importer.HeldLock;
import io.vmlock.importer.HeldLocks;
import io.vmlock.importer.LibraryNames;
import io.vmlock.importer.LockClass;
import io.vmlock.importer.LockKind;
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
import java.util.function.Function;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus round trip: a report imports to a skeleton, {@code check --format lockdep} on the
 * skeleton prints a report, and the importer's own parser reads that report back as a report of
 * the same kind (the kind lockdep prints today, {@link #kindToday}) over the same lock classes
 * (the source's classes under the names the skeleton gave them), each in the same role: a cycle's
 * classes in the same cyclic order, an irq inversion's safe and unsafe class, an inconsistent
 * state's two usages.
 */
class ImportLockdepRoundTripTest {
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
        if (sleepsInAtomicToday(original, Files.readString(skeleton, StandardCharsets.UTF_8))) {
            Splat.Circular cycle = (Splat.Circular) original;
            assertEquals(SplatKind.SLEEP_IN_ATOMIC, printed.kind(), checked.out());
            assertEquals(Set.of(names.getOrDefault(cycle.holding().name(), cycle.holding().baseName())),
                    new TreeSet<>(classes(printed, false).stream().map(ImportLockdepRoundTripTest::printedName).toList()),
                    checked.out());
            return;
        }

        assertEquals(kindToday(original), printed.kind(), checked.out());
        if (printed.kind() == original.kind()) {
            // a SOFTIRQ report comes back SOFTIRQ (a softirq handler), a HARDIRQ one HARDIRQ
            assertEquals(state(original), state(printed), checked.out());
        }
        assertEquals(roles(original, c -> names.getOrDefault(c.name(), c.baseName())),
                roles(printed, ImportLockdepRoundTripTest::printedName), checked.out());
        Set<String> expected = new TreeSet<>();
        classes(original, true).stream().filter(c -> !libraryMap(c))
                .forEach(c -> expected.add(names.getOrDefault(c.name(), c.baseName())));
        for (LockClass c : classes(original, true)) {
            if (!libraryMap(c)) continue;
            // the code a library map stands for is entered through the library's procedure: the MMU
            // notifier map's through linux/rmap's, console_owner's through linux/printk's console flush
            String entry = c.baseName().equals(LibraryNames.CONSOLE_OWNER_MAP) ? "    console_unlock();"
                    : "    mmu_notifier_invalidate_range_start();";
            assertTrue(Files.readString(skeleton, StandardCharsets.UTF_8).contains(entry), checked.out());
        }
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

    /**
     * vmlock's own lockdep output with print_lock_name's wait types read back: the abba golden's
     * mutexes come back as classes whose wait types are {@code 4:4}, wanted, held and chained.
     */
    @org.junit.jupiter.api.Test
    void theImporterReadsTheWaitTypesVmlockPrints() throws Exception {
        Path golden = TestFiles.repoRoot().resolve("examples/classic/abba.expected.lockdep.txt");
        Splat.Circular printed = (Splat.Circular) SplatParser.parse(Files.readString(golden, StandardCharsets.UTF_8));
        assertEquals(Optional.of("4:4"), printed.acquiring().waitTypes());
        assertEquals(Optional.of("4:4"), printed.holding().waitTypes());
        assertEquals(List.of(Optional.of("4:4"), Optional.of("4:4")),
                printed.chain().stream().map(e -> e.lock().waitTypes()).toList());
        assertEquals("(inode_b){+.+.}-{4:4}", printed.acquiring().printed());
    }

    /** A circular report's chain as a cycle of classes, #0 to #N, in a rotation of its own (its least class first). */
    @org.junit.jupiter.api.Test
    void aCycleIsComparedUpToRotationOnly() {
        assertEquals(cyclicOrder(List.of("b", "c", "a")), cyclicOrder(List.of("a", "b", "c")));
        assertTrue(!cyclicOrder(List.of("a", "c", "b")).equals(cyclicOrder(List.of("a", "b", "c"))),
                "the same classes in another order are another cycle");
    }

    /**
     * What each class is to the report: for a circular report its place in the chain (#0, the
     * lock wanted, to #N, the one held, as a cycle), for an irq inversion which class is irq-safe
     * and which unsafe, for an inconsistent state its two usages; empty for the other kinds.
     */
    /**
     * A library lock that is a lockdep map the search steps over (linux/rmap's MMU notifier map,
     * linux/printk's console_owner):
     * no thread holds it in the search, so the report vmlock prints has the cycle the callbacks'
     * own locks close, without the map (README, "vmlock import lockdep").
     */
    private static boolean libraryMap(LockClass c) {
        return LibraryNames.lock(c).filter(m -> m.kind() == LockKind.LOCKDEP_MAP).isPresent();
    }

    private static List<String> roles(Splat s, Function<LockClass, String> name) {
        if (kindToday(s) != s.kind()) {
            return cyclicOrder(List.of(name.apply(((Splat.Inconsistent) s).lock()), FS_RECLAIM));
        }
        return switch (s.kind()) {
            case CIRCULAR -> cyclicOrder(chain((Splat.Circular) s).stream().filter(c -> !libraryMap(c)).map(name)
                    .toList());
            case IRQ_INVERSION -> List.of("safe " + name.apply(((Splat.IrqInversion) s).irqSafe()),
                    "unsafe " + name.apply(((Splat.IrqInversion) s).irqUnsafe()));
            // the two usages in either order: lockdep reports whichever the run met second (corpus 23
            // took the lock in a softirq first, the skeleton's run holds it first with softirqs on)
            case INCONSISTENT -> List.of(name.apply(((Splat.Inconsistent) s).lock()) + " "
                    + new TreeSet<>(List.of(((Splat.Inconsistent) s).from(), ((Splat.Inconsistent) s).to())));
            case RECURSIVE, SLEEP_IN_ATOMIC, HUNG_TASK -> List.of();
        };
    }

    /**
     * The chain #0..#N: its entries by number, #0 the lock the task wants and #N the one it holds
     * where an excerpt ends before them (an entry still missing is left out).
     */
    private static List<LockClass> chain(Splat.Circular c) {
        Map<Integer, LockClass> byIndex = new java.util.TreeMap<>();
        c.chain().forEach(e -> byIndex.put(e.index(), e.lock()));
        int last = byIndex.isEmpty() ? 1 : Math.max(1, ((java.util.TreeMap<Integer, LockClass>) byIndex).lastKey());
        byIndex.putIfAbsent(0, c.acquiring());
        byIndex.putIfAbsent(last, c.holding());
        return List.copyOf(byIndex.values());
    }

    /**
     * The kind lockdep prints today for the source's bug: a RECLAIM_FS inconsistent state, which
     * lockdep tracked before 4.14, has been the circular dependency through fs_reclaim (mm/page_alloc.c's
     * __fs_reclaim_map) since, the lock and fs_reclaim its two classes.
     */
    private static SplatKind kindToday(Splat s) {
        return s instanceof Splat.Inconsistent i && i.state().equals("RECLAIM_FS") ? SplatKind.CIRCULAR : s.kind();
    }

    /**
     * A cycle closed by a sleeping lock taken under a spinlock (corpus 105, jffs2 before
     * 226bb7df3d22): the importer expects sleep-in-atomic, its note naming the link (the search stops
     * the thread at the sleep, as a kernel with CONFIG_DEBUG_ATOMIC_SLEEP reports it first), and
     * what comes back is that report, its task holding the spinlock the cycle's report holds.
     * ImportSleepUnderSpinlockTest checks the importer's rule on its own.
     */
    private static boolean sleepsInAtomicToday(Splat s, String skeletonText) {
        return s instanceof Splat.Circular && skeletonText.contains("\nexpect sleep-in-atomic;");
    }

    /** A cycle written from its least element on: two rotations of one cycle are equal, a reordering is not. */
    static List<String> cyclicOrder(List<String> cycle) {
        int start = cycle.indexOf(cycle.stream().min(String::compareTo).orElse(""));
        List<String> rotated = new java.util.ArrayList<>(cycle.subList(Math.max(0, start), cycle.size()));
        rotated.addAll(cycle.subList(0, Math.max(0, start)));
        return rotated;
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
