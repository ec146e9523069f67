package io.vmlock.cli;

import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.CheckOptions;
import io.vmlock.pipeline.Expectations;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.report.InvalidInput;
import io.vmlock.report.Report;
import io.vmlock.report.ScenarioReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Runs every scenario under the given paths and checks its findings against its expect clauses. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Check every .vmlock file under each PATH against its expect clauses; "
                + "files found in folders that declare no thread and no expect (model libraries) are skipped.")
final class TestCommand extends ScenarioCommand {
    @Mixin
    SearchOptions search;

    @Mixin
    FirstOption first;

    @Mixin
    TerminalProgress.Options progress;

    @Mixin
    OutputOptions output;

    /** What the reports asked for with --format show: each scenario with how it met its expectations. */
    private final List<ScenarioReport> reports = new ArrayList<>();
    private final List<InvalidInput> invalid = new ArrayList<>();
    private boolean incomplete;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Files or folders (searched recursively); - for one scenario on standard input.")
    List<Path> paths;

    @Override
    public Integer call() {
        ScenarioInputs.Expanded inputs = ScenarioInputs.sorted(paths);
        List<Path> files = inputs.scenarios().stream().map(ScenarioInputs.Scenario::path).toList();
        Optional<String> usage = firstProblem(output.problem(), search.problem(), inputs.problem(),
                OutputTargets.problem(output.targets(), files));
        if (usage.isPresent()) return usageError(usage.get());
        var searchOptions = first.applyTo(search.explorerOptions()).withProgress(progress.on(err()));
        CheckOptions options = CheckOptions.of(searchOptions).withGraphSummary(output.needsGraph());
        PrintWriter out = out();
        int passed = 0;
        int failed = 0;
        for (ScenarioInputs.Scenario file : inputs.scenarios()) {
            Optional<String> line = run(file, options);
            if (line.isEmpty()) continue;
            out.println(line.get());
            out.flush();
            if (line.get().startsWith("PASS")) passed++;
            else failed++;
        }
        out.println(passed + " passed, " + failed + " failed");
        Report report = new Report("test", VersionProvider.toolVersion(), reports, false, Path.of(""),
                ModelPath.onDisk(input.loaderOptions().modelsDir()), Optional.empty(), invalid);
        if (output.given() && !output.write(report, out, err())) return ExitCodes.INVALID_INPUT;
        // the worst wins, as under check: an incomplete search (3), invalid input (2), an unmet expectation (1)
        int unmet = failed > invalid.size() ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
        int bad = invalid.isEmpty() ? ExitCodes.CLEAN : ExitCodes.INVALID_INPUT;
        return Math.max(Math.max(unmet, bad), incomplete ? ExitCodes.INCOMPLETE : ExitCodes.CLEAN);
    }

    /**
     * The file's PASS/FAIL line, or empty for a model library found in a folder; on a budget of
     * its own, parsing included. Running out of heap fails only this file, as incomplete.
     */
    private Optional<String> run(ScenarioInputs.Scenario file, CheckOptions options) {
        Budget budget = options.startBudget(stop());
        int invalidBefore = invalid.size();
        Optional<IrProgram> ir = Optional.empty();
        ScenarioReport s;
        try {
            Optional<InputOptions.Lowered> lowered = input.scenario(file, invalid, err());
            ir = lowered.map(InputOptions.Lowered::program);
            if (invalid.size() > invalidBefore) return Optional.of("FAIL " + file.shown() + ": invalid input");
            if (lowered.isEmpty()) return Optional.empty();
            s = Pipeline.test(ir.get(), options, budget).withSources(lowered.get().sources());
        } catch (OutOfMemoryError e) {
            String why = Budget.outOfMemory(ir.isEmpty() ? Phase.PARSE : Phase.REPORT);
            s = Pipeline.stopped(ir.map(IrProgram::mainFile).orElse(file.shown()), why);
            s = s.withTest(new io.vmlock.report.TestOutcome(List.of(), Optional.of("search incomplete: " + why)));
        }
        reports.add(s);
        Optional<String> unmet = s.test().orElseThrow().unmet();
        if (unmet.isEmpty()) return Optional.of("PASS " + file.shown() + " (" + Expectations.describe(s.result()) + ")");
        incomplete |= !s.result().complete();
        return Optional.of("FAIL " + file.shown() + ": " + unmet.get());
    }
}
