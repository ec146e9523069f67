package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.ir.IrProgram;
import io.vmlock.promela.PromelaExport;
import io.vmlock.testing.RandomModels;
import io.vmlock.testing.Spin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPIN as an oracle: random scenarios exported to Promela and searched by SPIN (no reduction of
 * its own) store exactly the states vmlock stores, make one more transition (SPIN counts the
 * initial state as one), and have an invalid end state exactly when vmlock's reference semantics
 * reaches a state where no thread can move and some thread has not finished: its deadlocks and
 * hangs. (Scenarios without invariants: SPIN cannot leave a state that breaks one unexplored.)
 */
class SpinDifferentialTest {
    static final int MODELS = 150;
    static final int SOFTIRQ_MODELS = 40;
    private static final RandomModels.Features FEATURES = new RandomModels.Features(true, false, true);

    /** What the reference semantics says, computed here by a search of its own. */
    record Oracle(long states, long transitions, boolean stuck) {
    }

    static Optional<Oracle> oracle(IrProgram ir, int limit) {
        Semantics semantics = new Semantics(ir);
        StateCodec codec = new StateCodec(ir, semantics.layout);
        Set<java.nio.ByteBuffer> seen = new HashSet<>();
        java.util.ArrayDeque<State> todo = new java.util.ArrayDeque<>();
        State init = semantics.initial((p, id) -> { });
        seen.add(key(codec.encode(init)));
        todo.add(init);
        long transitions = 0;
        boolean stuck = false;
        while (!todo.isEmpty()) {
            if (seen.size() > limit) return Optional.empty();
            State s = todo.poll();
            List<Move> moves = semantics.successors.of(s);
            transitions += moves.size();
            if (moves.isEmpty()) {
                for (ThreadState t : s.threads) stuck |= t.status == ThreadState.RUNNING;
            }
            for (Move m : moves) {
                if (seen.add(key(codec.encode(m.result())))) todo.add(m.result());
            }
        }
        return Optional.of(new Oracle(seen.size(), transitions, stuck));
    }

    private static java.nio.ByteBuffer key(byte[] b) {
        return java.nio.ByteBuffer.wrap(b);
    }

    @Test
    void spinExploresTheSameStatesAndFindsTheSameStuckStates(@TempDir Path dir) throws Exception {
        int[] counts = againstSpin(dir, FEATURES, 100_000, MODELS);
        assertTrue(counts[0] > MODELS * 9 / 10, "most models are small enough: " + counts[0]);
        assertTrue(counts[1] > counts[0] / 10 && counts[1] < counts[0], "a mix of stuck and never-stuck models: " + counts[1]);
    }

    /** The same with softirqs (hard interrupts arriving in them), _bh locks and sections. */
    @Test
    void spinAgreesOnGeneratedSoftirqScenarios(@TempDir Path dir) throws Exception {
        int[] counts = againstSpin(dir, new RandomModels.Features(true, false, true, true, true), 4_000_000, SOFTIRQ_MODELS);
        assertTrue(counts[0] > SOFTIRQ_MODELS * 7 / 10, "most models are small enough: " + counts[0]);
        assertTrue(counts[1] > counts[0] / 10 && counts[1] < counts[0], "a mix of stuck and never-stuck models: " + counts[1]);
    }

