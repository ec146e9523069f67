package io.vmlock.explore.system;

import io.vmlock.ast.SourceSpan;

/** A construct the compiler cannot turn into a finite transition system of a sensible size. */
public final class Unsupported extends RuntimeException {
    /** Why the construct cannot be compiled. */
    public enum Reason {
        /** No finite control: calls nest without bound (recursion). */
        UNBOUNDED_CONTROL,
        /** Finite control, but the paths between two steps multiply per condition past the compiler's bound. */
        TOO_MANY_PATHS
    }

    private final transient SourceSpan span;
    private final Reason reason;

    public Unsupported(String message, SourceSpan span) {
        this(message, span, Reason.UNBOUNDED_CONTROL);
    }

    public Unsupported(String message, SourceSpan span, Reason reason) {
        super(message, null, false, false);
        this.span = span;
        this.reason = reason;
    }

    public SourceSpan span() {
        return span;
    }

    public Reason reason() {
        return reason;
    }
}
