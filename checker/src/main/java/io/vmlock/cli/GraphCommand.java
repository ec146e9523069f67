package io.vmlock.cli;

import io.vmlock.graph.GraphBuild;
import io.vmlock.graph.GraphExport;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Export the lock-order graph of a scenario. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Export the lock-order graph of FILE (lock classes and pseudo-locks; an edge A -> B when B is "
                + "taken while A is held), with the edges on a cycle highlighted.")
final class GraphCommand extends FileCommand {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "dot", converter = FormatConverter.class,
            description = "dot, graphml or json (default: ${DEFAULT-VALUE}).")
    GraphExport.Format format;

    @Mixin
    OutputFile output;

    @Override
    Optional<String> problem() {
        return output.problem(file);
    }

    @Override
    int run(Compilation compiled) throws IOException {
        GraphBuild build = Pipeline.lockOrderGraph(compiled.lower().orElseThrow());
        String text = new GraphExport(build.graph()).export(format);
        if (!output.write(text.endsWith("\n") ? text : text + "\n", out(), err())) return ExitCodes.INVALID_INPUT;
        return build.complete() ? ExitCodes.CLEAN : ExitCodes.INCOMPLETE;
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<GraphExport.Format> {
        public GraphExport.Format convert(String value) {
            try {
                return GraphExport.Format.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected dot, graphml or json, not '" + value + "'");
            }
        }
    }
}
