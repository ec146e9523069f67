package io.vmlock.cli;

import io.vmlock.explore.Explorer;
import io.vmlock.findings.CheckResult;
import io.vmlock.ir.Lowering;
import io.vmlock.report.LockdepReport;
import io.vmlock.report.TextReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Check scenarios: parse, semantic checks, then explore every interleaving. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check each FILE for deadlocks, hangs, sleeping in atomic context and broken invariants.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    SearchOptions search;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or lockdep (the \"Possible unsafe locking scenario\" table).")
    String format;

    @Option(names = "--stats", description = "Also print states, transitions, depth, time and peak memory.")
    boolean stats;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The .vmlock files to check.")
    List<Path> files;

    @Override
    public Integer call() {
        if (!search.valid() || !(format.equals("text") || format.equals("lockdep"))) {
            spec.commandLine().getErr().println("vmlock check: --search is bfs or dfs, --threads at least 1, --format is text or lockdep");
            return ExitCodes.INVALID_INPUT;
        }
        int worst = ExitCodes.CLEAN;
        for (Path file : files) worst = Math.max(worst, check(file));
        return worst;
    }

    private int check(Path file) {
        Compilation c = Compilation.of(file, input.loaderOptions());
        spec.commandLine().getErr().print(c.renderedDiagnostics());
        if (!c.ok()) return ExitCodes.INVALID_INPUT;
        CheckResult r = Explorer.check(Lowering.lower(c.program().get()), search.explorerOptions(stats));
        spec.commandLine().getOut().print(format.equals("lockdep") ? LockdepReport.render(r) : TextReport.render(r, stats));
        spec.commandLine().getOut().flush();
        return exitCode(r);
    }

    static int exitCode(CheckResult r) {
        if (!r.complete()) return ExitCodes.INCOMPLETE;
        return r.findings().isEmpty() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }
}
