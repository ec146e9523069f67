package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.findings.HeldLock;
import io.vmlock.findings.StepContext;
import io.vmlock.findings.TraceStep;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * lockdep's usage characters from a trace's typed contexts, one hand-worked case a row: each
 * state (HARDIRQ, SOFTIRQ) a write and a read character, as get_usage_chars prints
 * them: '+' taken or held where the context may come, '-' taken in it, '?' both, '.' neither.
 */
class LockdepUsageTest {
    private static final StepContext IRQS_ON = StepContext.PROCESS;
    private static final StepContext IRQS_OFF = new StepContext(false, false, false, false);
    private static final StepContext HANDLER = new StepContext(false, true, false, false);
    private static final StepContext SOFTIRQ = new StepContext(true, false, false, false, false, true);
    private static final StepContext RECLAIM = new StepContext(true, false, true, false);
    private static final StepContext FS_ALLOCATION = new StepContext(true, false, false, true);

    /** One acquisition a held lock, of the class {@code name} gives it, read as its mode says. */
    private static Function<HeldLock, List<LockdepSeqlock.Acquisition>> named(Function<HeldLock, String> name) {
        return h -> List.of(new LockdepSeqlock.Acquisition(name.apply(h), LockdepUsage.isRead(h.mode()), false));
    }

    /** Steps of one thread: each takes (or keeps) the lock in the given mode and context. */
    private static String usage(HeldLock.Mode mode, StepContext... contexts) {
        List<TraceStep> trace = new ArrayList<>();
        for (StepContext c : contexts) {
            trace.add(new TraceStep(trace.size() + 1, "t", "op", SyntheticReports.at(1, 1), List.of(),
                    List.of(new HeldLock("l", mode)), SyntheticReports.at(1, 1), c));
        }
        return new LockdepUsage(trace, named(HeldLock::lock)).of("l");
    }

    @Test
    void aMutexTakenWithInterruptsOnIsEnabledForHardAndSoftInterrupts() {
        assertEquals("{+.+.}", usage(HeldLock.Mode.EXCLUSIVE, IRQS_ON));
        assertEquals("{+.+.}", usage(HeldLock.Mode.WRITE, IRQS_ON));
        assertEquals("{+.+.}", usage(HeldLock.Mode.COMMIT, IRQS_ON));
    }

    @Test
    void readHoldsFillTheReadColumns() {
        assertEquals("{.+.+}", usage(HeldLock.Mode.READ, IRQS_ON));
        assertEquals("{.+.+}", usage(HeldLock.Mode.HANDLE, IRQS_ON), "a jbd2 handle is a read of j_trans_commit_map");
    }

    @Test
    void aLockTakenWithInterruptsOffAndKeptSoMarksNothing() {
        assertEquals("{....}", usage(HeldLock.Mode.EXCLUSIVE, IRQS_OFF, IRQS_OFF));
        assertEquals("{+.+.}", usage(HeldLock.Mode.EXCLUSIVE, IRQS_OFF, IRQS_ON), "interrupts turned on while held");
    }

    @Test
    void takenInAHandlerIsUsedInHardirqAndWithInterruptsOnElsewhereBoth() {
        assertEquals("{-...}", usage(HeldLock.Mode.EXCLUSIVE, HANDLER));
        List<TraceStep> trace = List.of(
                new TraceStep(1, "t", "op", SyntheticReports.at(1, 1), List.of(), List.of(new HeldLock("l", HeldLock.Mode.EXCLUSIVE)),
                        SyntheticReports.at(1, 1), IRQS_ON),
                new TraceStep(2, "t", "op", SyntheticReports.at(1, 1), List.of(), List.of(), SyntheticReports.at(1, 1), IRQS_ON),
                new TraceStep(3, "u", "op", SyntheticReports.at(1, 1), List.of(), List.of(new HeldLock("l", HeldLock.Mode.EXCLUSIVE)),
                        SyntheticReports.at(1, 1), HANDLER));
        assertEquals("{?.+.}", new LockdepUsage(trace, named(HeldLock::lock)).of("l"));
    }

