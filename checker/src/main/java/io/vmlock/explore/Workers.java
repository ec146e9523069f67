package io.vmlock.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads that expand states in parallel. A batch of states is cut into chunks, one
 * {@link Expansion} each; the chunks come back in state order whatever thread ran them.
 */
final class Workers implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;
    private final List<Expansion> buffers = new ArrayList<>();

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

    List<Expansion> expand(CompiledSearch search, int from, int to, int levelStart, int levelEnd) {
        int chunk = Math.max(256, Math.min(4096, (to - from) / (threads * 4) + 1));
        int chunks = (to - from + chunk - 1) / chunk;
        while (buffers.size() < chunks) buffers.add(new Expansion(search.model.packing.words));
        List<Expansion> out = new ArrayList<>(buffers.subList(0, chunks));
        for (Expansion e : out) e.clear();
        if (pool == null || chunks == 1) {
            Expander x = search.expander();
            for (int c = 0; c < chunks; c++) {
                search.expandRange(x, from + c * chunk, Math.min(to, from + (c + 1) * chunk), levelStart, levelEnd,
                        out.get(c));
            }
            return out;
        }
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            int a = from + c * chunk;
            int b = Math.min(to, a + chunk);
            Expansion e = out.get(c);
            done.add(pool.submit(() -> search.expandRange(search.expander(), a, b, levelStart, levelEnd, e)));
        }
        for (Future<?> f : done) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("search interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