    /** Generated scenarios searched here and by SPIN on their export: how many compared, how many of those were stuck. */
    private static int[] againstSpin(Path dir, RandomModels.Features features, int seeds, int models) throws Exception {
        Spin.require();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < models; i++) {
            String source = RandomModels.generate(seeds + i, features);
            IrProgram ir = DifferentialTest.compile(source, dir, i).orElseThrow();
            Path work = Files.createDirectory(dir.resolve("spin" + i));
            int seed = i;
            results.add(pool.submit(() -> {
                Optional<Oracle> oracle = oracle(ir, 3000);
                if (oracle.isEmpty()) return "large";
                return compare(oracle.get(), Spin.run(PromelaExport.export(ir).text().orElseThrow(), work), seeds + seed,
                        source);
            }));
        }
        pool.shutdown();
        int withStuck = 0;
        int compared = 0;
        for (Future<String> r : results) {
            if (r.get().equals("stuck")) withStuck++;
            if (!r.get().equals("large")) compared++;
        }
        return new int[] {compared, withStuck};
    }

    /**
     * Lock kinds and annotations the random models do not generate, in hand-written scenarios: the same states,
     * transitions and stuck states as SPIN on their Promela export.
     */
    static final List<String> LOCK_KIND_SCENARIOS = List.of("""
            percpu_rwsem s;
            thread reader { percpu_down_read(s); percpu_down_read(s); percpu_up_read(s); percpu_up_read(s); }
            thread writer { percpu_down_write(s); percpu_up_write(s); }
            """, """
            percpu_rwsem s; mutex m;
            thread a { percpu_down_read(s); mutex_lock(m); mutex_unlock(m); percpu_up_read(s); }
            thread b { mutex_lock(m); percpu_down_read(s); percpu_up_read(s); mutex_unlock(m); }
            thread c { percpu_down_write(s); percpu_up_write(s); }
            """, """
            percpu_rwsem s;
            thread t { if (percpu_down_read_trylock(s)) { percpu_up_read(s); } }
            thread a { percpu_down_write(s); percpu_up_write(s); }
            thread b { percpu_down_write(s); percpu_up_write(s); }
            """, LockdepSubclassTest.TWO_INODES, """
            bit_spinlock b; spinlock s;
            thread t1 { bit_spin_lock(b); spin_lock(s); spin_unlock(s); bit_spin_unlock(b); }
            thread t2 { spin_lock(s); if (bit_spin_trylock(b)) { bit_spin_unlock(b); } spin_unlock(s); }
            interrupt timer on t1 { bit_spin_lock(b); bit_spin_unlock(b); }
            """, """
            percpu_ref q;
            thread io { blk_queue_enter(q); blk_queue_enter(q); blk_queue_exit(q); blk_queue_exit(q); }
            thread f { blk_mq_freeze_queue(q); blk_mq_unfreeze_queue(q); }
            """, """
            percpu_ref q;
            thread t { percpu_ref_get(q); if (percpu_ref_tryget_live(q)) { percpu_ref_put(q); } percpu_ref_put(q); }
            thread a { blk_mq_freeze_queue(q); blk_mq_unfreeze_queue(q); }
            thread b { blk_mq_freeze_queue(q); if (percpu_ref_tryget(q)) { percpu_ref_put(q); } blk_mq_unfreeze_queue(q); }
            """, """
            seqlock s; seqcount c; spinlock m;
            thread w { write_seqlock(s); spin_lock(m); spin_unlock(m); write_sequnlock(s); }
            thread r { spin_lock(m); read_seqbegin(s); read_seqretry(s); spin_unlock(m); }
            interrupt timer on w { read_seqcount_begin(c); read_seqcount_retry(c); read_seqbegin(s); read_seqretry(s); }
            """, """
            seqlock s; seqcount c;
            thread a { write_seqlock_irq(s); write_seqcount_begin(c); write_seqcount_end(c); write_sequnlock_irq(s); }
            thread b { read_seqcount_begin(c); write_seqlock(s); write_sequnlock(s); read_seqcount_retry(c); }
            interrupt timer on a { read_seqbegin(s); read_seqretry(s); }
            """, """
            seqlock s; spinlock m; completion started;
            thread r { spin_lock(m); read_seqbegin(s); complete(started); while (read_seqretry(s)) { read_seqbegin(s); } spin_unlock(m); }
            thread w { wait_for_completion(started); write_seqlock(s); spin_lock(m); spin_unlock(m); write_sequnlock(s); }
            """, """
            seqcount c;
            thread w { write_seqcount_begin(c); write_seqcount_end(c); write_seqcount_begin(c); write_seqcount_end(c); }
            thread r { read_seqcount_begin(c); while (read_seqcount_retry(c)) { read_seqcount_begin(c); } }
            interrupt timer on r { read_seqcount_begin(c); if (!read_seqcount_retry(c)) { } }
            """, """
            bit_lock wb; mutex m; bool submitted = false;
            thread w { folio_start_writeback(wb); submitted = true; mutex_lock(m); folio_wait_writeback(wb); mutex_unlock(m); }
            thread io { wait_event(submitted); mutex_lock(m); folio_end_writeback(wb); mutex_unlock(m); }
            """, """
            bit_lock b; bool submitted = false;
            thread reader { folio_lock(b); submitted = true; folio_lock(b); if (folio_trylock(b)) { } folio_unlock(b); }
            thread end_io { wait_event(submitted); clear_bit_unlock(b); }
            thread other { wait_on_bit(b); wait_on_bit_lock(b); clear_bit_unlock(b); }
            """);

    @Test
    void spinAgreesOnEveryLockKindScenario(@TempDir Path dir) throws Exception {
        Spin.require();
        int stuck = 0;
        for (int i = 0; i < LOCK_KIND_SCENARIOS.size(); i++) {
            String source = LOCK_KIND_SCENARIOS.get(i);
            IrProgram ir = DifferentialTest.compile(source, dir, i).orElseThrow();
            Path work = Files.createDirectory(dir.resolve("kind" + i));
            Oracle oracle = oracle(ir, 3000).orElseThrow();
            if (compare(oracle, Spin.run(PromelaExport.export(ir).text().orElseThrow(), work), 100_000 + i, source).equals("stuck")) {
                stuck++;
            }
        }
        assertEquals(8, stuck, "the eight deadlocking scenarios are stuck (a seqlock reader interrupting its writer,"
                + " one told to retry behind a writer waiting for it, and a writeback waiter holding what the completion needs among them); the two trylock ones, the"
                + " irq-safe seqlock writer, the seqcount reader retrying behind two writes (its interrupt reading too) and the completed folio read are not");
    }

    private static String compare(Oracle oracle, Spin.Outcome spin, int seed, String source) {
        String what = "model " + seed + ":\n" + source;
        assertEquals(oracle.states(), spin.states(), "states of " + what);
        assertEquals(oracle.transitions() + 1, spin.transitions(), "transitions of " + what);
        assertEquals(oracle.stuck(), spin.invalidEndState(), "a stuck state in " + what);
        return oracle.stuck() ? "stuck" : "free";
    }
}
