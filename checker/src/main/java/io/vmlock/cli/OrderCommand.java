package io.vmlock.cli;

import io.vmlock.lockorder.OrderText;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The lock ordering of a scenario, and the least change that breaks the cycles check finds. */
@Command(name = "order", mixinStandardHelpOptions = true,
        description = {"Print the lock ordering of FILE as the \"Lock ordering\" comment of mm/filemap.c: each lock "
                + "under each lock it is taken in, with its mode, the function that nests it and the fault or reclaim "
                + "it is reached through.",
                "Runs check's graph pass and search: a lock-order cycle check dismisses (instances differ, read/read, "
                + "no interleaving closes it) is listed with its reason, not as a cycle. For the cycles that can close, "
                + "first print the least set of acquisitions to change (the scenario's code before the model "
                + "library's, never a declared order), with their source positions and the solver's status.",
                "Exit 0 when no cycle can close and no declared order is broken, 1 otherwise, 3 when incomplete."})
final class OrderCommand extends FileCommand {
    @Mixin
    SearchOptions search;

    @Option(names = "--solver-seconds", paramLabel = "N", defaultValue = "10",
            description = "Time for the fix-set search (default: ${DEFAULT-VALUE}).")
    int solverSeconds;

    @Override
    Optional<String> problem() {
        if (solverSeconds < 1) return Optional.of("--solver-seconds must be at least 1, not " + solverSeconds);
        return search.problem();
    }

    @Override
    int run(Compilation compiled) {
        Pipeline.Ordering order = Pipeline.order(compiled.lower().orElseThrow(), search.explorerOptions(),
                solverSeconds * 1000L);
        out().print(OrderText.render(order.synthesis()));
        int found = order.synthesis().hasFindings() ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
        if (order.incomplete().isPresent()) {
            out().println("incomplete: " + order.incomplete().get());
            return Math.max(found, ExitCodes.INCOMPLETE);
        }
        return found;
    }
}
