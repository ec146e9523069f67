package io.vmlock.explore;

import static io.vmlock.explore.LockKindRulesTest.bothEngines;
import static io.vmlock.explore.LockKindRulesTest.outcome;
import static io.vmlock.explore.LockKindRulesTest.reduced;
import static io.vmlock.explore.LockKindRulesTest.edges;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * seqlock_t and seqcount_t (include/linux/seqlock.h), state by state on both engines (counts
 * worked out by hand above each test), and in lockdep's view. A reader never blocks a writer
 * and spins in read_seqbegin while a write is in progress; a write section is atomic context.
 */
class SeqlockTest {
    /*
     * w: w0, w1 (writing), w2; r: r0, r1 (reading), r2. The reader waits only at r0 while w1, and
     * the writer never waits for the reader, so all 9 pairs are reachable (an rwsem: 8, without
     * w1 r1), and w2 r1 twice: the reader began before the writer (its retry flag is set) or
     * after: 10 states. Clean: a read_seqretry statement ends the section without retrying.
     */
    @Test
    void aWriterDoesNotWaitForReadersAndAReaderWaitsOutTheWriter() {
        outcome("""
                seqlock s;
                thread w { write_seqlock(s); write_sequnlock(s); }
                thread r { read_seqbegin(s); read_seqretry(s); }
                """, List.of(), 10);
        outcome("""
                seqcount c;
                thread w { write_seqcount_begin(c); write_seqcount_end(c); }
                thread r { read_seqcount_begin(c); read_seqcount_retry(c); }
                """, List.of(), 10);
    }

    /*
     * The kernel's loop, do { read_seqbegin } while (read_seqretry). The reader is at A (first
     * read_seqbegin), B (reading, at read_seqretry), C (told to retry, at the loop's
     * read_seqbegin), B' (reading again: the condition's temporary is now true) or D (done).
     * With w0: A, B, D (3). With w1: A, B with its retry flag set (it began at w0; nobody begins
     * during w1), C, D (4). With w2: A, B begun before the writer (flag set) or after it (not), C,
     * B', D (6; B' began after the one write, so never retries again). 13 states, clean.
     */
    @Test
    void aReaderRetriesWhenAWriterBeganDuringItsSection() {
        outcome("""
                seqlock s;
                thread w { write_seqlock(s); write_sequnlock(s); }
                thread r { read_seqbegin(s); while (read_seqretry(s)) { read_seqbegin(s); } }
                """, List.of(), 13);
        outcome("""
                seqcount c;
                thread w { write_seqcount_begin(c); write_seqcount_end(c); }
                thread r { read_seqcount_begin(c); while (read_seqcount_retry(c)) { read_seqcount_begin(c); } }
                """, List.of(), 13);
    }

    /*
     * The retry the statement form cannot show: the reader holds m through its loop and lets the
     * writer start only once it is reading (the completion), the writer takes m inside its write
     * section. read_seqretry says retry, and the reader's second read_seqbegin spins on the odd
     * sequence of a writer that spins on m: a deadlock no interleaving reached before (the writer
     * never starts first). Taking m outside the write section fixes it.
     */
    @Test
    void aReaderThatMustRetryBehindAWriterWaitingForItNeverFinishes() {
        String source = """
                seqlock s; spinlock m; completion started;
                thread reader {
                    spin_lock(m);
                    read_seqbegin(s); complete(started);
                    while (read_seqretry(s)) { read_seqbegin(s); }
                    spin_unlock(m);
                }
                thread writer { wait_for_completion(started); %s }
                """;
        CheckResult broken = bothEngines(source.formatted(
                "write_seqlock(s); spin_lock(m); spin_unlock(m); write_sequnlock(s);"));
        assertEquals(List.of("deadlock"), kinds(broken), broken.findings()::toString);
        CheckResult fixed = bothEngines(source.formatted(
                "spin_lock(m); write_seqlock(s); write_sequnlock(s); spin_unlock(m);"));
        assertTrue(fixed.complete());
        assertEquals(List.of(), kinds(fixed), fixed.findings()::toString);
    }

