package io.vmlock.cli;

import io.vmlock.ir.IrProgram;
import io.vmlock.report.Report;
import io.vmlock.report.ScenarioReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Check scenarios: parse, semantic checks, the lock-order graph pass, then explore every
 * interleaving; report in every format asked.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check each FILE for deadlocks, hangs, sleeping in atomic context and broken invariants.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

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
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> usage = output.problem();
        if (!search.valid() || usage.isPresent()) {
            err.println("vmlock check: " + usage.orElse("--search is bfs or dfs, --threads at least 1"));
            return ExitCodes.INVALID_INPUT;
        }
        ScenarioRun run = new ScenarioRun(input, search, output.needsGraph(), err).graphOnly(graphOnly).explain(stats);
        List<ScenarioReport> scenarios = new ArrayList<>();
        int invalid = ExitCodes.CLEAN;
        boolean findings = false;
        boolean incomplete = false;
        for (Path file : files) {
            Optional<IrProgram> program = run.lower(file);
            if (program.isEmpty()) {
                invalid = ExitCodes.INVALID_INPUT;
                continue;
            }
            ScenarioReport s = run.check(program.get());
            scenarios.add(s);
            findings |= !s.result().findings().isEmpty();
            incomplete |= !s.result().complete();
        }
        Report report = new Report("check", ScenarioRun.toolVersion(), scenarios, stats, Path.of(""));
        if (!output.write(report, spec.commandLine().getOut(), err)) return ExitCodes.INVALID_INPUT;
        int found = baseline.apply(report, findings ? ExitCodes.FINDINGS : ExitCodes.CLEAN, err);
        // as before: the worst code wins, and an incomplete search is never reported as clean
        return Math.max(Math.max(invalid, found), incomplete ? ExitCodes.INCOMPLETE : ExitCodes.CLEAN);
    }
}
