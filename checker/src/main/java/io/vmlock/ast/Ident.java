package io.vmlock.ast;

import java.util.Objects;

/** A name as written, with where it was written. */
public record Ident(String name, SourceSpan span) {
    /** How a per-thread variable is named, as the kernel names a task's field: {@code current->journal_info}. */
    public static final String CURRENT = "current";
    private static final String CURRENT_FIELD = CURRENT + "->";

    public Ident {
        Objects.requireNonNull(name);
        Objects.requireNonNull(span);
    }

    /** {@code current->field}: a per-thread variable, one value per thread instance. */
    public static Ident currentField(String field, SourceSpan span) {
        return new Ident(CURRENT_FIELD + field, span);
    }

    public boolean isCurrentField() {
        return name.startsWith(CURRENT_FIELD);
    }

    @Override
    public String toString() {
        return name;
    }
}