    /*
     * Symmetry: two reader copies (daemons: in a scenario with a loop only daemon copies are
     * renamed, as the livelock check names each other copy), each at A, B (flag clear or set), C,
     * B' or D as above. Each copy's place depends only on when it moved against the one writer,
     * so every combination of what one copy can be at a writer phase is reachable:
     * 3 x 3 + 4 x 4 + 6 x 6 = 61 states; as multisets 6 + 10 + 21 = 37. A copy's retry flag moves
     * with it when the copies are renamed (left in place, a copy told to retry is renamed into
     * one that began after the writer: 45 states stored, some no run reaches).
     */
    @Test
    void symmetryMovesARetryFlagWithItsCopy() {
        String readers = """
                seqlock s;
                thread w { write_seqlock(s); write_sequnlock(s); }
                daemon thread r[2] { read_seqbegin(s); while (read_seqretry(s)) { read_seqbegin(s); } }
                """;
        outcome(readers, List.of(), 61);
        CheckResult r = reduced(readers, new Explorer.Reductions(false, true));
        assertTrue(r.complete());
        assertEquals(List.of(), kinds(r), () -> "findings: " + r.findings());
        assertEquals(37, r.stats().states());
    }

    /* Two writers exclude each other: 3 x 3 pairs but w1 w1, 8 states, clean. */
    @Test
    void writersExcludeEachOther() {
        outcome("""
                seqlock s;
                thread a { write_seqlock(s); write_sequnlock(s); }
                thread b { write_seqlock(s); write_sequnlock(s); }
                """, List.of(), 8);
    }

    /* Two readers share: 3 x 3 pairs, 9 states, clean. */
    @Test
    void readersShare() {
        outcome("""
                seqlock s;
                thread a { read_seqbegin(s); read_seqretry(s); }
                thread b { read_seqbegin(s); read_seqretry(s); }
                """, List.of(), 9);
    }

    /* A reader inside its own write section spins on its own odd sequence: t0, t1 (at the reader), stopped: 3 states. */
    @Test
    void aReaderInItsOwnWriteSectionNeverFinishes() {
        outcome("""
                seqcount c;
                thread t { write_seqcount_begin(c); read_seqcount_begin(c); read_seqcount_retry(c); write_seqcount_end(c); }
                """, List.of("recursive-lock"), 3);
    }

    /*
     * A reader in an interrupt handler on the writer's CPU: it spins, and the writer it waits
     * out cannot run until the handler returns. write_seqlock_irq keeps the interrupt out.
     */
    @Test
    void aReaderInAnInterruptOfTheWriterSpinsForever() {
        String source = """
                seqlock s;
                thread t { %s(s); %s(s); }
                interrupt timer on t { read_seqbegin(s); read_seqretry(s); }
                """;
        CheckResult broken = bothEngines(source.formatted("write_seqlock", "write_sequnlock"));
        assertEquals(List.of("deadlock"), kinds(broken), broken.findings()::toString);
        CheckResult fixed = bothEngines(source.formatted("write_seqlock_irq", "write_sequnlock_irq"));
        assertTrue(fixed.complete());
        assertEquals(List.of(), kinds(fixed), fixed.findings()::toString);
    }

    /*
     * A write section is atomic context (the seqlock's spinlock; a seqcount writer must not be
     * preempted): t0, t1 (at the allocation), stopped: 3 states. A read section is not: t0..t3, 4.
     */
    @Test
    void sleepingInAWriteSectionIsABugAndInAReadSectionIsNot() {
        outcome("seqcount c;\nthread t { write_seqcount_begin(c); alloc(GFP_KERNEL); write_seqcount_end(c); }\n",
                List.of("sleep-in-atomic"), 3);
        outcome("seqlock s;\nthread t { read_seqbegin(s); alloc(GFP_KERNEL); read_seqretry(s); }\n", List.of(), 4);
    }

    /**
     * lockdep's view: the write side is held (seqcount_acquire) until the end; a reader is a read
     * acquire released at once (seqcount_lockdep_reader_access), so it orders after what is held
     * and nothing orders after it.
     */
    @Test
    void theGraphSeesWritersHeldAndReadersForAMoment() {
        assertEquals(Set.of("m -> s", "s -> m"), edges("""
                seqlock s; spinlock m;
                thread a { write_seqlock(s); spin_lock(m); spin_unlock(m); write_sequnlock(s); }
                thread b { spin_lock(m); read_seqbegin(s); read_seqretry(s); spin_unlock(m); }
                """));
        assertEquals(Set.of(), edges("""
                seqcount c; spinlock m;
                thread a { read_seqcount_begin(c); spin_lock(m); spin_unlock(m); read_seqcount_retry(c); }
                """));
        // a retry loop is what it was as statements: the reader orders after m at each read_seqbegin
        assertEquals(Set.of("m -> s"), edges("""
                seqlock s; spinlock m;
                thread a { spin_lock(m); read_seqbegin(s); while (read_seqretry(s)) { read_seqbegin(s); } spin_unlock(m); }
                """));
    }
}
