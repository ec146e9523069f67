package io.vmlock.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The closing task's held mode as lockdep's scenario table prints it: CPU0's first step, read only
 * from a table that shows it prints modes (an rlock( or sync( step, lockdep since 2023).
 */
class ChainThreadsTest {
    private static final LockClass HELD = new LockClass("&sbi->s_writepages_rwsem", "++++", Optional.of("0:0"));

    private static List<CpuStep> table(String held, String acquired) {
        return List.of(new CpuStep(0, held), new CpuStep(1, "lock(mapping.invalidate_lock#2);"),
                new CpuStep(1, "lock(&sbi->s_writepages_rwsem);"), new CpuStep(0, acquired));
    }

    @Test
    void aTableThatPrintsModesSaysHowTheHeldLockIsHeld() {
        assertEquals(Optional.of(false), ChainThreads.heldSharedAsPrinted(
                table("lock(&sbi->s_writepages_rwsem);", "rlock(sb_internal);"), HELD));
        assertEquals(Optional.of(true), ChainThreads.heldSharedAsPrinted(
                table("rlock(&sbi->s_writepages_rwsem);", "lock(sb_internal);"), HELD));
        assertEquals(Optional.of(false), ChainThreads.heldSharedAsPrinted(
                table("lock(&sbi->s_writepages_rwsem);", "sync(srcu);"), HELD));
    }

    @Test
    void onlyCpu0sStepsAreTheClosingTasks() {
        // CPU1's steps are the chain's other tasks, always printed lock(
        assertEquals(Optional.of(true), ChainThreads.heldSharedAsPrinted(List.of(
                new CpuStep(1, "lock(&sbi->s_writepages_rwsem);"), new CpuStep(0, "rlock(&sbi->s_writepages_rwsem);"),
                new CpuStep(0, "lock(sb_internal);")), HELD));
    }

    @Test
    void aTableOfOnlyLockStepsSaysNothing() {
        // before 2023 every step was lock(, whatever the mode
        assertEquals(Optional.empty(), ChainThreads.heldSharedAsPrinted(
                table("lock(&sbi->s_writepages_rwsem);", "lock(sb_internal);"), HELD));
        assertEquals(Optional.empty(), ChainThreads.heldSharedAsPrinted(List.of(), HELD));
    }

    @Test
    void aFirstStepNamingAnotherClassSaysNothing() {
        assertEquals(Optional.empty(), ChainThreads.heldSharedAsPrinted(
                table("lock(&ei->xattr_sem);", "rlock(sb_internal);"), HELD));
        assertEquals(Optional.empty(), ChainThreads.heldSharedAsPrinted(
                List.of(new CpuStep(1, "rlock(x);"), new CpuStep(1, "lock(&sbi->s_writepages_rwsem);")), HELD));
    }

    /** The writer a read hold queues behind takes a library lock as the library's other callers do. */
    @Test
    void aQueuedWriterTakesALibraryLockThroughItsWriteProcedure() {
        Scenario s = new Scenario(Set.of());
        LockClass hotplug = new LockClass("cpu_hotplug_lock", "++++", Optional.of("0:0"));
        String writer = ChainThreads.writer(s, s.lock(hotplug, KindGuess.of(hotplug, List.of(), "")));
        assertTrue(writer.contains("    cpus_write_lock();\n    cpus_write_unlock();\n"), writer);
        // a class the library lacks: the builtin of its kind
        LockClass wnd = new LockClass("&wnd->rw_lock", "++++", Optional.of("4:4"));
        String other = ChainThreads.writer(s, s.lock(wnd, KindGuess.of(wnd, List.of(), "")));
        assertTrue(other.contains("    down_write(wnd_rw_lock);\n    up_write(wnd_rw_lock);\n"), other);
    }
}
