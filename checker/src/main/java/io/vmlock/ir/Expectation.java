package io.vmlock.ir;

import io.vmlock.ast.SourceSpan;
import io.vmlock.verdict.Verdict;
import java.util.Objects;

/** One item of an {@code expect} clause: {@code deadlock}, {@code not hang}, {@code clean}. */
public record Expectation(boolean negated, Verdict verdict, SourceSpan span) {
    public Expectation {
        Objects.requireNonNull(verdict);
        Objects.requireNonNull(span);
    }

    @Override
    public String toString() {
        return (negated ? "not " : "") + verdict.id();
    }
}
