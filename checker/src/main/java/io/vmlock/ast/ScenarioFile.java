package io.vmlock.ast;

import java.util.List;
import java.util.Objects;

/** One parsed .vmlock file, named by its display path. */
public record ScenarioFile(String path, List<Decl> declarations) {
    public ScenarioFile {
        Objects.requireNonNull(path);
        declarations = List.copyOf(declarations);
    }

    public <T extends Decl> List<T> all(Class<T> type) {
        return declarations.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