    /* Since 4.14 reclaim is no state: a lock taken in reclaim or held over an allocation is a lock like any other. */
    @Test
    void reclaimIsNoState() {
        assertEquals("{+.+.}", usage(HeldLock.Mode.EXCLUSIVE, IRQS_ON, FS_ALLOCATION), "held over a __GFP_FS allocation");
        assertEquals("{+.+.}", usage(HeldLock.Mode.EXCLUSIVE, RECLAIM), "taken in reclaim");
        assertEquals("{.+.+}", usage(HeldLock.Mode.READ, RECLAIM, FS_ALLOCATION));
    }

    /* might_alloc's fs_reclaim_acquire: fs_reclaim is taken for write at each allocation that may reclaim. */
    @Test
    void fsReclaimIsTakenAtEachAllocationThatMayReclaimIntoTheFilesystem() {
        List<TraceStep> trace = List.of(
                new TraceStep(1, "t", "op", SyntheticReports.at(1, 1), List.of(), List.of(), SyntheticReports.at(1, 1), IRQS_ON),
                new TraceStep(2, "t", "op", SyntheticReports.at(1, 1), List.of(), List.of(), SyntheticReports.at(1, 1),
                        FS_ALLOCATION));
        assertEquals("{....}", new LockdepUsage(trace.subList(0, 1), named(HeldLock::lock)).of(LockdepUsage.FS_RECLAIM));
        assertEquals("{+.+.}", new LockdepUsage(trace, named(HeldLock::lock)).of(LockdepUsage.FS_RECLAIM));
        List<TraceStep> inSoftirq = List.of(new TraceStep(1, "t", "op", SyntheticReports.at(1, 1), List.of(), List.of(),
                SyntheticReports.at(1, 1), new StepContext(true, false, false, true, false, true)));
        assertEquals("{+.-.}", new LockdepUsage(inSoftirq, named(HeldLock::lock)).of(LockdepUsage.FS_RECLAIM));
    }

    /* mark_usage: a read acquisition sets the read bits, LOCK_USED_IN_<state>_READ and LOCK_ENABLED_<state>_READ. */
    @Test
    void aReadTakenInAHandlerIsUsedInForRead() {
        assertEquals("{.+.-}", usage(HeldLock.Mode.READ, SOFTIRQ), "a softirq runs with interrupts on");
        assertEquals("{.-..}", usage(HeldLock.Mode.READ, HANDLER));
        assertEquals("{-...}", usage(HeldLock.Mode.WRITE, HANDLER));
    }

    @Test
    void aLockKeptIsMarkedUsedInOnlyWhereItWasTaken() {
        // taken in process context, kept while the thread runs a reclaim path: not "in reclaim"
        assertEquals("{+.+.}", usage(HeldLock.Mode.EXCLUSIVE, IRQS_ON, RECLAIM));
        assertEquals("{....}", new LockdepUsage(List.of(), named(HeldLock::lock)).of("never"), "a lock the trace never shows held");
    }

    @Test
    void instancesOfAClassShareItsUsage() {
        List<TraceStep> trace = List.of(
                new TraceStep(1, "t", "op", SyntheticReports.at(1, 1), List.of(), List.of(new HeldLock("p[0]", HeldLock.Mode.EXCLUSIVE)),
                        SyntheticReports.at(1, 1), IRQS_ON),
                new TraceStep(2, "u", "op", SyntheticReports.at(1, 1), List.of(), List.of(new HeldLock("p[1]", HeldLock.Mode.EXCLUSIVE)),
                        SyntheticReports.at(1, 1), HANDLER));
        assertEquals("{?.+.}", new LockdepUsage(trace, named(h -> h.lock().substring(0, 1))).of("p"));
    }

