package io.vmlock.explore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The threads that expand a breadth-first level in parallel. The level is cut into chunks, one
 * {@link Expansion} each, merged strictly in state order by the calling thread. The merge of a
 * chunk runs while workers expand the next ones, their lookups racing with its additions: a
 * lookup that misses a state just added only leaves that move for the merge to look up again,
 * so the result never depends on the timing. When lookups must see a frozen visited set
 * ({@code frozen}), chunks go in batches: all expanded, then all merged.
 */
final class Workers implements AutoCloseable {
    private static final int CHUNK = 2048;
    private static final int BATCH = 1 << 15;

    private final int threads;
    private final ExecutorService pool;
    private final Deque<Expansion> free = new ArrayDeque<>();

    Workers(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "vmlock-search");
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    /** Expands and merges the states {@code from..to-1}; false when the merge stops the search. */
    boolean expandLevel(CompiledSearch search, int from, int to, boolean frozen, Predicate<Expansion> merge) {
        int chunk = Math.max(64, Math.min(CHUNK, (to - from) / (threads * 4) + 1));
        if (pool == null) {
            Expander x = search.expander();
            Expansion e = buffer(search);
            for (int a = from; a < to; a += chunk) {
                e.clear();
                search.expandRange(x, a, Math.min(to, a + chunk), from, to, e);
                if (!merge.test(e)) return false;
            }
            free.add(e);
            return true;
        }
        return frozen ? inBatches(search, from, to, chunk, merge) : pipelined(search, from, to, chunk, merge);
    }

    private boolean pipelined(CompiledSearch search, int from, int to, int chunk, Predicate<Expansion> merge) {
        Deque<Future<Expansion>> ahead = new ArrayDeque<>();
        int next = from;
        while (next < to || !ahead.isEmpty()) {
            while (next < to && ahead.size() < threads * 3) {
                ahead.add(submit(search, next, Math.min(to, next + chunk), from, to));
                next += chunk;
            }
            Expansion e = result(ahead.poll());
            boolean go = merge.test(e);
            free.add(e);
            if (!go) {
                for (Future<Expansion> f : ahead) result(f);
                return false;
            }
        }
        return true;
    }

    private boolean inBatches(CompiledSearch search, int from, int to, int chunk, Predicate<Expansion> merge) {
        for (int batch = from; batch < to; batch += BATCH) {
            List<Future<Expansion>> done = new ArrayList<>();
            int end = Math.min(to, batch + BATCH);
            for (int a = batch; a < end; a += chunk) done.add(submit(search, a, Math.min(end, a + chunk), from, to));
            List<Expansion> results = new ArrayList<>();
            for (Future<Expansion> f : done) results.add(result(f));
            for (Expansion e : results) {
                boolean go = merge.test(e);
                free.add(e);
                if (!go) return false;
            }
        }
        return true;
    }

    private Future<Expansion> submit(CompiledSearch search, int a, int b, int levelStart, int levelEnd) {
        Expansion e = buffer(search);
        return pool.submit(() -> {
            search.expandRange(search.expander(), a, b, levelStart, levelEnd, e);
            return e;
        });
    }

    private Expansion buffer(CompiledSearch search) {
        Expansion e = free.poll();
        if (e == null) e = new Expansion(search.model.packing.words);
        e.clear();
        return e;
    }

    private static Expansion result(Future<Expansion> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
