package io.vmlock.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The .vmlock files under a folder, recursively and sorted; none when the folder does not exist yet. */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    static List<Path> under(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".vmlock") && Files.isRegularFile(p)).sorted().toList();
        }
    }
}
