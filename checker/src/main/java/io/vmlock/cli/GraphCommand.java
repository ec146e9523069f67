package io.vmlock.cli;

import io.vmlock.graph.GraphExport;
import io.vmlock.graph.IrGraphBuilder;
import io.vmlock.ir.Lowering;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Export the lock-order graph of a scenario. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Export the lock-order graph of FILE (lock classes and pseudo-locks; an edge A -> B when B is "
                + "taken while A is held), with the edges on a cycle highlighted.")
final class GraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "dot", converter = FormatConverter.class,
            description = "dot, graphml or json (default: ${DEFAULT-VALUE}).")
    GraphExport.Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write to OUT instead of standard output.")
    Path output;

    @Parameters(paramLabel = "FILE", description = "The .vmlock file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        Compilation c = Compilation.of(file, input.loaderOptions());
        spec.commandLine().getErr().print(c.renderedDiagnostics());
        if (!c.ok()) return ExitCodes.INVALID_INPUT;
        var build = IrGraphBuilder.build(Lowering.lower(c.program().get()));
        String text = new GraphExport(build.graph()).export(format);
        if (!text.endsWith("\n")) text += "\n";
        if (output != null) Files.writeString(output, text, StandardCharsets.UTF_8);
        else spec.commandLine().getOut().print(text);
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
