package io.vmlock.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the model library: -Dvmlock.models, $VMLOCK_MODELS, the checkout the jar was built in,
 * or else the copy packed inside the jar itself, so a copied vmlock.jar works anywhere.
 * (--models, handled by InputOptions, overrides all of these.)
 */
final class ModelPath {
    /** Where checker/pom.xml packs the library inside the jar. */
    static final String RESOURCE_DIR = "models";

    private ModelPath() {
    }

    static Optional<Path> bundled() {
        String prop = System.getProperty("vmlock.models");
        if (prop != null && !prop.isBlank()) return existing(Path.of(prop));
        String env = System.getenv("VMLOCK_MODELS");
        if (env != null && !env.isBlank()) return existing(Path.of(env));
        return besideJar().or(ModelPath::insideJar);
    }

    /**
     * A model library reports may name files relative to: only one on disk (the copy inside the
     * jar has no folder a SARIF viewer could open; its files are shown as models/...).
     */
    static Optional<Path> onDisk(Optional<Path> models) {
        return models.filter(p -> p.getFileSystem() == FileSystems.getDefault());
    }

    /**
     * The jar carries models/ as resources (checker/pom.xml). A zip file system gives them to the
     * loader as ordinary Paths, so imports, diagnostics and snippets work as on disk.
     */
    static Optional<Path> insideJar() {
        URL marker = ModelPath.class.getResource("/" + RESOURCE_DIR + "/README.md");
        if (marker == null) return Optional.empty();
        try {
            URI uri = marker.toURI();
            if (!"jar".equals(uri.getScheme())) return existing(Path.of(uri).getParent());
            FileSystem jar;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException opened) {
                jar = FileSystems.getFileSystem(uri);
            }
            return Optional.of(jar.getPath("/" + RESOURCE_DIR));
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return Optional.empty();
        }
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
