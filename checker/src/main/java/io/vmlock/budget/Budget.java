package io.vmlock.budget;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What checking one file may spend, every phase together: {@code --max-seconds} from the moment
 * the file is started (parsing included), {@code --max-memory} of heap in use, and a stop that a
 * signal raises. Made once per file and handed to every phase, which asks {@link #spent} as it
 * goes and {@link #reserve}s a large allocation (a store or a queue doubling) before making it,
 * so the heap is never asked for more than it has.
 */
public final class Budget {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long seconds;
    private final long startNanos;
    private final long limitNanos;
    private final long maxMemoryBytes;
    private final StopSignal stop;

    private Budget(long seconds, long maxMemoryBytes, StopSignal stop) {
        this.seconds = seconds;
        this.startNanos = System.nanoTime();
        // saturated: a limit of centuries never overflows into the past
        this.limitNanos = seconds >= Long.MAX_VALUE / NANOS_PER_SECOND ? Long.MAX_VALUE : seconds * NANOS_PER_SECOND;
        this.maxMemoryBytes = maxMemoryBytes;
        this.stop = java.util.Objects.requireNonNull(stop);
    }

    /** A budget starting now; {@code stop} ends it early when raised. */
    public static Budget start(long seconds, long maxMemoryBytes, StopSignal stop) {
        return new Budget(seconds, maxMemoryBytes, stop);
    }

    /** A budget no signal ends (tests, benchmarks). */
    public static Budget start(long seconds, long maxMemoryBytes) {
        return start(seconds, maxMemoryBytes, new StopSignal());
    }

    /** No deadline and no cap but the heap: for what runs outside a check (exports, {@code order}). */
    public static Budget heapOnly() {
        return start(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** {@code mib} mebibytes in bytes; {@link Long#MAX_VALUE} (no cap but the heap) when that does not fit in a long. */
    public static long mebibytes(long mib) {
        if (mib <= 0) return 0;
        return mib > Long.MAX_VALUE >> 20 ? Long.MAX_VALUE : mib << 20;
    }

    public long seconds() {
        return seconds;
    }

    public long maxMemoryBytes() {
        return maxMemoryBytes;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Milliseconds left before the deadline (0 when past it; {@link Long#MAX_VALUE} / 10^6 at most). */
    public long remainingMillis() {
        long left = limitNanos - (System.nanoTime() - startNanos);
        return Math.max(0, left / 1_000_000);
    }

    /**
     * Why the budget is spent, naming the phase that ran out ({@code --max-seconds 5 reached
     * in the search}); empty while it lasts. {@code usedHeap}: the heap in use, as sampled.
     */
    public Optional<String> spent(Phase phase, long usedHeap) {
        return reason(usedHeap).map(why -> why + " " + phase.where());
    }

    public Optional<String> spent(Phase phase) {
        return spent(phase, usedHeap());
    }

    /** Throws {@link BudgetExhausted} when the budget is spent. */
    public void check(Phase phase) {
        Optional<String> why = spent(phase);
        if (why.isPresent()) throw new BudgetExhausted(why.get());
    }

    private Optional<String> reason(long usedHeap) {
        if (stop.raised().isPresent()) return stop.raised();
        if (System.nanoTime() - startNanos >= limitNanos) return Optional.of("--max-seconds " + seconds + " reached");
        if (usedHeap >= maxMemoryBytes) return Optional.of(memoryReached());
        return Optional.empty();
    }

    private String memoryReached() {
        return "--max-memory " + (maxMemoryBytes >> 20) + " MiB reached";
    }

    /**
     * Before allocating {@code bytes} more (a store or a queue about to double): throws
     * {@link BudgetExhausted} unless they fit under {@code --max-memory} and in the heap, with an
     * eighth of the heap kept for the trace reconstruction and the report. Garbage is collected
     * before refusing, so a refusal means live data; at most once every few seconds in the whole
     * JVM, since a full collection of a large heap takes long and many files may be checked in one
     * process (a CI tree, the soak test), each refusing soon when the heap is shared.
     */
    public void reserve(long bytes, Phase phase) {
        if (fits(bytes)) return;
        collectGarbageRarely();
        if (fits(bytes)) return;
        boolean heap = heapLimit() < maxMemoryBytes;
        String why = heap ? "the Java heap is too small (" + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB; raise it with -Xmx)" : memoryReached();
        throw new BudgetExhausted(why + " " + phase.where());
    }

    private static final long GC_INTERVAL_NANOS = 5_000_000_000L;
    private static final AtomicLong lastForcedGc = new AtomicLong(System.nanoTime() - GC_INTERVAL_NANOS);

    private static void collectGarbageRarely() {
        long last = lastForcedGc.get();
        long now = System.nanoTime();
        if (now - last >= GC_INTERVAL_NANOS && lastForcedGc.compareAndSet(last, now)) System.gc();
    }

    private boolean fits(long bytes) {
        long used = usedHeap();
        long limit = Math.min(maxMemoryBytes, heapLimit());
        return bytes >= 0 && used <= limit && bytes <= limit - used;
    }

    private static long heapLimit() {
        long max = Runtime.getRuntime().maxMemory();
        return max - max / 8;
    }

    /** Why a phase that ran out of heap (an {@link OutOfMemoryError} caught at the file's boundary) stopped. */
    public static String outOfMemory(Phase phase) {
        return "out of memory: the Java heap (" + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB; raise it with -Xmx) was full " + phase.where();
    }

    /** The heap in use now, garbage included. */
    public static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
