package io.vmlock.cli;

import io.vmlock.frontend.Loader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command that reads scenarios shares (a picocli mixin). */
public final class InputOptions {
    @Option(names = "-I", paramLabel = "DIR", description = "Also look for imports in DIR (repeatable).")
    List<Path> includeDirs = new ArrayList<>();

    @Option(names = "--models", paramLabel = "DIR",
            description = "The model library folder (default: the bundled models/).")
    Path modelsDir;

    public Loader.Options loaderOptions() {
        return new Loader.Options(includeDirs,
                modelsDir != null ? java.util.Optional.of(modelsDir) : ModelPath.bundled(),
                Path.of("").toAbsolutePath());
    }
}
