package io.vmlock.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Check scenarios: parse, semantic checks, then the analyses. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check each FILE for deadlocks, hangs, sleeping in atomic context and broken invariants.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The .vmlock files to check.")
    List<Path> files;

    @Override
    public Integer call() {
        int worst = ExitCodes.CLEAN;
        for (Path file : files) {
            Compilation c = Compilation.of(file, input.loaderOptions());
            spec.commandLine().getErr().print(c.renderedDiagnostics());
            if (!c.ok()) {
                worst = Math.max(worst, ExitCodes.INVALID_INPUT);
                continue;
            }
            spec.commandLine().getOut().println(file + ": parsed and checked");
        }
        return worst;
    }
}
