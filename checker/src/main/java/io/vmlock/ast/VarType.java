package io.vmlock.ast;

import java.util.Objects;

/** The type of a variable: a bounded integer range or a boolean. */
public sealed interface VarType permits VarType.IntRange, VarType.Bool {

    SourceSpan span();

    /** {@code int(lo..hi)}; the bounds are constant expressions, checked by sema. */
    record IntRange(Expr low, Expr high, SourceSpan span) implements VarType {
        public IntRange {
            Objects.requireNonNull(low);
            Objects.requireNonNull(high);
        }
    }

    record Bool(SourceSpan span) implements VarType {
    }
}
