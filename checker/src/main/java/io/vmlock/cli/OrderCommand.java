package io.vmlock.cli;

import io.vmlock.lockorder.OrderText;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Synthesize the lock hierarchy of a scenario, or the minimum fix set when it is cyclic. */
@Command(name = "order", mixinStandardHelpOptions = true,
        description = {"Print the lock hierarchy of FILE as a kernel \"Lock ordering\" comment: each lock under the "
                + "lock it nests in, with the functions that nest it.",
                "When the lock-order graph is cyclic, first print the minimum set of acquisitions to change "
                + "(weighted by the paths using them), with their source positions and the solver's optimality status.",
                "Exit 0 when acyclic, 1 when cyclic."})
final class OrderCommand extends FileCommand {
    @Option(names = "--solver-seconds", paramLabel = "N", defaultValue = "10",
            description = "Time for the fix-set search per strongly connected component (default: ${DEFAULT-VALUE}).")
    int solverSeconds;

    @Override
    Optional<String> problem() {
        return solverSeconds < 1 ? Optional.of("--solver-seconds must be at least 1, not " + solverSeconds) : Optional.empty();
    }

    @Override
    int run(Compilation compiled) {
        Pipeline.Ordering order = Pipeline.order(compiled.lower().orElseThrow(), solverSeconds * 1000L);
        out().print(OrderText.render(order.synthesis()));
        if (!order.complete()) {
            out().println("incomplete: a path walk hit its state bound; some edges may be missing");
            return ExitCodes.INCOMPLETE;
        }
        return order.synthesis().cyclic() ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
    }
}
