package io.vmlock.ir;

import io.vmlock.ast.SourceSpan;
import java.util.Objects;

/** {@code invariant e;}: over globals only, checked in every reachable state. */
public record Invariant(IrExpr condition, SourceSpan span) {
    public Invariant {
        Objects.requireNonNull(condition);
        Objects.requireNonNull(span);
    }
}
