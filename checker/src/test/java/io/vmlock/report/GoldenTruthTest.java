package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A golden pins bytes, not truth: this reads every example's golden text report as a kernel
 * developer would and checks its words against its own trace. Every thread a finding says holds a
 * lock holds it in the trace's final state; every thread it says waits is blocked there, in an
 * operation on what it waits for; a thread said to hold a lock another waits for holds it.
 */
class GoldenTruthTest {

    static List<Path> goldens() throws IOException {
        Path examples = Scenarios.root().resolve("examples");
        try (Stream<Path> walk = Files.walk(examples)) {
            return walk.filter(p -> p.toString().endsWith(".expected.txt")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void everyHolderAndWaiterANamedFindingNamesIsSoInItsTrace(Path golden) throws IOException {
        List<String> wrong = new ArrayList<>();
        for (GoldenFinding f : GoldenFinding.parse(Files.readAllLines(golden, StandardCharsets.UTF_8))) {
            wrong.addAll(f.untruths());
        }
        assertEquals(List.of(), wrong, golden + " says what its own trace contradicts");
    }

    @Test
    void thereAreGoldensToCheck() throws IOException {
        assertTrue(goldens().size() >= 30, "examples/ should hold the golden reports");
    }

    /** The checker itself: each kind of untruth it is for is caught, and a true report passes. */
    @Test
    void aHeadlineBlamingAThreadThatHoldsNothingIsCaught() {
        List<String> report = List.of(
                "x.vmlock: 1 deadlock",
                "",
                "[1] deadlock: writer waits for itself",
                "    at x.vmlock:5:17",
                "    writer holds r and waits for r",
                "    shortest trace, 2 steps:",
                "      1. reader: down_read(r)",
                "         at x.vmlock:3:17",
                "         holds r (read)",
                "      2. writer: down_write(r): waits, queued behind the holders",
                "         at x.vmlock:5:17",
                "         holds nothing",
                "    blocked after the last step:",
                "      writer blocks in down_write(r)",
                "         at x.vmlock:5:17",
                "         holds nothing");
        List<String> untruths = GoldenFinding.parse(report).get(0).untruths();
        assertEquals(1, untruths.size(), untruths.toString());
        assertTrue(untruths.get(0).contains("writer") && untruths.get(0).contains("does not hold r"), untruths.get(0));
    }

    @Test
    void aWaiterThatIsNotBlockedOrBlockedOnSomethingElseIsCaught() {
        List<String> report = List.of(
                "[1] deadlock: a and b wait for each other",
                "    at x.vmlock:5:17",
                "    a holds m and waits for n;",
                "    b holds n and waits for m",
                "    shortest trace, 2 steps:",
                "      1. a: mutex_lock(m)",
                "         at x.vmlock:3:17",
                "         holds m",
                "      2. b: mutex_lock(n)",
                "         at x.vmlock:4:17",
                "         holds n",
                "    blocked after the last step:",
                "      a blocks in mutex_lock(k)",
                "         at x.vmlock:3:30",
                "         holds m");
        List<String> untruths = GoldenFinding.parse(report).get(0).untruths();
        assertEquals(2, untruths.size(), untruths.toString());
        assertTrue(untruths.get(0).contains("a blocks in mutex_lock(k), not on n"), untruths.get(0));
        assertTrue(untruths.get(1).contains("b is not blocked"), untruths.get(1));
    }

    @Test
    void aTrueReportPassesWithModesAndQueuesAndOtherKindsOfFinding() {
        List<String> report = List.of(
                "[1] deadlock: reader, holder and writer wait for each other",
                "    at x.vmlock:3:31",
                "    reader holds r (read) and waits for m;",
                "    holder holds m and waits for r (read), queued behind writer;",
                "    writer waits for r (write), which reader holds (read)",
                "    shortest trace, 3 steps:",
                "      1. reader: down_read(r)",
                "         at x.vmlock:3:17",
                "         holds r (read)",
                "      2. holder: mutex_lock(m)",
                "         at x.vmlock:4:17",
                "         holds m",
                "      3. writer: down_write(r): waits, queued behind the holders",
                "         at x.vmlock:5:17",
                "         holds nothing",
                "    blocked after the last step:",
                "      reader blocks in mutex_lock(m)",
                "         at x.vmlock:3:31",
                "         holds r (read)",
                "      holder blocks in down_read(r)",
                "         at x.vmlock:4:32",
                "         holds m",
                "      writer blocks in down_write(r)",
                "         at x.vmlock:5:17",
                "         holds nothing",
                "",
                "[2] lock-held-at-exit: w ends while holding s (read)",
                "    at x.vmlock:9:1",
                "    shortest trace, 1 steps:",
                "      1. w: down_read(s)",
                "         at x.vmlock:8:5",
                "         holds s (read)");
        List<GoldenFinding> findings = GoldenFinding.parse(report);
        assertEquals(2, findings.size());
        for (GoldenFinding f : findings) assertEquals(List.of(), f.untruths());
    }

    @Test
    void otherVerdictsHeadlinesAreCheckedToo() {
        List<String> atExit = List.of(
                "[1] lock-held-at-exit: w ends while holding s (read)",
                "    at x.vmlock:9:1",
                "    shortest trace, 1 steps:",
                "      1. w: down_read(t)",
                "         at x.vmlock:8:5",
                "         holds t (read)");
        assertFalse(GoldenFinding.parse(atExit).get(0).untruths().isEmpty());
        List<String> sleep = List.of(
                "[1] sleep-in-atomic: w may sleep in might_sleep() while holding spinlock ptl",
                "    at x.vmlock:9:1",
                "    shortest trace, 1 steps:",
                "      1. w: spin_lock(ptl)",
                "         at x.vmlock:8:5",
                "         holds nothing");
        assertFalse(GoldenFinding.parse(sleep).get(0).untruths().isEmpty());
        List<String> unlock = List.of(
                "[1] unlock-not-held: w releases m in mutex_unlock(m), but does not hold it",
                "    at x.vmlock:9:1",
                "    shortest trace, 1 steps:",
                "      1. w: mutex_lock(m)",
                "         at x.vmlock:8:5",
                "         holds m");
        assertFalse(GoldenFinding.parse(unlock).get(0).untruths().isEmpty());
    }
}
