package io.vmlock.cli;

import io.vmlock.budget.Budget;
import io.vmlock.explore.Explorer;
import io.vmlock.explore.Limits;
import picocli.CommandLine.Option;

/** Search order, limits and engine settings, shared by the commands that explore. */
public final class SearchOptions {
    @Option(names = "--search", paramLabel = "ORDER", defaultValue = "bfs",
            description = "bfs (default: every trace is a shortest one) or dfs (less memory).")
    String search = "bfs";

    @Option(names = "--max-states", paramLabel = "N", description = "Stop after N stored states (default 10,000,000).")
    long maxStates = Limits.DEFAULT_MAX_STATES;

    @Option(names = "--max-seconds", paramLabel = "S", description = "Stop each file's check after S seconds, every phase together (default 300).")
    long maxSeconds = Limits.DEFAULT_MAX_SECONDS;

    @Option(names = "--max-memory", paramLabel = "MIB",
            description = "Stop a file's check when the heap in use would exceed MIB mebibytes (default: 75%% of the maximum heap).")
    Long maxMemoryMib;

    @Option(names = "--threads", paramLabel = "N",
            description = "Breadth-first search on N threads (default: one per core); the result does not depend on N.")
    Integer threads;

    @Option(names = "--hash-compact",
            description = "Store an 8-byte hash per state instead of the state; the result says how likely a state was missed.")
    boolean hashCompact;

    @Option(names = "--no-por",
            description = "No partial-order reduction (it never changes the findings; traces stay shortest).")
    boolean noPartialOrder;

    @Option(names = "--no-symmetry", description = "No symmetry reduction of replicated threads.")
    boolean noSymmetry;

    @Option(names = "--no-reductions", description = "Neither reduction: every state of the scenario is stored.")
    boolean noReductions;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "compiled", hidden = true,
            description = "compiled (default) or reference: the successor function that runs (for testing vmlock).")
    String engine = "compiled";

    public Explorer.Options explorerOptions() {
        return explorerOptions(false);
    }

    /** {@code explain}: notes on how the search went (with --stats). */
    public Explorer.Options explorerOptions(boolean explain) {
        Explorer.Order order = search.equalsIgnoreCase("dfs") ? Explorer.Order.DFS : Explorer.Order.BFS;
        long memory = maxMemoryMib != null ? Budget.mebibytes(maxMemoryMib) : Limits.defaultMemory();
        Explorer.Engine e = engine.equalsIgnoreCase("reference") ? Explorer.Engine.REFERENCE : Explorer.Engine.COMPILED;
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        var reductions = new Explorer.Reductions(!noReductions && !noPartialOrder, !noReductions && !noSymmetry);
        return new Explorer.Options(order, new Limits(maxStates, maxSeconds, memory), e, n, hashCompact, reductions,
                explain);
    }

    /** An unknown order or engine, or no thread, is a usage error, reported before any file is read. */
    boolean valid() {
        boolean order = search.equalsIgnoreCase("bfs") || search.equalsIgnoreCase("dfs");
        boolean eng = engine.equalsIgnoreCase("compiled") || engine.equalsIgnoreCase("reference");
        return order && eng && (threads == null || threads >= 1);
    }
}
