package io.vmlock.cli;

import io.vmlock.explore.Explorer;
import io.vmlock.explore.Limits;
import picocli.CommandLine.Option;

/** Search order and limits, shared by the commands that explore. */
public final class SearchOptions {
    @Option(names = "--search", paramLabel = "ORDER", defaultValue = "bfs",
            description = "bfs (default: every trace is a shortest one) or dfs (less memory).")
    String search = "bfs";

    @Option(names = "--max-states", paramLabel = "N", description = "Stop after N stored states (default 10,000,000).")
    long maxStates = Limits.DEFAULT_MAX_STATES;

    @Option(names = "--max-seconds", paramLabel = "S", description = "Stop after S seconds of search (default 300).")
    long maxSeconds = Limits.DEFAULT_MAX_SECONDS;

    @Option(names = "--max-memory", paramLabel = "MIB",
            description = "Stop when the heap in use exceeds MIB mebibytes (default: 75%% of the maximum heap).")
    Long maxMemoryMib;

    public Explorer.Options explorerOptions() {
        Explorer.Order order = search.equalsIgnoreCase("dfs") ? Explorer.Order.DFS : Explorer.Order.BFS;
        long memory = maxMemoryMib != null ? maxMemoryMib << 20 : Limits.defaultMemory();
        return new Explorer.Options(order, new Limits(maxStates, maxSeconds, memory));
    }

    /** An unknown order is a usage error, reported before any file is read. */
    boolean valid() {
        return search.equalsIgnoreCase("bfs") || search.equalsIgnoreCase("dfs");
    }
}
