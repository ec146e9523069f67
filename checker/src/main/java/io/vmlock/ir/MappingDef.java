package io.vmlock.ir;

import io.vmlock.ast.SourceSpan;
import java.util.Objects;
import java.util.Optional;

/** A user buffer mapping; a user copy on it may fault into {@code fault}. */
public record MappingDef(int id, String name, Optional<Invocation> fault, SourceSpan span) {
    public MappingDef {
        Objects.requireNonNull(name);
        Objects.requireNonNull(fault);
        Objects.requireNonNull(span);
    }
}
