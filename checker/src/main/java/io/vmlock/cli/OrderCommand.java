package io.vmlock.cli;

import io.vmlock.graph.GraphBuild;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.ir.Lowering;
import io.vmlock.lockorder.OrderSynthesis;
import io.vmlock.lockorder.OrderText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Synthesize the lock hierarchy of a scenario, or the minimum fix set when it is cyclic. */
@Command(name = "order", mixinStandardHelpOptions = true,
        description = {"Print the lock hierarchy of FILE as a kernel \"Lock ordering\" comment: each lock under the "
                + "lock it nests in, with the functions that nest it.",
                "When the lock-order graph is cyclic, first print the minimum set of acquisitions to change "
                + "(weighted by the paths using them), with their source positions and the solver's optimality status.",
                "Exit 0 when acyclic, 1 when cyclic."})
final class OrderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--solver-seconds", paramLabel = "N", defaultValue = "10",
            description = "Time for the fix-set search per strongly connected component (default: ${DEFAULT-VALUE}).")
    int solverSeconds;

    @Parameters(paramLabel = "FILE", description = "The .vmlock file.")
    Path file;

    @Override
    public Integer call() {
        Compilation c = Compilation.of(file, input.loaderOptions());
        spec.commandLine().getErr().print(c.renderedDiagnostics());
        if (!c.ok()) return ExitCodes.INVALID_INPUT;
        GraphBuild build = IrGraphBuilder.build(Lowering.lower(c.program().get()));
        OrderSynthesis.Result result = OrderSynthesis.run(build.graph(), solverSeconds * 1000L);
        PrintWriter out = spec.commandLine().getOut();
        out.print(OrderText.render(result));
        if (!build.complete()) {
            out.println("incomplete: a path walk hit its state bound; some edges may be missing");
            return ExitCodes.INCOMPLETE;
        }
        return result.cyclic() ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
    }
}
