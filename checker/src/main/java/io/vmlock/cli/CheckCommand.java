package io.vmlock.cli;

import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.CheckOptions;
import io.vmlock.pipeline.Pipeline;
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
    OutputOptions output;

    @Mixin
    BaselineOptions baseline;

    @Option(names = "--stats", description = "Also print states, transitions, depth, time and peak memory.")
    boolean stats;

    @Option(names = "--graph-only", description = "Run only the lock-order graph pass (no interleaving search): "
            + "feasible lock-order cycles are reported as potential deadlocks.")
    boolean graphOnly;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The .vmlock files to check.")
    List<Path> files;

    @Override
    public Integer call() {
        Optional<String> usage = output.problem();
        if (!search.valid() || usage.isPresent()) {
            return usageError(usage.orElse("--search is bfs or dfs, --threads at least 1"));
        }
        CheckOptions options = new CheckOptions(search.explorerOptions(stats), graphOnly, output.needsGraph());
        List<ScenarioReport> scenarios = new ArrayList<>();
        int invalid = ExitCodes.CLEAN;
        boolean findings = false;
        boolean incomplete = false;
        for (Path file : files) {
            Optional<ScenarioReport> checked = check(file, options);
            if (checked.isEmpty()) {
                invalid = ExitCodes.INVALID_INPUT;
                continue;
            }
            ScenarioReport s = checked.get();
            scenarios.add(s);
            findings |= !s.result().findings().isEmpty();
            incomplete |= !s.result().complete();
        }
        Report report = new Report("check", VersionProvider.toolVersion(), scenarios, stats, Path.of(""));
        if (!output.write(report, out(), err())) return ExitCodes.INVALID_INPUT;
        int found = baseline.apply(report, findings ? ExitCodes.FINDINGS : ExitCodes.CLEAN, err());
        // as before: the worst code wins, and an incomplete search is never reported as clean
        return Math.max(Math.max(invalid, found), incomplete ? ExitCodes.INCOMPLETE : ExitCodes.CLEAN);
    }

    /**
     * One file on a budget of its own, parsing included; empty when it is invalid. Running out of
     * heap ends only this file, incomplete: the other files and every report still follow.
     */
    private Optional<ScenarioReport> check(Path file, CheckOptions options) {
        Budget budget = options.startBudget(stop());
        Optional<IrProgram> program = Optional.empty();
        try {
            program = input.lower(file, err());
            return program.map(p -> Pipeline.report(p, options, budget));
        } catch (OutOfMemoryError e) {
            String name = program.map(IrProgram::mainFile).orElse(file.toString());
            return Optional.of(Pipeline.stopped(name, Budget.outOfMemory(program.isEmpty() ? Phase.PARSE : Phase.REPORT)));
        }
    }
}