    /* mark_lock sets the new bit before the report prints the class: the acquisition the trace never completes. */
    @Test
    void theAcquisitionAReportIsAboutAddsItsUsedInBit() {
        List<TraceStep> trace = List.of(new TraceStep(1, "t", "op", SyntheticReports.at(1, 1), List.of(),
                List.of(new HeldLock("l", HeldLock.Mode.EXCLUSIVE)), SyntheticReports.at(1, 1), IRQS_ON));
        for (String[] row : new String[][] {{"HARDIRQ", "false", "{?.+.}"}, {"SOFTIRQ", "false", "{+.?.}"},
                {"HARDIRQ", "true", "{+-+.}"}, {"SOFTIRQ", "true", "{+.+-}"}}) {
            LockdepUsage usage = new LockdepUsage(trace, named(HeldLock::lock));
            usage.markUsedIn("l", LockdepUsage.State.valueOf(row[0]), Boolean.parseBoolean(row[1]));
            assertEquals(row[2], usage.of("l"), row[0] + " read " + row[1]);
        }
        LockdepUsage unseen = new LockdepUsage(List.of(), named(HeldLock::lock));
        unseen.markUsedIn("u", LockdepUsage.State.SOFTIRQ, false);
        assertEquals("{..-.}", unseen.of("u"), "a class the trace never shows held");
    }

    /*
     * seqcount_lockdep_reader_access() acquires inside local_irq_save() (include/linux/seqlock.h,
     * Kingxukai/linux 9b44fff655e2): mark_usage sets no ENABLED bit for hlock->hardirqs_off, only the
     * USED_IN bit of the context, as syzbot's "(zonelist_update_seq.seqcount){...-}" shows
     * (https://syzkaller.appspot.com/bug?extid=ecf48cc152f84f8c9f67).
     */
    @Test
    void aSeqcountReadersAcquisitionMarksOnlyItsUsedInBits() {
        Function<HeldLock, List<LockdepSeqlock.Acquisition>> reader =
                h -> List.of(new LockdepSeqlock.Acquisition(h.lock(), true, true));
        List<TraceStep> inTask = List.of(new TraceStep(1, "t", "op", SyntheticReports.at(1, 1), List.of(),
                List.of(new HeldLock("l", HeldLock.Mode.READ)), SyntheticReports.at(1, 1), IRQS_ON));
        assertEquals("{....}", new LockdepUsage(inTask, reader).of("l"));
        List<TraceStep> inSoftirq = List.of(new TraceStep(1, "t", "op", SyntheticReports.at(1, 1), List.of(),
                List.of(new HeldLock("l", HeldLock.Mode.READ)), SyntheticReports.at(1, 1), SOFTIRQ));
        assertEquals("{...-}", new LockdepUsage(inSoftirq, reader).of("l"));
        LockdepUsage retake = new LockdepUsage(List.of(), reader);
        retake.markTaken("l", true, HANDLER, true);
        assertEquals("{.-..}", retake.of("l"));
        LockdepUsage plain = new LockdepUsage(List.of(), reader);
        plain.markTaken("l", true, IRQS_ON, false);
        assertEquals("{.+.+}", plain.of("l"));
    }

    /* mark_lock_irq: a new IN-<state> bit conflicts with -ON-W, and a write in the handler with -ON-R too. */
    @Test
    void onlyAReadHeldWithInterruptsOnIsEnabledForReadOnly() {
        List<TraceStep> read = List.of(new TraceStep(1, "t", "op", SyntheticReports.at(1, 1), List.of(),
                List.of(new HeldLock("l", HeldLock.Mode.READ)), SyntheticReports.at(1, 1), IRQS_ON));
        assertEquals(true, new LockdepUsage(read, named(HeldLock::lock)).enabledForReadOnly("l", LockdepUsage.State.HARDIRQ));
        List<TraceStep> write = List.of(new TraceStep(1, "t", "op", SyntheticReports.at(1, 1), List.of(),
                List.of(new HeldLock("l", HeldLock.Mode.WRITE)), SyntheticReports.at(1, 1), IRQS_ON));
        assertEquals(false, new LockdepUsage(write, named(HeldLock::lock)).enabledForReadOnly("l", LockdepUsage.State.HARDIRQ));
        assertEquals(false, new LockdepUsage(List.of(), named(HeldLock::lock)).enabledForReadOnly("l", LockdepUsage.State.SOFTIRQ));
    }

    @ParameterizedTest
    @CsvSource({"false,false,.", "false,true,+", "true,false,-", "true,true,?"})
    void getUsageChar(boolean usedIn, boolean enabled, char expected) {
        assertEquals(expected, LockdepUsage.character(usedIn, enabled));
    }
}
