package io.vmlock.graph;

import io.vmlock.ast.SourceSpan;
import java.util.Objects;

/** One call on a call stack: the function entered and where it was called from. */
public record Frame(String function, SourceSpan callSite) {
    public Frame {
        Objects.requireNonNull(function);
        Objects.requireNonNull(callSite);
    }
}
