package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.ast.ObjectKind;
import io.vmlock.explore.system.Field;
import io.vmlock.explore.system.SystemCompiler;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.findings.CheckResult;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.Scenarios;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Symmetry's renaming, field by field: two states that differ only by which copy holds a value
 * are renamings of each other, so they must have one canonical form. A per-thread word the
 * renaming forgets (as a percpu ref's freeze depth was, c826108) leaves the two apart.
 */
class SymmetryTest {
    /**
     * Two copies that touch every kind of per-thread state: each object kind, flags (softirq
     * masking too), irq bits, locals, current; a softirq on each takes s with its own token.
     */
    private static final String EVERY_KIND = """
            mutex m; spinlock s; rwsem r; journal j; completion c; percpu_rwsem p; bit_spinlock b; percpu_ref q;
            lockdep_map map; seqlock sl; seqcount sc; bit_lock bl;
            current int(0..2) journal_info = 0;
            proc body(bool n) {
                int(0..2) k = 1;
                local_irq_disable(); local_irq_save(); spin_lock(s); spin_unlock(s); local_irq_restore();
                local_irq_enable();
                local_bh_disable(); spin_lock_bh(s); spin_unlock_bh(s); local_bh_enable();
                memalloc_nofs_save(); memalloc_noio_save(); pagefault_disable();
                pagefault_enable(); memalloc_noio_restore(); memalloc_nofs_restore();
                current->journal_info = k;
                jbd2_journal_start(j); jbd2_journal_stop(j);
                mutex_lock(m); mutex_unlock(m);
                down_read(r); up_read(r); down_write(r); up_write(r);
                percpu_down_read(p); percpu_up_read(p); percpu_down_write(p); percpu_up_write(p);
                jbd2_journal_lock_updates(j); jbd2_journal_unlock_updates(j);
                lock_map_acquire_read(map); lock_map_release(map); lock_map_acquire(map); lock_map_release(map);
                bit_spin_lock(b); bit_spin_unlock(b); folio_lock(bl); folio_unlock(bl);
                read_seqbegin(sl); read_seqretry(sl); read_seqcount_begin(sc); read_seqcount_retry(sc);
                write_seqlock(sl); write_sequnlock(sl); write_seqcount_begin(sc); write_seqcount_end(sc);
                blk_mq_freeze_queue(q); blk_mq_unfreeze_queue(q);
                complete(c);
            }
            softirq tick on w { spin_lock(s); spin_unlock(s); }
            thread w[2] { body(true); }
            """;

    private record Setup(CompiledModel model, Layout layout, Symmetry symmetry, int[] initial) {
        long[] pack(int[] values) {
            long[] words = new long[model.packing.words];
            model.packing.encode(values, words, 0);
            return words;
        }

        long[] canonical(int[] values) {
            long[] words = pack(values);
            symmetry.canonical(words, 0, null);
            return words;
        }

        /** A value other than the field's initial one that its packing can hold. */
        OptionalInt other(int field) {
            Field f = model.system.fields().get(field);
            for (int v = f.low(); v <= Math.min(f.high(), f.low() + 64); v++) {
                if (v != initial[field] && holds(field, v)) return OptionalInt.of(v);
            }
            return OptionalInt.empty();
        }

        boolean holds(int field, int value) {
            try {
                model.packing.code(field, value);
                return true;
            } catch (IllegalStateException | Packing.Overflow e) {
                return false;
            }
        }
    }

    private static Setup setup(String source, boolean daemonsOnly) {
        IrProgram program = Scenarios.lower(source);
        TransitionSystem system = SystemCompiler.compile(program);
        CompiledModel model = new CompiledModel(system, new Packing(system, new int[system.fields().size()]));
        Layout layout = new Layout(program);
        int[] initial = system.initial().stream().mapToInt(Integer::intValue).toArray();
        return new Setup(model, layout, Symmetry.of(model, layout, daemonsOnly), initial);
    }

    private static List<Integer> fieldsOf(Setup s, int thread) {
        List<Integer> own = new ArrayList<>();
        for (Field f : s.model.system.fields()) {
            if (f.thread() == thread) own.add(f.id());
        }
        return own;
    }

    @Test
    void everyFieldOfACopyMovesWithIt() {
        Setup s = setup(EVERY_KIND, false);
        assertNotNull(s.symmetry);
        List<Integer> first = fieldsOf(s, 0);
        List<Integer> second = fieldsOf(s, 1);
        assertEquals(first.size(), second.size());
        List<String> checked = new ArrayList<>();
        for (int k = 0; k < first.size(); k++) {
            Field a = s.model.system.fields().get(first.get(k));
            Field b = s.model.system.fields().get(second.get(k));
            assertEquals(a.role(), b.role(), a + " / " + b);
            OptionalInt v = s.other(a.id());
            if (v.isEmpty() || !s.holds(b.id(), v.getAsInt())) continue;
            int[] inFirst = s.initial.clone();
            inFirst[a.id()] = v.getAsInt();
            int[] inSecond = s.initial.clone();
            inSecond[b.id()] = v.getAsInt();
            assertFalse(Arrays.equals(s.pack(inFirst), s.pack(inSecond)));
            assertArrayEquals(s.canonical(inFirst), s.canonical(inSecond), () -> a.name() + " does not move to " + b.name());
            checked.add(a.name());
        }
        // the read, handle and freeze depths (the seqlock's and seqcount's readers' too), their
        // retry flags (which a writer can set only because a reader may be in its section), position,
        // current->, flags (irqs off, saved irq flags and bits, memalloc and pagefault scopes,
        // softirq masking depth), a local (the others never leave their initial value)
        assertEquals(List.of("r.readers0", "j.handles0", "p.readers0", "q.frozen0", "sl.readers0", "sl.retry0", "sc.readers0",
                "sc.retry0", "pos_0",
                "current->journal_info_0", "irq_0", "irq_save_0", "irq_bits_0", "nofs_0", "noio_0", "pagefault_0",
                "bh_0", "l0_1_1"), checked);
    }

    /** A lock's owner token and an rwsem's queue entry name a thread: they are renamed with it. */
    @Test
    void ownersAndQueuePlacesAreRenamed() {
        Setup s = setup(EVERY_KIND, false);
        List<ObjectKind> owners = new ArrayList<>();
        for (int i = 0; i < s.layout.instances(); i++) {
            ObjectKind kind = s.layout.kind(i);
            if (!kind.words().contains(ObjectKind.Word.OWNER)) continue;
            int owner = s.model.system.objectField(s.layout.owner(i));
            if (!s.holds(owner, 1) || !s.holds(owner, 2)) continue;
            int[] first = s.initial.clone();
            first[owner] = 1;
            int[] second = s.initial.clone();
            second[owner] = 2;
            assertArrayEquals(s.canonical(first), s.canonical(second), kind + " owner");
            owners.add(kind);
        }
        // every owner a copy takes (a percpu ref's and a lockdep map's owner word never holds a task's token)
        assertEquals(List.of(ObjectKind.MUTEX, ObjectKind.SPINLOCK, ObjectKind.RWSEM, ObjectKind.JOURNAL,
                ObjectKind.PERCPU_RWSEM, ObjectKind.BIT_SPINLOCK, ObjectKind.SEQLOCK, ObjectKind.SEQCOUNT,
                ObjectKind.BIT_LOCK), owners);
        // a softirq's token (thread + 1 + 2 * threads) is its thread's, in its own context
        int spinlock = s.model.system.objectField(s.layout.owner(instance(s, ObjectKind.SPINLOCK)));
        assertTrue(s.holds(spinlock, 5) && s.holds(spinlock, 6), "the copies' softirqs take s");
        assertArrayEquals(s.canonical(with(s, spinlock, 5)), s.canonical(with(s, spinlock, 6)), "softirq owner");
        assertFalse(Arrays.equals(s.canonical(with(s, spinlock, 5)), s.canonical(with(s, spinlock, 1))),
                "a copy's softirq's hold is not its task's");
        int r = instance(s, ObjectKind.RWSEM);
        int length = s.model.system.objectField(s.layout.queueLength(r));
        int place = s.model.system.objectField(s.layout.queue(r, 0));
        assertTrue(s.holds(length, 1) && s.holds(place, 1), "the copies queue on r");
        int[] first = s.initial.clone();
        first[length] = 1;
        first[place] = 0;
        int[] second = first.clone();
        second[place] = 1;
        assertArrayEquals(s.canonical(first), s.canonical(second), "queued copy");
    }

    private static int instance(Setup s, ObjectKind kind) {
        for (int i = 0; i < s.layout.instances(); i++) {
            if (s.layout.kind(i) == kind) return i;
        }
        throw new AssertionError("no " + kind);
    }

    /** The initial values with one field changed. */
    private static int[] with(Setup s, int field, int value) {
        int[] v = s.initial.clone();
        v[field] = value;
        return v;
    }

    /** Copies not alike (a thread is alone, or the livelock check names non-daemon copies) get no symmetry. */
    @Test
    void onlyInterchangeableCopiesAreRenamed() {
        assertNull(setup("mutex m;\nthread a { mutex_lock(m); mutex_unlock(m); }\n", false).symmetry);
        String copies = "mutex m;\nthread w[2] { mutex_lock(m); mutex_unlock(m); }\n";
        assertNotNull(setup(copies, false).symmetry);
        assertNull(setup(copies, true).symmetry);
        assertNotNull(setup("mutex m;\ndaemon thread w[2] { mutex_lock(m); mutex_unlock(m); }\n", true).symmetry);
    }

    /**
     * Two copies taking one mutex: unreduced, each is before, holding or done, never both holding:
     * 3 * 3 - 1 = 8 states. Renamed, a state and its mirror are one: 00, 10, 20, 21, 22 = 5.
     */
    @Test
    void copiesOfOneMutexStoreOneStateAPair() {
        String copies = "mutex m;\nthread w[2] { mutex_lock(m); mutex_unlock(m); }\n";
        assertEquals(8, states(copies, Explorer.Reductions.NONE));
        assertEquals(5, states(copies, new Explorer.Reductions(false, true)));
        String three = "mutex m;\nthread w[3] { mutex_lock(m); mutex_unlock(m); }\n";
        // 27 position triples less the 7 with two or three holding: 20; up to order, the multisets
        // of {before, holding, done} of size 3 (10) less those with two holding (2) or three (1): 7
        assertEquals(20, states(three, Explorer.Reductions.NONE));
        assertEquals(7, states(three, new Explorer.Reductions(false, true)));
    }

    private static long states(String source, Explorer.Reductions reductions) {
        CheckResult r = Explorer.check(Scenarios.lower(source), new Explorer.Options(Explorer.Order.BFS,
                Limits.defaults(), Explorer.Engine.COMPILED, 1, false, reductions, false, false));
        assertTrue(r.complete());
        assertEquals(List.of(), Scenarios.kinds(r));
        return r.stats().states();
    }
}
