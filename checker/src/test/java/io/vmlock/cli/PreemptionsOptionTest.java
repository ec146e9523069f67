package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmlock.testing.Scenarios;
import org.junit.jupiter.api.Test;

/** {@code check --preemptions K}: a bounded search is never clean, and its findings come with traces. */
class PreemptionsOptionTest {
    private static final String BOUND_1 = "preemption bound 1: runs with more preemptions were not explored";

    private static String example(String path) {
        return Scenarios.root().resolve(path).toString();
    }

    @Test
    void nothingFoundIsIncompleteNeverClean() {
        Cli r = Cli.run("check", "--preemptions", "3", example("examples/classic/abba-ordered.vmlock"));
        assertEquals(ExitCodes.INCOMPLETE, r.code(), r::toString);
        assertTrue(r.out().contains("incomplete: preemption bound 3: runs with more preemptions were not explored; "
                + "no findings so far"), r::toString);
    }

    /** ABBA needs one preemption: the deadlock's trace is printed, and the result stays incomplete (exit 3). */
    @Test
    void aFindingIsReportedWithItsTrace() {
        Cli r = Cli.run("check", "--preemptions", "1", example("examples/classic/abba.vmlock"));
        assertEquals(ExitCodes.INCOMPLETE, r.code(), r::toString);
        assertTrue(r.out().contains("incomplete: " + BOUND_1 + "; findings so far: 1 deadlock"), r::toString);
        assertTrue(r.out().contains("shortest trace, 2 steps:"), r::toString);
        assertTrue(r.out().contains("rename_ab blocks in mutex_lock(inode_b)"), r::toString);
        assertTrue(r.out().contains("note: preemption bound 1: each trace is a shortest among the runs with at most 1 "
                + "preemption"), r::toString);
    }

    @Test
    void jsonCarriesTheReasonAndTheTrace() throws Exception {
        Cli r = Cli.run("check", "--preemptions", "1", "--format", "json", example("examples/classic/abba.vmlock"));
        assertEquals(ExitCodes.INCOMPLETE, r.code(), r::toString);
        JsonNode scenario = new ObjectMapper().readTree(r.out()).get("scenarios").get(0);
        assertEquals("incomplete", scenario.get("verdict").asText());
        assertEquals(BOUND_1, scenario.get("incomplete").asText());
        JsonNode deadlock = scenario.get("findings").get(0);
        assertEquals("deadlock", deadlock.get("kind").asText());
        assertEquals(2, deadlock.get("trace").size());
        assertEquals("rename_ba", deadlock.get("trace").get(1).get("thread").asText());
    }

    /** Under --first a finding ends the search as without a bound (exit 1); the deadlock needs K = 1. */
    @Test
    void firstStopsAtTheFirstFindingWithinTheBound() {
        Cli r = Cli.run("check", "--first", "--preemptions", "1", example("examples/classic/abba.vmlock"));
        assertEquals(ExitCodes.FINDINGS, r.code(), r::toString);
        assertTrue(r.out().contains("1 deadlock"), r::toString);
    }

    @Test
    void aBoundWithHashCompactionTheReferenceEngineOrOutOfRangeIsAUsageError() {
        String abba = example("examples/classic/abba.vmlock");
        Cli compact = Cli.run("check", "--preemptions", "1", "--hash-compact", abba);
        assertEquals(ExitCodes.INVALID_INPUT, compact.code(), compact::toString);
        assertTrue(compact.err().contains("--preemptions cannot be used with --hash-compact"), compact::toString);
        Cli reference = Cli.run("check", "--preemptions", "1", "--engine", "reference", abba);
        assertEquals(ExitCodes.INVALID_INPUT, reference.code(), reference::toString);
        assertTrue(reference.err().contains("--preemptions needs the compiled engine"), reference::toString);
        Cli negative = Cli.run("check", "--preemptions", "-1", abba);
        assertEquals(ExitCodes.INVALID_INPUT, negative.code(), negative::toString);
        assertTrue(negative.err().contains("--preemptions is from 0 to 1000000, not -1"), negative::toString);
        Cli large = Cli.run("check", "--preemptions", "1000001", abba);
        assertEquals(ExitCodes.INVALID_INPUT, large.code(), large::toString);
    }

    /**
     * --reduced-bound: the same verdict and reason, the note saying whose runs the traces are
     * shortest among; ABBA's deadlock is found at K = 1 as by the exact bound (no set is smaller
     * than both threads while both can take a lock the other one takes).
     */
    @Test
    void theReducedBoundReportsAsTheExactOne() {
        Cli r = Cli.run("check", "--preemptions", "1", "--reduced-bound", "--stats", example("examples/classic/abba.vmlock"));
        assertEquals(ExitCodes.INCOMPLETE, r.code(), r::toString);
        assertTrue(r.out().contains("incomplete: " + BOUND_1 + "; findings so far: 1 deadlock"), r::toString);
        assertTrue(r.out().contains("note: preemption bound 1 on the partial-order reduced graph: each trace is a "
                + "shortest among its runs"), r::toString);
        assertTrue(r.out().contains("partial-order reduction on"), r::toString);
        Cli exact = Cli.run("check", "--preemptions", "1", "--stats", example("examples/classic/abba.vmlock"));
        assertTrue(exact.out().contains("partial-order reduction off: the preemption bound counts"), exact::toString);
    }

    @Test
    void aReducedBoundWithoutABoundOrAReductionIsAUsageError() {
        String abba = example("examples/classic/abba.vmlock");
        for (var args : java.util.List.of(
                java.util.List.of("--reduced-bound"),
                java.util.List.of("--preemptions", "1", "--reduced-bound", "--no-por"),
                java.util.List.of("--preemptions", "1", "--reduced-bound", "--no-reductions"),
                java.util.List.of("--preemptions", "1", "--reduced-bound", "--search", "dfs"))) {
            java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("check"));
            all.addAll(args);
            all.add(abba);
            Cli r = Cli.run(all.toArray(String[]::new));
            assertEquals(ExitCodes.INVALID_INPUT, r.code(), () -> args + ": " + r);
            String why = args.size() == 1 ? "--reduced-bound needs --preemptions"
                    : args.contains("--no-por") ? "--reduced-bound cannot be used with --no-por"
                    : args.contains("--no-reductions") ? "--reduced-bound cannot be used with --no-reductions"
                    : "--reduced-bound needs breadth-first search";
            assertTrue(r.err().contains(why), () -> args + ": " + r);
        }
    }
}
