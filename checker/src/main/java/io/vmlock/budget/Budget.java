package io.vmlock.budget;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * What checking one file may spend, every phase together: {@code --max-seconds} from the moment
 * the file is started (parsing included), {@code --max-memory} of live data, and a stop that a
 * signal raises. Made once per file and handed to every phase, which asks {@link #spent} as it
 * goes and {@link #reserve}s a large allocation (a store or a queue doubling) before making it,
 * so the heap is never asked for more than it has.
 *
 * <p>Live data is the heap after the last garbage collection plus what this budget reserved
 * that no collection has seen yet: garbage does not count, so the cap means the same in a fresh
 * JVM and in one shared with other files or a test suite. The heap's own limit is judged on the
 * heap in use, garbage included, as an allocation needs room now.
 */
public final class Budget {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * Bytes reserved while collection number {@code collections} was the last; {@code allocatedBy}
     * is the last collection when the budget was next asked (-1 until then), by which time the
     * allocation they were reserved for has been made. They count until the collection after
     * next from their reservation (the allocation may have started the next one, which ran before
     * it was made), and past that until a collection after {@code allocatedBy} (a large array can
     * start more than one).
     */
    private record Reserved(long collections, long bytes, long allocatedBy) {
        boolean unseenAfter(long collection) {
            return collection <= Math.max(collections + 1, allocatedBy);
        }

        Reserved allocatedBy(long collection) {
            return allocatedBy >= 0 ? this : new Reserved(collections, bytes, collection);
        }
    }

    private final long seconds;
    private final LongSupplier clock;
    private final long startNanos;
    private final long limitNanos;
    private final long maxMemoryBytes;
    private final StopSignal stop;
    private final AtomicReference<List<Reserved>> reserved = new AtomicReference<>(List.of());

    private Budget(long seconds, long maxMemoryBytes, StopSignal stop, LongSupplier clock) {
        this.seconds = seconds;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        // saturated: a limit of centuries never overflows into the past
        this.limitNanos = seconds >= Long.MAX_VALUE / NANOS_PER_SECOND ? Long.MAX_VALUE : seconds * NANOS_PER_SECOND;
        this.maxMemoryBytes = maxMemoryBytes;
        this.stop = Objects.requireNonNull(stop);
    }

    /** A budget starting now; {@code stop} ends it early when raised. */
    public static Budget start(long seconds, long maxMemoryBytes, StopSignal stop) {
        return new Budget(seconds, maxMemoryBytes, stop, System::nanoTime);
    }

    /** A budget whose seconds pass as {@code nanoClock} says (tests that need a deadline reached at a known point). */
    public static Budget onClock(long seconds, long maxMemoryBytes, LongSupplier nanoClock) {
        return new Budget(seconds, maxMemoryBytes, new StopSignal(), nanoClock);
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
        return (clock.getAsLong() - startNanos) / 1_000_000;
    }

    /** Milliseconds left before the deadline (0 when past it; {@link Long#MAX_VALUE} / 10^6 at most). */
    public long remainingMillis() {
        long left = limitNanos - (clock.getAsLong() - startNanos);
        return Math.max(0, left / 1_000_000);
    }

    /**
     * Why the budget is spent, naming the phase that ran out ({@code --max-seconds 5 reached
     * in the search}); empty while it lasts.
     */
    public Optional<String> spent(Phase phase) {
        Optional<String> why = reason(liveBytes());
        // over the cap on the last collection's figure: one that old garbage may still swell
        if (why.isPresent() && stop.raised().isEmpty() && !pastDeadline() && collectGarbageRarely()) {
            why = reason(liveBytes());
        }
        return why.map(w -> w + " " + phase.where());
    }

    /** As {@link #spent(Phase)} with {@code liveBytes} of live data. */
    Optional<String> spent(Phase phase, long liveBytes) {
        return reason(liveBytes).map(why -> why + " " + phase.where());
    }

    /** Throws {@link BudgetExhausted} when the budget is spent. */
    public void check(Phase phase) {
        Optional<String> why = spent(phase);
        if (why.isPresent()) throw new BudgetExhausted(why.get());
    }

    private Optional<String> reason(long liveBytes) {
        if (stop.raised().isPresent()) return stop.raised();
        if (pastDeadline()) return Optional.of("--max-seconds " + seconds + " reached");
        if (liveBytes >= maxMemoryBytes) return Optional.of(memoryReached());
        return Optional.empty();
    }

    /** Whether the deadline has passed: the clock alone, so any thread may ask it at any rate. */
    public boolean pastDeadline() {
        return clock.getAsLong() - startNanos >= limitNanos;
    }

    private String memoryReached() {
        return "--max-memory " + (maxMemoryBytes >> 20) + " MiB reached";
    }

    /**
     * Before allocating {@code bytes} more (a store or a queue about to double): throws
     * {@link BudgetExhausted} unless they fit under {@code --max-memory} with the live data, and
     * in the heap with what it holds now, an eighth of the heap kept for the trace reconstruction
     * and the report. Garbage is collected before refusing, so a refusal means live data; at most
     * once every few seconds in the whole JVM, since a full collection of a large heap takes long
     * and many files may be checked in one process (a CI tree, the soak test).
     */
    public void reserve(long bytes, Phase phase) {
        Optional<String> refused = refusal(bytes);
        if (refused.isPresent() && collectGarbageRarely()) refused = refusal(bytes);
        if (refused.isPresent()) throw new BudgetExhausted(refused.get() + " " + phase.where());
        long collection = LiveHeap.latest().collections();
        reserved.updateAndGet(rs -> Stream.concat(rs.stream().filter(r -> r.unseenAfter(collection)),
                Stream.of(new Reserved(collection, bytes, -1))).toList());
    }

    private Optional<String> refusal(long bytes) {
        if (!fits(bytes, liveBytes(), maxMemoryBytes)) return Optional.of(memoryReached());
        if (!fits(bytes, usedHeap(), heapLimit())) { // room now, garbage included: the heap's limit is never risked
            return Optional.of("the Java heap is too small (" + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB; raise it with -Xmx)");
        }
        return Optional.empty();
    }

    private static boolean fits(long bytes, long used, long limit) {
        return bytes >= 0 && used <= limit && bytes <= limit - used; // a negative count is an overflow: too much
    }

    /**
     * Live data now, as far as it is known without a collection: the heap after the last one
     * (before any, the heap in use) and what this budget reserved that no collection has seen.
     */
    long liveBytes() {
        LiveHeap.AfterCollection last = LiveHeap.latest();
        long base = last.bytes() < 0 ? usedHeap() : last.bytes();
        long unseen = 0;
        List<Reserved> rs = reserved.get();
        // asked every few states: reservations are appended and all marked at once, so any
        // unmarked one makes the last one unmarked
        if (!rs.isEmpty() && rs.get(rs.size() - 1).allocatedBy() < 0) {
            rs = reserved.updateAndGet(now -> now.stream().map(r -> r.allocatedBy(last.collections())).toList());
        }
        for (Reserved r : rs) {
            if (r.unseenAfter(last.collections())) unseen = saturatedSum(unseen, r.bytes());
        }
        return saturatedSum(base, unseen);
    }

    private static long saturatedSum(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    private static final long GC_INTERVAL_NANOS = 5_000_000_000L;
    private static final AtomicLong lastForcedGc = new AtomicLong(System.nanoTime() - GC_INTERVAL_NANOS);

    /** Collects garbage unless the JVM did so on request in the last few seconds; whether it did. */
    private static boolean collectGarbageRarely() {
        long last = lastForcedGc.get();
        long now = System.nanoTime();
        if (now - last < GC_INTERVAL_NANOS || !lastForcedGc.compareAndSet(last, now)) return false;
        System.gc();
        return true;
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
