package io.vmlock.graph;

import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The scenarios under src/test/resources/graph/, compiled and lowered. */
public final class GraphScenarios {
    private GraphScenarios() {
    }

    public static Path path(String name) {
        try {
            return Path.of(GraphScenarios.class.getResource("/graph/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static IrProgram lower(String name) {
        Path file = path(name);
        Compilation c = Pipeline.compile(file, new Loader.Options(List.of(), Optional.empty(), file.getParent()));
        return c.lower().orElseThrow(() -> new AssertionError(name + " does not compile:\n" + c.renderedDiagnostics()));
    }
}
