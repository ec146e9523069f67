package io.vmlock.explore.system;

import io.vmlock.ast.SourceSpan;

/** A construct the compiler cannot turn into a finite transition system (deep recursion). */
public final class Unsupported extends RuntimeException {
    private final transient SourceSpan span;

    public Unsupported(String message, SourceSpan span) {
        super(message, null, false, false);
        this.span = span;
    }

    public SourceSpan span() {
        return span;
    }
}
