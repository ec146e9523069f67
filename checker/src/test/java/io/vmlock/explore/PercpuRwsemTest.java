package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.bothEngines;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.graph.LockEdge;
import io.vmlock.testing.Scenarios;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The percpu rw-semaphore, state by state (counts worked out by hand above each test), on both
 * engines, and in the lock-order graph. A writer's percpu_down_write is two steps: it sets
 * sem->block (the state "wb": new readers now wait), then waits for the readers already in.
 * Positions: a reader r0..r4 holds 0, 1, 2, 1, 0 reads (r4 finished); a writer w0 (before),
 * wb (block set, draining), w1 (holds it, at percpu_up_write), w2 (finished).
 */
class PercpuRwsemTest {
    private static final String READ_TWICE = """
            percpu_rwsem sem;
            thread reader { percpu_down_read(sem); percpu_down_read(sem); percpu_up_read(sem); percpu_up_read(sem); }
            """;
    private static final String WRITER = "thread writer { percpu_down_write(sem); percpu_up_write(sem); }\n";

    private static void assertOutcome(CheckResult r, List<String> kinds, long states) {
        assertTrue(r.complete(), "search complete");
        assertEquals(kinds, kinds(r), () -> "findings: " + r.findings());
        assertEquals(states, r.stats().states(), "states");
    }

    /*
     * w0 with r0..r4 (5); wb with r0..r4 (5: the writer may set block at any reader position, and
     * the reader may still release under it, r2 -> r3 -> r4, but not read: wb r1 is stuck);
     * w1 only after the drain, from wb r0 and wb r4 (2); w2 with r0..r4 (5). 17 states, and wb r1
     * is the deadlock: the second read waits for the pending writer, which waits for the first.
     * (An rwsem has 16: its queued writer is a state of its own but never blocks a read it let in.)
     */
    @Test
    void aSecondReadDeadlocksAgainstAPendingWriter() {
        CheckResult r = bothEngines(READ_TWICE + WRITER);
        assertOutcome(r, List.of("deadlock"), 17);
        Finding f = r.findings().get(0);
        assertEquals(List.of("reader holds sem and waits for sem",
                "writer holds sem and waits for every reader of sem to leave"),
                f.cycle().stream().map(l -> l.sentence()).toList());
        assertEquals(2, f.trace().size());
    }

    /* The reader alone: r0..r4, 5 states; reads share, nothing to wait for. */
    @Test
    void aSecondReadWithoutAWriterIsClean() {
        assertOutcome(bothEngines(READ_TWICE), List.of(), 5);
    }

    /*
     * t0 (at the trylock), t1 (holds a read), t2 (finished; a failed trylock finishes too).
     * w0: t0, t1, t2 (3); wb: t0, t1, t2 (3; t0 fails to t2 here); w1: t0, t2 (2, only with no
     * reader in; t0 fails to t2); w2: t0, t1, t2 (3). 11 states, clean.
     */
    @Test
    void aTrylockFailsExactlyWhileAWriterBlocksReaders() {
        String source = """
                percpu_rwsem sem;
                thread t { if (percpu_down_read_trylock(sem)) { percpu_up_read(sem); } }
                """ + WRITER;
        assertOutcome(bothEngines(source), List.of(), 11);
    }

    /*
     * Two writers a and b, each w0, wb, w1, w2; block excludes the other writer from wb to w2:
     * (w0,w0); a first: (wb,w0) (w1,w0) (w2,w0) then b: (w2,wb) (w2,w1); b first, symmetric:
     * (w0,wb) (w0,w1) (w0,w2) (wb,w2) (w1,w2); and (w2,w2). 12 states, clean.
     */
    @Test
    void writersExcludeEachOther() {
        String source = """
                percpu_rwsem sem;
                thread a { percpu_down_write(sem); percpu_up_write(sem); }
                thread b { percpu_down_write(sem); percpu_up_write(sem); }
                """;
        assertOutcome(bothEngines(source), List.of(), 12);
    }

    /* A writer that already reads waits for its own read: w0 r0, r1 (read), wb (block set): 3 states. */
    @Test
    void writingWhileReadingSelfDeadlocks() {
        CheckResult r = bothEngines("""
                percpu_rwsem sem;
                thread t { percpu_down_read(sem); percpu_down_write(sem); percpu_up_write(sem); percpu_up_read(sem); }
                """);
        assertOutcome(r, List.of("deadlock"), 3);
    }

    /** Three threads: a reader let in, a pending writer, and a reader it blocks close the cycle. */
    @Test
    void aPendingWriterClosesACycleThroughAReaderItBlocks() {
        String source = """
                percpu_rwsem s; mutex m;
                thread a { percpu_down_read(s); mutex_lock(m); mutex_unlock(m); percpu_up_read(s); }
                thread b { mutex_lock(m); percpu_down_read(s); percpu_up_read(s); mutex_unlock(m); }
                thread c { percpu_down_write(s); percpu_up_write(s); }
                """;
        CheckResult r = bothEngines(source);
        assertEquals(List.of("deadlock"), kinds(r));
        assertEquals(List.of("a", "b", "c"), r.findings().get(0).cycle().stream().map(l -> l.thread()).sorted().toList());
        // without the writer the two reads share: no deadlock
        assertEquals(List.of(), kinds(bothEngines(source.replace("thread c { percpu_down_write(s); percpu_up_write(s); }", ""))));
    }

    /** The graph orders a percpu read like an rwsem read, and a write like any exclusive hold. */
    @Test
    void theGraphPassOrdersReadsAndWrites() {
        assertEquals(Set.of("m -> s", "s -> m"), edges("""
                percpu_rwsem s; mutex m;
                thread a { percpu_down_read(s); mutex_lock(m); mutex_unlock(m); percpu_up_read(s); }
                thread b { mutex_lock(m); percpu_down_write(s); percpu_up_write(s); mutex_unlock(m); }
                """));
        assertEquals(Set.of("sem -> sem"), edges(READ_TWICE));
    }

    private static Set<String> edges(String source) {
        return IrGraphBuilder.build(Scenarios.lower(source)).graph().edges().stream().map(LockEdge::toString)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
