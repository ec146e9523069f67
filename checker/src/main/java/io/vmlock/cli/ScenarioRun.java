package io.vmlock.cli;

import io.vmlock.findings.CheckResult;
import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.Lowering;
import io.vmlock.lockorder.GraphFirstCheck;
import io.vmlock.report.ScenarioReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Compile, lower and check one file (the graph pass, then the search), adding the lock-order
 * graph summary when a report shows it: what check, test and diff do per file. Diagnostics go
 * to {@code err}; an invalid file gives no report.
 */
final class ScenarioRun {
    private final Loader.Options loading;
    private final SearchOptions search;
    private final boolean graph;
    private final PrintWriter err;
    private boolean graphOnly;
    private boolean explain;

    ScenarioRun(InputOptions input, SearchOptions search, boolean graph, PrintWriter err) {
        this(input.loaderOptions(), search, graph, err);
    }

    private ScenarioRun(Loader.Options loading, SearchOptions search, boolean graph, PrintWriter err) {
        this.loading = loading;
        this.search = search;
        this.graph = graph;
        this.err = err;
    }

    /** Only the lock-order graph pass, no interleaving search ({@code check --graph-only}). */
    ScenarioRun graphOnly(boolean only) {
        this.graphOnly = only;
        return this;
    }

    /** Notes on how the search went (reductions applied), as {@code --stats} shows. */
    ScenarioRun explain(boolean on) {
        this.explain = on;
        return this;
    }

    /** The same run with another model library: the old side of a diff keeps its own models. */
    ScenarioRun withModels(Path models) {
        Loader.Options other = new Loader.Options(loading.includeDirs(), Optional.of(models), loading.displayRoot());
        return new ScenarioRun(other, search, graph, err).graphOnly(graphOnly).explain(explain);
    }

    /** The lowered program of a file that compiles, else empty (its diagnostics printed). */
    Optional<IrProgram> lower(Path file) {
        Compilation c = Compilation.of(file, loading);
        err.print(c.renderedDiagnostics());
        err.flush();
        return c.program().map(Lowering::lower);
    }

    ScenarioReport check(IrProgram program) {
        CheckResult r = GraphFirstCheck.run(program, search.explorerOptions(explain), graphOnly);
        ScenarioReport s = ScenarioReport.of(r);
        return graph ? s.withGraph(GraphSummaries.of(program)) : s;
    }

    /** A file of declarations only (a model library): no thread to run, nothing expected. */
    static boolean isLibrary(IrProgram program) {
        return program.threads().isEmpty() && program.expectations().isEmpty();
    }

    static String toolVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build";
    }
}
