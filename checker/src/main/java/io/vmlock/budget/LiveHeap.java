package io.vmlock.budget;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The heap left after the JVM's last garbage collection: live data then, not the garbage the
 * heap in use also counts (in a JVM shared by many files or a test suite, mostly garbage). Read
 * from the collectors' own record of their last collection, which sums every heap pool as the
 * collection left it (a pool's collection usage alone is not enough: G1 updates its old
 * generation's only on mixed and full collections). Cached per collection count, as it is asked
 * every few states.
 */
final class LiveHeap {
    /** {@code bytes} after collection number {@code collections}; -1 bytes before any collection. */
    record AfterCollection(long collections, long bytes) {
    }

    private static final List<com.sun.management.GarbageCollectorMXBean> COLLECTORS =
            ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .filter(com.sun.management.GarbageCollectorMXBean.class::isInstance)
                    .map(com.sun.management.GarbageCollectorMXBean.class::cast).toList();
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private static volatile AfterCollection last = new AfterCollection(-1, -1);

    private LiveHeap() {
    }

    /** The latest collection's figure. */
    static AfterCollection latest() {
        long collections = collections();
        AfterCollection known = last;
        if (known.collections() == collections) return known;
        AfterCollection now = new AfterCollection(collections, heapAfterLatestCollection());
        last = now;
        return now;
    }

    private static long collections() {
        long n = 0;
        for (var c : COLLECTORS) n += Math.max(0, c.getCollectionCount());
        return n;
    }

    private static long heapAfterLatestCollection() {
        com.sun.management.GcInfo latest = null;
        for (var c : COLLECTORS) {
            com.sun.management.GcInfo info = c.getLastGcInfo();
            if (info != null && (latest == null || info.getEndTime() >= latest.getEndTime())) latest = info;
        }
        if (latest == null) return -1;
        long bytes = 0;
        for (Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet()) {
            if (HEAP_POOLS.contains(pool.getKey())) bytes += pool.getValue().getUsed();
        }
        return bytes;
    }
}
