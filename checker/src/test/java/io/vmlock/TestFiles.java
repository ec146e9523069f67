package io.vmlock;

import io.vmlock.frontend.Loader;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the tests find the repository, and how they compile scenario files. */
public final class TestFiles {
    private TestFiles() {
    }

    /** The repository root: -Dvmlock.root (set by surefire), else the nearest folder holding checker/. */
    public static Path repoRoot() {
        String prop = System.getProperty("vmlock.root");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop, "checker"))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("checker")) && Files.isRegularFile(d.resolve("pom.xml"))) return d;
        }
        throw new IllegalStateException("cannot find the repository root; set -Dvmlock.root");
    }

    /** The golden parse inputs, in the source tree so that update mode rewrites the real files. */
    public static Path parseGoldens() {
        return repoRoot().resolve("checker/src/test/resources/parse");
    }

    public static boolean updateGoldens() {
        return Boolean.parseBoolean(System.getProperty("vmlock.updateGoldens"));
    }

    /** Files under {@code dir} (recursively) whose names end with {@code suffix}, sorted. */
    public static List<Path> find(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads and checks {@code main}, naming files relative to {@code root}, with no model library. */
    public static Compilation compile(Path main, Path root) {
        return Pipeline.compile(main, new Loader.Options(List.of(), Optional.empty(), root));
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path p, byte[] bytes) {
        try {
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
