package io.vmlock.ir;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;

/** {@code order a < b < c;}: outermost first. */
public record LockOrder(List<ObjectClass> classes, SourceSpan span) {
    public LockOrder {
        classes = List.copyOf(classes);
        Objects.requireNonNull(span);
    }
}
