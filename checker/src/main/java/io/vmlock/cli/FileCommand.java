package io.vmlock.cli;

import io.vmlock.pipeline.Compilation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Parameters;

/**
 * A command on one scenario file (parse, graph, order, export): FILE is compiled with its
 * diagnostics printed, an invalid one is a usage error, and only a valid one reaches {@link #run}.
 */
abstract class FileCommand extends ScenarioCommand {
    @Parameters(paramLabel = "FILE", description = "The .vmlock file; - for standard input.")
    Path file;

    @Override
    public final Integer call() throws IOException {
        Optional<String> usage = problem();
        if (usage.isPresent()) return usageError(usage.get());
        Optional<Compilation> c = input.compile(file, err());
        return c.isPresent() ? run(c.get()) : ExitCodes.INVALID_INPUT;
    }

    /** A usage error of the command's own options, found before FILE is read. */
    Optional<String> problem() {
        return Optional.empty();
    }

    /** The command on a file that compiles; returns the exit code. */
    abstract int run(Compilation compiled) throws IOException;
}
