package io.vmlock.pipeline;

import io.vmlock.explore.Explorer;
import io.vmlock.budget.Budget;
import io.vmlock.budget.StopSignal;
import io.vmlock.findings.CheckResult;
import io.vmlock.frontend.Loader;
import io.vmlock.graph.GraphBuild;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.ir.IrProgram;
import io.vmlock.lockorder.LockOrderAnalysis;
import io.vmlock.lockorder.OrderSynthesis;
import io.vmlock.report.ScenarioReport;
import io.vmlock.report.TestOutcome;
import java.io.InputStream;
import io.vmlock.findings.SearchStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The phases in order, once for everyone (commands, tests, benchmarks): {@link #compile} parses,
 * checks and (on demand) lowers a file; {@link #check} runs the lock-order graph pass and then
 * the search on the lowered program; {@link #report} and {@link #test} wrap the result for the
 * reports. Nothing here prints: diagnostics and findings come back as values.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /** Parse and semantic check; {@link Compilation#lower()} gives the lowered program. */
    public static Compilation compile(Path file, Loader.Options loading) {
        return Compilation.of(file, loading);
    }

    /** {@link #compile} of one scenario read from standard input, named {@code <stdin>}. */
    public static Compilation compileStandardInput(InputStream in, Loader.Options loading) {
        return Compilation.ofStandardInput(in, loading);
    }

    /** The checks of {@link #compile(Path, Loader.Options)} on a scenario already loaded (an editor's unsaved buffer). */
    public static Compilation compile(Loader.Loaded loaded) {
        return Compilation.checked(loaded);
    }

    /** The lock-order graph pass, then the interleaving search (unless graph only), on a budget starting now. */
    public static CheckResult check(IrProgram program, CheckOptions options) {
        return check(program, options, options.startBudget(new StopSignal()));
    }

    /**
     * The lock-order graph pass, then the interleaving search (unless graph only): the findings.
     * Under --first the search runs first, and the graph pass only when it met no finding or a
     * report draws the graph. Every phase shares {@code budget}; one that runs out, or out of
     * heap, makes the result incomplete.
     */
    public static CheckResult check(IrProgram program, CheckOptions options, Budget budget) {
        return GraphFirstCheck.run(program, options.search(), options.graphOnly(), options.graphSummary(), budget)
                .withObjectKinds(program.objectKinds());
    }

    /** {@link #check} as the reports see it, with the lock-order graph summary when asked. */
    public static ScenarioReport report(IrProgram program, CheckOptions options) {
        return report(program, options, options.startBudget(new StopSignal()));
    }

    public static ScenarioReport report(IrProgram program, CheckOptions options, Budget budget) {
        return withGraph(ScenarioReport.of(check(program, options, budget)), program, options);
    }

    /** {@link #report} with how the result meets the scenario's expect clauses ({@code vmlock test}). */
    public static ScenarioReport test(IrProgram program, CheckOptions options) {
        return test(program, options, options.startBudget(new StopSignal()));
    }

    public static ScenarioReport test(IrProgram program, CheckOptions options, Budget budget) {
        CheckResult r = check(program, options, budget);
        Optional<String> unmet = Expectations.unmet(program.expectations(), r);
        ScenarioReport s = ScenarioReport.of(r).withTest(new TestOutcome(
                program.expectations().stream().map(Object::toString).toList(), unmet));
        return withGraph(s, program, options);
    }

    /** A file of declarations only (a model library): no thread to run, nothing expected. */
    public static boolean isLibrary(IrProgram program) {
        return program.threads().isEmpty() && program.expectations().isEmpty();
    }

    /** The lock-order graph of every path, no interleaving ({@code vmlock graph}). */
    public static GraphBuild lockOrderGraph(IrProgram program) {
        return IrGraphBuilder.build(program);
    }

    /**
     * {@code vmlock order}: the check's graph pass and search, so that a cycle is "cyclic" exactly
     * when check does not dismiss it; then the fix set and the lock ordering.
     */
    public static Ordering order(IrProgram program, Explorer.Options search, long solverMillis) {
        GraphFirstCheck.Outcome check = GraphFirstCheck.outcome(program, search,
                CheckOptions.of(search).startBudget(new StopSignal()));
        OrderSynthesis.Result r = OrderSynthesis.run(check.graphPass(), check.refuted(),
                LockOrderAnalysis.declaredOrder(program), program.mainFile(), solverMillis);
        Optional<String> incomplete = check.graphPass().complete() ? check.result().incomplete()
                : Optional.of("a path walk or the cycle enumeration hit its bound; some cycles may be missing");
        return new Ordering(r, incomplete);
    }

    /** {@code incomplete} says why a cycle may be missing or undecided. */
    public record Ordering(OrderSynthesis.Result synthesis, Optional<String> incomplete) {
    }

    /**
     * A file's result that a phase could not finish (out of heap while parsing): incomplete,
     * nothing found, so that it still has its place in every report.
     */
    public static ScenarioReport stopped(String file, String why) {
        return ScenarioReport.of(new CheckResult(file, List.of(), new SearchStats(0, 0, 0, 0, 0, 0), Optional.of(why),
                List.of()));
    }

    /**
     * The graph summary walks what the graph pass walked: bounded by it when it finished in the
     * budget, and left out when it did not (it would take as long again).
     */
    private static ScenarioReport withGraph(ScenarioReport s, IrProgram program, CheckOptions options) {
        return s.result().graphPass().filter(g -> options.graphSummary())
                .map(g -> s.withGraph(GraphSummaries.of(program, g.dismissals()))).orElse(s);
    }
}
