package io.vmlock.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The threads that expand a breadth-first level in parallel: {@code threads} in all, the calling
 * thread included. The level is cut into chunks, one {@link Expansion} each, which the calling
 * thread merges strictly in state order. Whenever the next chunk to merge is not ready, the
 * calling thread expands a later one itself instead of waiting, so on N cores N threads compute
 * and none is left over to time-slice with the merge (with a separate merging thread, two
 * workers and the merge shared two cores and the speed-up stopped near 1.5x).
 *
 * <p>The merge of a chunk runs while helpers expand later ones, their lookups racing with its
 * additions: a lookup that misses a state just added only leaves that move for the merge to look
 * up again, so the result never depends on the timing. When lookups must see a frozen visited set
 * ({@code frozen}), chunks go in batches: all expanded, then all merged.
 */
final class Workers implements AutoCloseable {
    private static final int CHUNK = 2048;
    private static final int BATCH = 1 << 15;

    private final int threads;
    /** The helpers: every thread but the caller. */
    private final ExecutorService pool;
    private final ConcurrentLinkedQueue<Expansion> free = new ConcurrentLinkedQueue<>();

    Workers(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, r -> {
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
        if (pool == null || to - from <= chunk) {
            Expander x = search.expander();
            Expansion e = buffer(search);
            for (int a = from; a < to; a += chunk) {
                e.clear();
                search.expandRange(x, a, Math.min(to, a + chunk), from, e);
                if (!merge.test(e)) return false;
            }
            free.add(e);
            return true;
        }
        if (!frozen) return run(new Chunks(search, from, to, from, chunk, false), merge);
        for (int batch = from; batch < to; batch += BATCH) {
            int end = Math.min(to, batch + BATCH);
            if (!run(new Chunks(search, batch, end, from, chunk, true), merge)) return false;
        }
        return true;
    }

    /**
     * Expands the chunks with the helpers and merges them in order: following the expansion, or
     * for a frozen batch once all are expanded.
     */
    private boolean run(Chunks chunks, Predicate<Expansion> merge) {
        List<Future<?>> helpers = new ArrayList<>();
        for (int i = 1; i < threads; i++) helpers.add(pool.submit(() -> chunks.help(true)));
        boolean frozen = chunks.frozen;
        boolean go = true;
        try {
            if (frozen) {
                chunks.help(false);
                chunks.awaitAll();
            }
            for (int c = 0; c < chunks.count && go; c++) {
                Expansion e;
                while ((e = chunks.ready(c)) == null) {
                    if (frozen || !chunks.expandNext()) chunks.await(c);
                }
                go = merge.test(e);
                chunks.merged(c);
                free.add(e);
            }
        } finally {
            chunks.cancel();
            for (Future<?> f : helpers) result(f);
        }
        return go;
    }

    /** The chunks of one run: claimed in ascending order by any thread, merged in order by the caller. */
    private final class Chunks {
        final CompiledSearch search;
        final int from;
        final int to;
        final int levelStart;
        final int size;
        final int count;
        /** Lookups must see a visited set that does not change: no merge until all are expanded. */
        final boolean frozen;
        /** How far past the next chunk to merge a chunk may be claimed: bounds the buffers in flight. */
        final int window;
        private final Expansion[] done;
        private Expander callerExpander;
        private int claimed;
        private int expanded;
        private Throwable failure;
        private int mergedUpTo;
        private boolean cancelled;

        Chunks(CompiledSearch search, int from, int to, int levelStart, int size, boolean frozen) {
            this.search = search;
            this.from = from;
            this.to = to;
            this.levelStart = levelStart;
            this.size = size;
            this.count = (to - from + size - 1) / size;
            this.frozen = frozen;
            this.window = frozen ? Integer.MAX_VALUE : threads * 4;
            this.done = new Expansion[count];
        }

        /** Expands chunks until none is left; a helper also waits for room in the window. */
        void help(boolean waitForRoom) {
            try {
                Expander x = search.expander();
                while (true) {
                    int c = claim(waitForRoom);
                    if (c < 0) return;
                    expand(x, c);
                }
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    // the caller may be waiting for this helper's chunk: wake it to rethrow
                    if (failure == null) failure = e;
                    cancelled = true;
                    notifyAll();
                }
                throw e;
            }
        }

        /** The caller's turn: expands the next unclaimed chunk if the window allows; false if none. */
        boolean expandNext() {
            int c = claim(false);
            if (c < 0) return false;
            if (callerExpander == null) callerExpander = search.expander();
            expand(callerExpander, c);
            return true;
        }

        private void expand(Expander x, int c) {
            Expansion e = buffer(search);
            int a = from + c * size;
            search.expandRange(x, a, Math.min(to, a + size), levelStart, e);
            synchronized (this) {
                done[c] = e;
                expanded++;
                notifyAll();
            }
        }

        private synchronized int claim(boolean waitForRoom) {
            while (true) {
                if (cancelled || claimed >= count) return -1;
                if (claimed - mergedUpTo < window) return claimed++;
                if (!waitForRoom) return -1;
                waitHere();
            }
        }

        synchronized Expansion ready(int c) {
            Expansion e = done[c];
            done[c] = null;
            return e;
        }

        synchronized void await(int c) {
            while (done[c] == null) {
                rethrow();
                waitHere();
            }
        }

        synchronized void awaitAll() {
            while (expanded < count) {
                rethrow();
                waitHere();
            }
        }

        private void rethrow() {
            if (failure instanceof RuntimeException r) throw r;
            if (failure instanceof Error r) throw r;
        }

        synchronized void merged(int c) {
            mergedUpTo = c + 1;
            notifyAll();
        }

        synchronized void cancel() {
            cancelled = true;
            notifyAll();
        }

        private void waitHere() {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("search interrupted", e);
            }
        }
    }

    private Expansion buffer(CompiledSearch search) {
        Expansion e = free.poll();
        if (e == null) e = new Expansion(search.store.words); // the preemption bound's word included
        e.clear();
        return e;
    }

    private static void result(Future<?> f) {
        try {
            f.get();
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
