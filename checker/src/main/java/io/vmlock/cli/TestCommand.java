package io.vmlock.cli;

import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.CheckOptions;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Expectations;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.report.Report;
import io.vmlock.report.ScenarioReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Runs every scenario under the given paths and checks its findings against its expect clauses. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Check every .vmlock file under each PATH against its expect clauses; "
                + "files that declare no thread and no expect (model libraries) are skipped.")
final class TestCommand extends ScenarioCommand {
    @Mixin
    SearchOptions search;

    @Mixin
    OutputOptions output;

    /** What the reports asked for with --format show: each scenario with how it met its expectations. */
    private final List<ScenarioReport> reports = new ArrayList<>();

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders (searched recursively).")
    List<Path> paths;

    @Override
    public Integer call() {
        Optional<String> usage = output.problem();
        if (!search.valid() || usage.isPresent()) return usageError(usage.orElse("--search is bfs or dfs"));
        CheckOptions options = CheckOptions.of(search.explorerOptions()).withGraphSummary(output.needsGraph());
        PrintWriter out = out();
        int passed = 0;
        int failed = 0;
        for (Path file : scenarios()) {
            Optional<String> line = run(file, options);
            if (line.isEmpty()) continue;
            out.println(line.get());
            out.flush();
            if (line.get().startsWith("PASS")) passed++;
            else failed++;
        }
        out.println(passed + " passed, " + failed + " failed");
        Report report = new Report("test", VersionProvider.toolVersion(), reports, false, Path.of(""));
        if (output.given() && !output.write(report, out, err())) return ExitCodes.INVALID_INPUT;
        return failed == 0 ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }

    private List<Path> scenarios() {
        TreeSet<Path> files = new TreeSet<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                files.add(p.normalize());
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(f -> f.toString().endsWith(Loader.EXTENSION) && Files.isRegularFile(f))
                        .forEach(f -> files.add(f.normalize()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ArrayList<>(files);
    }

    /**
     * The file's PASS/FAIL line, or empty for a model library; on a budget of its own, parsing
     * included. Running out of heap fails only this file, as incomplete.
     */
    private Optional<String> run(Path file, CheckOptions options) {
        Budget budget = options.startBudget(stop());
        Optional<IrProgram> lowered = Optional.empty();
        ScenarioReport s;
        try {
            Compilation c = Pipeline.compile(file, input.loaderOptions());
            if (!c.ok()) {
                err().print(c.renderedDiagnostics());
                return Optional.of("FAIL " + file + ": invalid input");
            }
            lowered = c.lower();
            if (Pipeline.isLibrary(lowered.orElseThrow())) return Optional.empty();
            s = Pipeline.test(lowered.get(), options, budget);
        } catch (OutOfMemoryError e) {
            String why = Budget.outOfMemory(lowered.isEmpty() ? Phase.PARSE : Phase.REPORT);
            s = Pipeline.stopped(lowered.map(IrProgram::mainFile).orElse(file.toString()), why);
            s = s.withTest(new io.vmlock.report.TestOutcome(List.of(), Optional.of("search incomplete: " + why)));
        }
        reports.add(s);
        Optional<String> unmet = s.test().orElseThrow().unmet();
        if (unmet.isPresent()) return Optional.of("FAIL " + file + ": " + unmet.get());
        return Optional.of("PASS " + file + " (" + Expectations.describe(s.result()) + ")");
    }
}
