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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * A thread a finding names as one of the only ones that could end a wait can, from where the
     * trace leaves it, reach a step that ends it: for a bit lock, a clear of the bit before any
     * step that needs the bit clear (kworker locking and unlocking a page of its own cannot end a
     * wait for a page lock app holds); for a completion, complete() of it; for a condition, an
     * assignment to a variable it reads. Claims about a thread that runs on (not blocked) and
     * about a wait named by a label are left out: the report does not say where it stands or what
     * the condition reads.
     */
    @ParameterizedTest
    @MethodSource("goldens")
    void everyThreadNamedAsAbleToEndAWaitCanReachAStepThatEndsIt(Path golden) throws IOException {
        List<GoldenFinding> findings = GoldenFinding.parse(Files.readAllLines(golden, StandardCharsets.UTF_8));
        if (findings.stream().allMatch(f -> f.makers().isEmpty())) return;
        Path scenario = Path.of(golden.toString().replace(".expected.txt", ".vmlock"));
        RemainingCode code = new RemainingCode(Scenarios.compile(scenario).lower().orElseThrow());
        List<String> wrong = new ArrayList<>();
        for (GoldenFinding f : findings) {
            for (GoldenFinding.Makers claim : f.makers()) wrong.addAll(makerUntruths(f, claim, code));
        }
        assertEquals(List.of(), wrong, golden + " names a thread that cannot end the wait");
    }

    private static List<String> makerUntruths(GoldenFinding f, GoldenFinding.Makers claim, RemainingCode code) {
        Optional<RemainingCode.Goal> goal = goal(claim.waited(), code);
        List<String> wrong = new ArrayList<>();
        if (goal.isEmpty()) return wrong;
        for (String maker : claim.makers()) {
            Optional<GoldenFinding.Site> site = f.site(maker);
            if (site.isEmpty()) continue; // a thread that runs on: the report does not say where
            GoldenFinding.Site at = site.get();
            if (!code.canReach(maker, at.file(), at.line(), at.column(), at.stack(), goal.get())) {
                wrong.add(maker + " cannot reach a step ending the wait: " + claim.sentence());
            }
        }
        return wrong;
    }

    private static final Pattern BIT = Pattern.compile("^(.+?) to be cleared(?: \\(set by .+\\))?$");
    private static final Pattern COMPLETION = Pattern.compile("^completion (\\S+) \\(not completed\\)$");
    private static final Pattern CONDITION = Pattern.compile("^the condition (.+?)(?:, false.*)?$");

    /** What ends the wait a report names: a bit's clear, a completion, a write to what a condition reads. */
    private static Optional<RemainingCode.Goal> goal(String waited, RemainingCode code) {
        Matcher bit = BIT.matcher(waited);
        if (bit.matches()) return code.instance(bit.group(1)).map(RemainingCode.BitClear::new);
        Matcher completion = COMPLETION.matcher(waited);
        if (completion.matches()) return code.instance(completion.group(1)).map(RemainingCode.Completes::new);
        Matcher condition = CONDITION.matcher(waited);
        if (!condition.matches()) return Optional.empty();
        Set<String> globals = new TreeSet<>();
        Matcher id = Pattern.compile("[A-Za-z_]\\w*").matcher(condition.group(1));
        while (id.find()) {
            if (code.isGlobal(id.group())) globals.add(id.group());
        }
        return globals.isEmpty() ? Optional.empty() : Optional.of(new RemainingCode.Assigns(globals));
    }

    /** How many (claim, thread) pairs the goldens let the test above check: enough to mean something. */
    @Test
    void theGoldensNameThreadsThatCanEndWaitsToCheck() throws IOException {
        int checked = 0;
        for (Path golden : goldens()) {
            for (GoldenFinding f : GoldenFinding.parse(Files.readAllLines(golden, StandardCharsets.UTF_8))) {
                for (GoldenFinding.Makers claim : f.makers()) {
                    boolean bit = BIT.matcher(claim.waited()).matches();
                    checked += bit ? (int) claim.makers().stream().filter(m -> f.site(m).isPresent()).count() : 0;
                }
            }
        }
        assertTrue(checked >= 8, "bit lock makers named in the goldens: " + checked);
    }

    /*
     * holder sets b and waits for go; pairer would lock b itself before unlocking it: naming it
     * as able to end waiter's wait is caught, naming holder alone passes.
     */
    @Test
    void aThreadThatWouldLockTheBitFirstNamedAsAbleToClearItIsCaught() {
        String source = """
                bit_lock b; bool go = false;
                thread holder { folio_lock(b); wait_event(go); folio_unlock(b); }
                thread waiter { folio_lock(b); folio_unlock(b); }
                thread pairer { wait_event(go); folio_lock(b); folio_unlock(b); }
                """;
        RemainingCode code = new RemainingCode(Scenarios.lower(source));
        List<String> untruths = makers(code, "holder and pairer");
        assertEquals(1, untruths.size(), untruths.toString());
        assertTrue(untruths.get(0).startsWith("pairer cannot reach"), untruths.get(0));
        assertEquals(List.of(), makers(code, "holder"));
    }

    private static List<String> makers(RemainingCode code, String named) {
        List<String> report = List.of(
                "[1] hang: waiter waits forever",
                "    at t.vmlock:3:17",
                "    waiter waits for b to be cleared (set by holder); only " + named + " could make it true,",
                "        but holder waits for the condition go, false with go = false",
                "    shortest trace, 1 step:",
                "      1. holder: folio_lock(b)",
                "         at t.vmlock:2:17",
                "         holds b",
                "    blocked after the last step:",
                "      holder blocks in wait_event(go)",
                "         at t.vmlock:2:32",
                "         holds b",
                "      waiter blocks in folio_lock(b)",
                "         at t.vmlock:3:17",
                "         holds nothing",
                "      pairer blocks in wait_event(go)",
                "         at t.vmlock:4:17",
                "         holds nothing");
        GoldenFinding f = GoldenFinding.parse(report).get(0);
        List<String> wrong = new ArrayList<>();
        for (GoldenFinding.Makers claim : f.makers()) wrong.addAll(makerUntruths(f, claim, code));
        assertEquals(1, f.makers().size(), "the claim is read");
        return wrong;
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

    /* A held list too long for its line goes on under it: the locks there are held too, and no others. */
    @Test
    void aHeldListWrappedOntoTheNextLineIsReadWhole() {
        List<String> report = List.of(
                "x.vmlock: 1 recursive-lock",
                "",
                "[1] recursive-lock: ioctl takes m in mutex_lock(m), but already holds it",
                "    at x.vmlock:5:17",
                "    shortest trace, 1 step:",
                "      1. ioctl: mutex_lock(m)",
                "         at x.vmlock:5:17",
                "         holds page_lock[P0], i_mmap_rwsem (read), mmu_notifier_invalidate_range_start_map,",
                "               svmm_mutex, m",
                "      2. other: mutex_lock(n)",
                "         at x.vmlock:6:17",
                "         holds n");
        assertEquals(List.of(), GoldenFinding.parse(report).get(0).untruths());
        List<String> cut = new ArrayList<>(report);
        cut.set(8, "               svmm_mutex");
        List<String> untruths = GoldenFinding.parse(cut).get(0).untruths();
        assertEquals(1, untruths.size(), untruths.toString());
        assertTrue(untruths.get(0).contains("ioctl does not hold m"), untruths.get(0));
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
