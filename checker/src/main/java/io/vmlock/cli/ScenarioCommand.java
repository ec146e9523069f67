package io.vmlock.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that reads scenarios: its input options, its streams and its usage errors. */
abstract class ScenarioCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

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

    /** Prints {@code vmlock COMMAND: problem}; returns the exit code of a usage error. */
    final int usageError(String problem) {
        err().println("vmlock " + spec.name() + ": " + problem);
        return ExitCodes.INVALID_INPUT;
    }
}
