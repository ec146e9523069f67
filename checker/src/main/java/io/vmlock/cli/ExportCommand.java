package io.vmlock.cli;

import io.vmlock.ir.Lowering;
import io.vmlock.promela.PromelaExport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Export a scenario to another model checker's language (Promela, for SPIN). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write FILE as a Promela model with the same state graph, one atomic step per vmlock step.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--promela", required = true, description = "Export to Promela (SPIN's language).")
    boolean promela;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write to OUT instead of standard output.")
    Path output;

    @Parameters(paramLabel = "FILE", description = "The .vmlock file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        Compilation c = Compilation.of(file, input.loaderOptions());
        spec.commandLine().getErr().print(c.renderedDiagnostics());
        if (!c.ok()) return ExitCodes.INVALID_INPUT;
        PromelaExport.Result r = PromelaExport.export(Lowering.lower(c.program().get()));
        if (r.text().isEmpty()) {
            spec.commandLine().getErr().print(new io.vmlock.diag.DiagnosticRenderer(c.sources()).render(r.diagnostics()));
            return ExitCodes.INVALID_INPUT;
        }
        if (output != null) {
            Files.writeString(output, r.text().get(), StandardCharsets.UTF_8);
        } else {
            spec.commandLine().getOut().print(r.text().get());
        }
        return ExitCodes.CLEAN;
    }
}
