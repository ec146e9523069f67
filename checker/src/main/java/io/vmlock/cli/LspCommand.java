package io.vmlock.cli;

import io.vmlock.lsp.VmlockLanguageServer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vmlock lsp}: the language server on stdin/stdout, for editors (README, "Editors"). */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = "Run the language server on standard input and output (for editors: diagnostics, hover,"
                + " definition, completion, outline, and a code lens that checks the scenario).")
final class LspCommand implements Callable<Integer> {
    @Option(names = "--models", paramLabel = "DIR", description = "The model library folder (default: the bundled models/).")
    Path modelsDir;

    @Override
    public Integer call() {
        Optional<Path> models = modelsDir != null ? Optional.of(modelsDir) : ModelPath.bundled();
        try {
            // the protocol owns stdout: nothing else may print there
            VmlockLanguageServer.serve(System.in, System.out, models, VersionProvider.toolVersion());
            return ExitCodes.CLEAN;
        } catch (ExecutionException e) {
            return ExitCodes.CLEAN; // the client closed the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.CLEAN;
        }
    }
}
