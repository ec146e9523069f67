package io.vmlock.ast;

import java.util.List;
import java.util.stream.Stream;

/**
 * A scenario with its imports resolved: the main file last, every imported file before the
 * files that import it, each once. Names share one global namespace, as C headers do.
 */
public record Program(List<ScenarioFile> files) {
    public Program {
        files = List.copyOf(files);
        if (files.isEmpty()) throw new IllegalArgumentException("a program has at least its main file");
    }

    public ScenarioFile main() {
        return files.get(files.size() - 1);
    }

    public Stream<Decl> declarations() {
        return files.stream().flatMap(f -> f.declarations().stream());
    }

    public <T extends Decl> List<T> all(Class<T> type) {
        return declarations().filter(type::isInstance).map(type::cast).toList();
    }
}
