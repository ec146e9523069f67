package io.vmlock.explore;

import com.google.common.collect.ListMultimap;
import com.google.common.collect.MultimapBuilder;
import com.google.common.collect.Multimaps;
import io.vmlock.ast.ObjectKind;
import io.vmlock.explore.system.Flag;
import io.vmlock.explore.system.OwnerWords;
import io.vmlock.explore.system.Position;
import io.vmlock.explore.system.ThreadSystem;
import io.vmlock.ir.ThreadDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Symmetry reduction for replicated threads ({@code thread writer[3]}): the copies run one body,
 * so two states that differ only by which copy is which have the same futures up to renaming.
 * A state is stored in its canonical form: the copies ordered by what they are (their stack,
 * flags, locals) and hold (locks, read, handle and freeze depths, queue places), thread numbers
 * in lock owners and rwsem queues renamed to match. Copies alike in all of that are interchangeable, so
 * the order is canonical.
 *
 * <p>It composes with the livelock check: renaming copies is an automorphism of the state graph,
 * so the graph of canonical states has a bottom component exactly where the full graph has one,
 * up to renaming (the quotient is bisimilar to the full graph: Emerson and Sistla, "Symmetry and
 * model checking", 1996), with the same depths. Findings' keys name copies alike, but for a run
 * that never ends, which names the non-daemon threads that never finish: the same run of two
 * copies would be one finding, so with the livelock check only daemons' copies are renamed.
 */
final class Symmetry {
    private final CompiledModel model;
    private final int threads;
    private final List<int[]> groups;
    /** Per thread, its own fields in an order shared by its copies. */
    private final int[][] block;
    private final int[] owners;
    /** Per thread, its read-depth, handle-depth and freeze-depth words, in instance order. */
    private final int[][] counters;
    /** Per rwsem: queue length word, then the queue's words. */
    private final int[][] queues;
    private final int[] values;
    private final int[] renamed;
    private final int[] newThread;

    private Symmetry(CompiledModel model, Layout layout, List<int[]> groups, int[][] block) {
        this.model = model;
        this.threads = model.threads;
        this.groups = groups;
        this.block = block;
        this.values = new int[model.packing.fields];
        this.renamed = new int[model.packing.fields];
        this.newThread = new int[threads];
        List<Integer> o = new ArrayList<>();
        List<int[]> q = new ArrayList<>();
        this.counters = new int[threads][];
        List<List<Integer>> c = new ArrayList<>();
        for (int t = 0; t < threads; t++) c.add(new ArrayList<>());
        for (int i = 0; i < layout.instances(); i++) {
            ObjectKind kind = layout.kind(i);
            // every word of a thread's (its hold, depths, queue places) moves with it
            for (ObjectKind.Word word : kind.words()) {
                switch (word) {
                    case OWNER -> o.add(field(layout.owner(i)));
                    case SHARED_DEPTH -> {
                        for (int t = 0; t < threads; t++) c.get(t).add(field(layout.sharedDepth(i, t)));
                    }
                    // a queue freeze is the freezing thread's (its own blk_queue_enter waits for itself)
                    case FREEZE_DEPTH -> {
                        for (int t = 0; t < threads; t++) c.get(t).add(field(layout.freezeDepth(i, t)));
                    }
                    // a reader's retry flag is its own read section's
                    case RETRY -> {
                        for (int t = 0; t < threads; t++) c.get(t).add(field(layout.retry(i, t)));
                    }
                    case QUEUE -> {
                        int[] queue = new int[threads + 1];
                        queue[0] = field(layout.queueLength(i));
                        for (int p = 0; p < threads; p++) queue[p + 1] = field(layout.queue(i, p));
                        q.add(queue);
                    }
                    case COUNT, DONE_ALL -> { } // no thread's: a completion's counts
                }
            }
        }
        this.owners = o.stream().mapToInt(Integer::intValue).toArray();
        this.queues = q.toArray(int[][]::new);
        for (int t = 0; t < threads; t++) counters[t] = c.get(t).stream().mapToInt(Integer::intValue).toArray();
    }

    private Symmetry(Symmetry shared) {
        this.model = shared.model;
        this.threads = shared.threads;
        this.groups = shared.groups;
        this.block = shared.block;
        this.owners = shared.owners;
        this.counters = shared.counters;
        this.queues = shared.queues;
        this.values = new int[model.packing.fields];
        this.renamed = new int[model.packing.fields];
        this.newThread = new int[threads];
    }

    private int field(int word) {
        return model.system.objectField(word);
    }

    /** A worker's own instance: the same symmetry, its own buffers. */
    Symmetry forWorker() {
        return new Symmetry(this);
    }

    /**
     * The symmetry of the model's replicated threads, or null when there is none to exploit.
     * {@code daemonsOnly}: only copies of daemons (the livelock check names each non-daemon copy
     * that never finishes, so renaming those would merge findings).
     */
    static Symmetry of(CompiledModel model, Layout layout, boolean daemonsOnly) {
        ListMultimap<String, Integer> byBase = MultimapBuilder.linkedHashKeys().arrayListValues().build();
        for (ThreadDef t : model.system.program().threads()) {
            if (t.replicated() && (t.daemon() || !daemonsOnly)) byBase.put(t.baseName(), t.id());
        }
        int[][] block = new int[model.threads][];
        for (int t = 0; t < model.threads; t++) block[t] = ownFields(model, t);
        List<int[]> groups = new ArrayList<>();
        for (List<Integer> copies : Multimaps.asMap(byBase).values()) {
            if (copies.size() > 1 && alike(model, block, copies)) {
                groups.add(copies.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return groups.isEmpty() ? null : new Symmetry(model, layout, groups, block);
    }

    /**
     * A thread's own fields: position, per-thread variables (they move with their thread), flags
     * (softirq masking depth included), saved irq bits, then locals by depth and number (-1 where absent).
     */
    private static int[] ownFields(CompiledModel model, int thread) {
        List<Integer> own = new ArrayList<>();
        own.add(model.positionField[thread]);
        for (int slot = 0; slot < model.system.program().perThreadSlotCount(); slot++) {
            own.add(model.system.currentField(thread, slot));
        }
        for (Flag flag : Flag.values()) own.add(model.system.flag(thread, flag));
        own.add(model.system.irqBits(thread));
        new java.util.TreeMap<>(model.system.locals(thread)).values().forEach(own::add);
        return own.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The keys (depth, number) of a thread's locals, to compare copies. */
    private static List<Long> localKeys(CompiledModel model, int thread) {
        return new ArrayList<>(new java.util.TreeMap<>(model.system.locals(thread)).keySet());
    }

    /** Copies compiled alike: the same positions in the same order, fields of the same kinds. */
    private static boolean alike(CompiledModel model, int[][] block, List<Integer> copies) {
        ThreadSystem first = model.system.threads().get(copies.get(0));
        for (int t : copies) {
            ThreadSystem other = model.system.threads().get(t);
            if (!localKeys(model, t).equals(localKeys(model, copies.get(0)))) return false;
            for (int i = 0; i < block[t].length; i++) {
                if ((block[t][i] < 0) != (block[copies.get(0)][i] < 0)) return false;
            }
            if (other.positions().size() != first.positions().size()) return false;
            for (int p = 0; p < first.positions().size(); p++) {
                Position x = first.positions().get(p);
                Position y = other.positions().get(p);
                if (x.status() != y.status() || !x.frames().equals(y.frames())) return false;
            }
        }
        return true;
    }

    /** Rewrites the packed state at {@code words[base..]} in canonical form. */
    void canonical(long[] words, int base, int[] unused) {
        Packing packing = model.packing;
        packing.decode(words, base, values);
        boolean identity = true;
        for (int t = 0; t < threads; t++) newThread[t] = t;
        for (int[] g : groups) identity &= order(g);
        if (identity) return;
        rename();
        packing.encode(renamed, words, base);
    }

    /** The number the last {@link #canonical} gave thread {@code t}. */
    int renamed(int t) {
        return newThread[t];
    }

    /** Sorts a group's copies by signature; records where each copy goes. True if none moves. */
    private boolean order(int[] g) {
        Integer[] idx = new Integer[g.length];
        for (int i = 0; i < g.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> compare(g[a], g[b]));
        boolean identity = true;
        for (int j = 0; j < g.length; j++) {
            newThread[g[idx[j]]] = g[j];
            if (idx[j] != j) identity = false;
        }
        return identity;
    }

    private int compare(int a, int b) {
        for (int i = 0; i < block[a].length; i++) {
            if (block[a][i] < 0) continue;
            int c = Integer.compare(values[block[a][i]], values[block[b][i]]);
            if (c != 0) return c;
        }
        for (int f : owners) {
            int c = Integer.compare(holds(values[f], a), holds(values[f], b));
            if (c != 0) return c;
        }
        for (int i = 0; i < counters[a].length; i++) {
            int c = Integer.compare(values[counters[a][i]], values[counters[b][i]]);
            if (c != 0) return c;
        }
        for (int[] q : queues) {
            int c = Integer.compare(place(q, a), place(q, b));
            if (c != 0) return c;
        }
        return 0;
    }

    /** 0 if the token is not the thread's, else 1 + its context (task, hard interrupt, softirq). */
    private int holds(int token, int t) {
        return OwnerWords.names(token, t, threads) ? 1 + OwnerWords.context(token, threads) : 0;
    }

    private int place(int[] queue, int t) {
        for (int p = 0; p < values[queue[0]]; p++) {
            if (values[queue[p + 1]] == t) return p;
        }
        return -1;
    }

    private void rename() {
        System.arraycopy(values, 0, renamed, 0, values.length);
        for (int t = 0; t < threads; t++) {
            int to = newThread[t];
            if (to == t) continue;
            for (int i = 0; i < block[t].length; i++) {
                if (block[t][i] >= 0) renamed[block[to][i]] = values[block[t][i]];
            }
            for (int i = 0; i < counters[t].length; i++) renamed[counters[to][i]] = values[counters[t][i]];
        }
        for (int f : owners) {
            int token = values[f];
            if (token == 0) continue;
            int t = OwnerWords.holder(token, threads);
            renamed[f] = token - t + newThread[t];
        }
        for (int[] q : queues) {
            for (int p = 0; p < values[q[0]]; p++) renamed[q[p + 1]] = newThread[values[q[p + 1]]];
        }
    }
}
