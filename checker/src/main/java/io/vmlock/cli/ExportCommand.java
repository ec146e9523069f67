package io.vmlock.cli;

import io.vmlock.diag.DiagnosticRenderer;
import io.vmlock.pipeline.Compilation;
import io.vmlock.promela.PromelaExport;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Export a scenario to another model checker's language (Promela, for SPIN). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write FILE as a Promela model with the same state graph, one atomic step per vmlock step.")
final class ExportCommand extends FileCommand {
    @Option(names = "--promela", required = true, description = "Export to Promela (SPIN's language).")
    boolean promela;

    @Mixin
    OutputFile output;

    @Override
    Optional<String> problem() {
        return output.problem(file);
    }

    @Override
    int run(Compilation compiled) throws IOException {
        PromelaExport.Result r = PromelaExport.export(compiled.lower().orElseThrow());
        if (r.text().isEmpty()) {
            err().print(new DiagnosticRenderer(compiled.sources()).render(r.diagnostics()));
            return ExitCodes.INVALID_INPUT;
        }
        return output.write(r.text().get(), out(), err()) ? ExitCodes.CLEAN : ExitCodes.INVALID_INPUT;
    }
}
