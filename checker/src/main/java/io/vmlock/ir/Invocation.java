package io.vmlock.ir;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;

/** A call with constant arguments: a mapping's fault handler, a reclaim path. */
public record Invocation(int procedure, List<IrExpr> args, SourceSpan span) {
    public Invocation {
        args = List.copyOf(args);
        Objects.requireNonNull(span);
    }
}
