package io.vmlock.cli;

import io.vmlock.budget.Budget;
import io.vmlock.explore.Explorer;
import io.vmlock.explore.Limits;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Search order, limits and engine settings, shared by the commands that explore. */
public final class SearchOptions {
    @Option(names = "--search", paramLabel = "ORDER", defaultValue = "bfs",
            description = "bfs (default: every trace is a shortest one) or dfs (less memory).")
    String search = "bfs";

    /** More threads than this only contend: the machines vmlock runs on have far fewer cores. */
    static final int MAX_THREADS = 256;
    /**
     * The largest --max-memory: 16 TiB, more than any Java heap this runs on, and far from where
     * a byte count overflows a long; a larger value is a typo or an overflow, not a cap.
     */
    static final long MAX_MEMORY_MIB = 1L << 24;
    /** The largest --preemptions: far more than any scenario's runs have, so in effect no bound. */
    static final long MAX_PREEMPTIONS = 1_000_000;

    @Option(names = "--max-states", paramLabel = "N", converter = Count.class,
            description = "Stop after N stored states (default 10,000,000).")
    long maxStates = Limits.DEFAULT_MAX_STATES;

    @Option(names = "--max-seconds", paramLabel = "S", converter = Count.class,
            description = "Stop each file's check after S seconds, every phase together (default 300).")
    long maxSeconds = Limits.DEFAULT_MAX_SECONDS;

    @Option(names = "--max-memory", paramLabel = "MIB", converter = Count.class,
            description = "Stop a file's check when live data (the heap after garbage collection) would exceed MIB "
                    + "mebibytes, at most 16 TiB (default: 75%% of the maximum heap).")
    Long maxMemoryMib;

    @Option(names = "--threads", paramLabel = "N", converter = Count.class,
            description = "Breadth-first search on N threads, 1 to " + MAX_THREADS
                    + " (default: one per core); the result does not depend on N.")
    Long threads;

    @Option(names = "--hash-compact",
            description = "Store an 8-byte hash per state instead of the state; the result says how likely a state was missed.")
    boolean hashCompact;

    @Option(names = "--no-por",
            description = "No partial-order reduction (it never changes the findings; traces stay shortest).")
    boolean noPartialOrder;

    @Option(names = "--no-symmetry", description = "No symmetry reduction of replicated threads.")
    boolean noSymmetry;

    @Option(names = "--no-dead-values",
            description = "No dead-value reduction (a thread's locals and per-thread variables reset where no path reads them again).")
    boolean noDeadValues;

    @Option(names = "--no-chains", hidden = true,
            description = "Under partial-order reduction, store every state of a run of single moves too (for measuring vmlock).")
    boolean noChains;

    @Option(names = "--preemptions", paramLabel = "K", converter = Count.class,
            description = "Explore only the runs in which the scheduler preempts a thread that could still move at most K "
                    + "times (an interrupt arriving counts as one): findings are real, but with none the result is "
                    + "incomplete, never clean. No partial-order reduction then, unless --reduced-bound.")
    Long preemptions;

    @Option(names = "--reduced-bound",
            description = "With --preemptions K: bound the runs of the partial-order reduced graph instead of every run "
                    + "(far fewer states; may miss findings the exact bound finds with the same K).")
    boolean reducedBound;

    @Option(names = "--no-reductions", description = "No reduction: every state of the scenario is stored.")
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
        int n = threads != null ? threads.intValue() : Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        var reductions = new Explorer.Reductions(!noReductions && !noPartialOrder, !noReductions && !noSymmetry,
                !noReductions && !noDeadValues, !noReductions && !noPartialOrder && !noChains);
        return new Explorer.Options(order, new Limits(maxStates, maxSeconds, memory), e, n, hashCompact, reductions,
                explain).withPreemptions(preemptions == null ? Explorer.Options.UNBOUNDED : preemptions.intValue())
                .withReducedBound(reducedBound);
    }

    /** An unknown order or engine, or a count out of its range, is a usage error, reported before any file is read. */
    Optional<String> problem() {
        if (!search.equalsIgnoreCase("bfs") && !search.equalsIgnoreCase("dfs")) {
            return Optional.of("--search is bfs or dfs, not '" + search + "'");
        }
        if (!engine.equalsIgnoreCase("compiled") && !engine.equalsIgnoreCase("reference")) {
            return Optional.of("--engine is compiled or reference, not '" + engine + "'");
        }
        if (threads != null && (threads < 1 || threads > MAX_THREADS)) {
            return Optional.of("--threads is from 1 to " + MAX_THREADS + ", not " + threads);
        }
        if (preemptions != null) {
            if (preemptions < 0 || preemptions > MAX_PREEMPTIONS) {
                return Optional.of("--preemptions is from 0 to " + MAX_PREEMPTIONS + ", not " + preemptions);
            }
            // traces of hash-compacted states are found by their hashes, which the bound's word
            // changes (Explorer.Options); the reference engine has no bound
            if (hashCompact) return Optional.of("--preemptions cannot be used with --hash-compact");
            if (engine.equalsIgnoreCase("reference")) return Optional.of("--preemptions needs the compiled engine");
        }
        if (reducedBound) {
            // the reduced bound is the exact one on a reduced graph: without one it would be the exact bound, unasked
            if (preemptions == null) return Optional.of("--reduced-bound needs --preemptions");
            if (noReductions || noPartialOrder) {
                return Optional.of("--reduced-bound cannot be used with --no-" + (noReductions ? "reductions" : "por"));
            }
            if (search.equalsIgnoreCase("dfs")) return Optional.of("--reduced-bound needs breadth-first search");
        }
        if (maxMemoryMib != null && maxMemoryMib > MAX_MEMORY_MIB) {
            return Optional.of("--max-memory " + maxMemoryMib + " is too large (at most " + MAX_MEMORY_MIB + " MiB, 16 TiB)");
        }
        for (var limit : List.of(Map.entry("--max-states", maxStates), Map.entry("--max-seconds", maxSeconds),
                Map.entry("--max-memory", maxMemoryMib == null ? 1L : maxMemoryMib))) {
            if (limit.getValue() < 1) return Optional.of(limit.getKey() + " must be at least 1, not " + limit.getValue());
        }
        return Optional.empty();
    }

    /** A whole number; one past the range of a long is "too large", not a parse error. */
    static final class Count implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            BigInteger n;
            try {
                n = new BigInteger(value.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
            }
            if (n.bitLength() > 63) {
                throw new CommandLine.TypeConversionException("'" + value + "' is too " + (n.signum() < 0 ? "small" : "large"));
            }
            return n.longValue();
        }
    }
}
