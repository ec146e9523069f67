package io.vmlock.cli;

import io.vmlock.budget.StopSignal;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that reads scenarios: its input options, its streams and its usage errors. */
abstract class ScenarioCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @ParentCommand
    Main vmlock;

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The first usage problem found, checked in the order given. */
    @SafeVarargs
    static Optional<String> firstProblem(Optional<String>... problems) {
        for (Optional<String> p : problems) {
            if (p.isPresent()) return p;
        }
        return Optional.empty();
    }

    /** Raised by SIGINT or SIGTERM: the file being checked stops and what is known is reported. */
    final StopSignal stop() {
        return vmlock.stop;
    }

    /** Prints {@code vmlock COMMAND: problem}; returns the exit code of a usage error. */
    final int usageError(String problem) {
        err().println("vmlock " + spec.name() + ": " + problem);
        return ExitCodes.INVALID_INPUT;
    }
}
