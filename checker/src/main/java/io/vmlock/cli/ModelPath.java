package io.vmlock.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the bundled models/ folder: -Dvmlock.models, $VMLOCK_MODELS, or beside the jar's checkout. */
final class ModelPath {
    private ModelPath() {
    }

    static Optional<Path> bundled() {
        String prop = System.getProperty("vmlock.models");
        if (prop != null && !prop.isBlank()) return existing(Path.of(prop));
        String env = System.getenv("VMLOCK_MODELS");
        if (env != null && !env.isBlank()) return existing(Path.of(env));
        return besideJar();
    }

    /** The jar is built to checker/target/vmlock.jar; models/ sits at the checkout's root. */
    private static Optional<Path> besideJar() {
        try {
            var source = ModelPath.class.getProtectionDomain().getCodeSource();
            if (source == null) return Optional.empty();
            Path p = Path.of(source.getLocation().toURI()).toAbsolutePath();
            for (int up = 0; up < 4 && p != null; up++, p = p.getParent()) {
                Path candidate = p.resolve("models");
                if (Files.isDirectory(candidate) && Files.isRegularFile(p.resolve("pom.xml"))) {
                    return Optional.of(candidate);
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Path> existing(Path p) {
        return Files.isDirectory(p) ? Optional.of(p.toAbsolutePath().normalize()) : Optional.empty();
    }
}
