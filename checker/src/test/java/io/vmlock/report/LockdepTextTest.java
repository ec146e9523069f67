package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.Finding;
import io.vmlock.findings.HeldLock;
import io.vmlock.findings.TraceStep;
import io.vmlock.verdict.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** lockdep's 80 columns: where a line wraps and how far its continuations are indented. */
class LockdepTextTest {
    private static String wrapped(String text) {
        StringBuilder out = new StringBuilder();
        new LockdepText(null, out, Map.of()).line(text);
        return out.toString();
    }

    @Test
    void aLineOfEightyColumnsStaysWhole() {
        String eighty = "a".repeat(40) + " " + "b".repeat(39);
        assertEquals(eighty + "\n", wrapped(eighty));
        String eightyOne = "a".repeat(40) + " " + "b".repeat(40);
        assertEquals("a".repeat(40) + "\n    " + "b".repeat(40) + "\n", wrapped(eightyOne));
    }

    /* Each continuation, four columns in, wraps again within 80 columns, not 80 after its indent. */
    @Test
    void continuationsWrapAtEightyColumnsToo() {
        String word = "w".repeat(9);
        String text = String.join(" ", java.util.Collections.nCopies(20, word));
        String out = wrapped(text);
        for (String line : out.split("\n")) assertTrue(line.length() <= LockdepText.WIDTH, line);
        assertEquals(String.join(" ", java.util.Collections.nCopies(8, word)) + "\n    "
                + String.join(" ", java.util.Collections.nCopies(7, word)) + "\n    "
                + String.join(" ", java.util.Collections.nCopies(5, word)) + "\n", out);
    }

    /* A token longer than the line (a long class name after print_lock's space) overruns alone; the rest wraps. */
    @Test
    void aTokenLongerThanTheLineOverrunsAlone() {
        String name = " (" + "c".repeat(90) + ")";
        assertEquals(name + "\n    at: f\n", wrapped(name + " at: f"));
        assertEquals(name + "\n", wrapped(name));
    }

    /*
     * A cell of the scenario table's second column (31 columns in) whose first word does not fit:
     * it overruns on the cell's line, not on a line of the column's spaces alone.
     */
    @Test
    void aLineIsNeverCutInItsOwnIndentation() {
        String column = " ".repeat(31);
        String word = "unlock((wait_event)" + "x".repeat(40);
        assertEquals(column + word + "\n    == Y);\n", wrapped(column + word + " == Y);"));
    }

    /* print_lock's continuation is indented four columns past the " #N: " of the held-locks list. */
    @Test
    void aHeldLockWrapsUnderItsIndex() {
        TraceStep take = new TraceStep(1, "t", "mutex_lock(l)", SyntheticReports.at(3, 5), List.of(),
                List.of(new HeldLock("l", HeldLock.Mode.EXCLUSIVE)));
        Finding f = new Finding(Verdict.DEADLOCK, "t", List.of(), List.of(), List.of(take), SyntheticReports.at(3, 5),
                List.of(), List.of());
        StringBuilder out = new StringBuilder();
        String lockdepClass = "&" + "k".repeat(60); // a class name the trace never took: no usage
        new LockdepText(f, out, Map.of()).heldLock(" #0: ", "t", "l", lockdepClass);
        assertEquals(" #0: (" + lockdepClass + "){....}, at:\n         mutex_lock(l) " + SyntheticReports.FILE
                + ":3:5\n", out.toString());
    }

    private static TraceStep step(int number, String thread, String operation, int line, String... held) {
        return new TraceStep(number, thread, operation, SyntheticReports.at(line, 1), List.of(),
                java.util.Arrays.stream(held).map(l -> new HeldLock(l, HeldLock.Mode.EXCLUSIVE)).toList());
    }

    private static LockdepText text(List<TraceStep> trace, int findingLine) {
        return new LockdepText(new Finding(Verdict.SLEEP_IN_ATOMIC, "t", List.of(), List.of(), trace,
                SyntheticReports.at(findingLine, 1), List.of(), List.of()), new StringBuilder(), Map.of());
    }

    /* The step a report is about is the last at the finding's location, the first step too; else the last. */
    @Test
    void theFindingsStepIsTheLastAtItsLocation() {
        List<TraceStep> trace = List.of(step(1, "t", "spin_lock(s)", 1, "s"), step(2, "t", "msleep()", 2, "s"),
                step(3, "u", "mutex_lock(m)", 3, "m"));
        assertEquals(Optional.of(trace.get(0)), text(trace, 1).findingStep());
        assertEquals(Optional.of(trace.get(1)), text(trace, 2).findingStep());
        assertEquals(Optional.of(trace.get(2)), text(trace, 9).findingStep());
        assertEquals(Optional.empty(), text(List.of(), 1).findingStep());
    }

    /* What a thread held before a step: after its own previous step, not after the step, nor another thread's. */
    @Test
    void heldBeforeIsTheThreadsPreviousStep() {
        List<TraceStep> trace = List.of(step(1, "t", "mutex_lock(a)", 1, "a"), step(2, "u", "mutex_lock(c)", 2, "c"),
                step(3, "t", "mutex_lock(b)", 3, "a", "b"));
        LockdepText t = text(trace, 3);
        assertEquals(List.of(new HeldLock("a", HeldLock.Mode.EXCLUSIVE)), t.heldBefore(trace.get(2)));
        assertEquals(List.of(), t.heldBefore(trace.get(0)));
    }

    /* A lock outside the cycle is named by how the trace, or a blocked thread, held it: a handle is its journal's map. */
    @Test
    void aHandleHeldOutsideTheCycleIsItsJournalsMap() {
        HeldLock handle = new HeldLock("a handle on j", HeldLock.Mode.HANDLE, "j");
        TraceStep start = new TraceStep(1, "t", "jbd2_journal_start(j)", SyntheticReports.at(1, 1), List.of(),
                List.of(handle));
        assertEquals("(jbd2_handle)j", text(List.of(start), 1).className("a handle on j"));
        io.vmlock.findings.BlockedAt waiting = new io.vmlock.findings.BlockedAt("t", "mutex_lock(m)",
                SyntheticReports.at(2, 1), List.of(), List.of(handle));
        LockdepText blockedOnly = new LockdepText(new Finding(Verdict.DEADLOCK, "t", List.of(), List.of(), List.of(),
                SyntheticReports.at(2, 1), List.of(), List.of(waiting)), new StringBuilder(), Map.of());
        assertEquals("(jbd2_handle)j", blockedOnly.className("a handle on j"));
        assertEquals("m", blockedOnly.className("m"));
    }
}
