package io.vmlock.cli;

import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.CheckOptions;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.report.InvalidInput;
import io.vmlock.report.Report;
import io.vmlock.report.ScenarioReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Check scenarios: parse, semantic checks, the lock-order graph pass, then explore every
 * interleaving; report in every format asked.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check each FILE for deadlocks, hangs, sleeping in atomic context and broken invariants.")
final class CheckCommand extends ScenarioCommand {
    @Mixin
    SearchOptions search;

    @Mixin
    FirstOption first;

    @Mixin
    TerminalProgress.Options progress;

    @Mixin
    OutputOptions output;

    @Mixin
    BaselineOptions baseline;

    @Option(names = "--stats", description = "Also print states, transitions, depth, time and peak memory.")
    boolean stats;

    @Option(names = "--graph-only", description = "Run only the lock-order graph pass (no interleaving search): "
            + "feasible lock-order cycles are reported as potential deadlocks.")
    boolean graphOnly;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = {"The .vmlock files to check; a folder stands for "
            + "the .vmlock files under it (sorted; model libraries skipped), - for one scenario on standard input."})
    List<Path> files;

    @Override
    public Integer call() {
        ScenarioInputs.Expanded inputs = ScenarioInputs.inOrder(files);
        Optional<String> usage = firstProblem(output.problem(), search.problem(), inputs.problem(),
                OutputTargets.problem(targets(), inputFiles(inputs)));
        if (usage.isPresent()) return usageError(usage.get());
        if (!baseline.load(err())) return ExitCodes.INVALID_INPUT;
        var searchOptions = first.applyTo(search.explorerOptions(stats)).withProgress(progress.on(err()));
        CheckOptions options = new CheckOptions(searchOptions, graphOnly, output.needsGraph());
        List<ScenarioReport> scenarios = new ArrayList<>();
        List<InvalidInput> invalid = new ArrayList<>();
        boolean findings = false;
        boolean incomplete = false;
        for (ScenarioInputs.Scenario file : inputs.scenarios()) {
            Optional<ScenarioReport> checked = check(file, options, invalid);
            if (checked.isEmpty()) continue;
            ScenarioReport s = checked.get();
            scenarios.add(s);
            findings |= !s.result().findings().isEmpty();
            incomplete |= !s.result().complete();
        }
        Report report = new Report("check", VersionProvider.toolVersion(), scenarios, stats, Path.of(""),
                ModelPath.onDisk(input.loaderOptions().modelsDir()), baseline.known(), invalid);
        if (!output.write(report, out(), err())) return ExitCodes.INVALID_INPUT;
        int found = baseline.apply(report, findings ? ExitCodes.FINDINGS : ExitCodes.CLEAN, err());
        int invalidCode = invalid.isEmpty() ? ExitCodes.CLEAN : ExitCodes.INVALID_INPUT;
        // as before: the worst code wins, and an incomplete search is never reported as clean
        return Math.max(Math.max(invalidCode, found), incomplete ? ExitCodes.INCOMPLETE : ExitCodes.CLEAN);
    }

    private List<OutputTargets.Target> targets() {
        List<OutputTargets.Target> all = new ArrayList<>(output.targets());
        all.addAll(baseline.targets());
        return all;
    }

    private List<Path> inputFiles(ScenarioInputs.Expanded inputs) {
        List<Path> all = new ArrayList<>(inputs.scenarios().stream().map(ScenarioInputs.Scenario::path).toList());
        all.addAll(baseline.inputs());
        return all;
    }

    /**
     * One file on a budget of its own, parsing included; empty when it is invalid. Running out of
     * heap ends only this file, incomplete: the other files and every report still follow.
     */
    /** One file on a budget of its own, parsing included; running out of heap fails only this file, as incomplete. */
    private Optional<ScenarioReport> check(ScenarioInputs.Scenario file, CheckOptions options, List<InvalidInput> invalid) {
        Budget budget = options.startBudget(stop());
        Optional<IrProgram> program = Optional.empty();
        try {
            Optional<InputOptions.Lowered> lowered = input.scenario(file, invalid, err());
            program = lowered.map(InputOptions.Lowered::program);
            return lowered.map(l -> Pipeline.report(l.program(), options, budget).withSources(l.sources()));
        } catch (OutOfMemoryError e) {
            String name = program.map(IrProgram::mainFile).orElse(file.shown());
            return Optional.of(Pipeline.stopped(name, Budget.outOfMemory(program.isEmpty() ? Phase.PARSE : Phase.REPORT)));
        }
    }
}
