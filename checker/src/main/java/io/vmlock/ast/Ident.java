package io.vmlock.ast;

import java.util.Objects;

/** A name as written, with where it was written. */
public record Ident(String name, SourceSpan span) {
    public Ident {
        Objects.requireNonNull(name);
        Objects.requireNonNull(span);
    }

    @Override
    public String toString() {
        return name;
    }
}
