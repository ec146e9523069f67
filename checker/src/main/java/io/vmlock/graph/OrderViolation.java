package io.vmlock.graph;

import io.vmlock.ast.SourceSpan;
import java.util.Objects;

/**
 * An acquisition against a declared {@code order}: {@code nesting} takes its inner lock while
 * holding its outer one (directly, or through a fault or reclaim it enters), but the declaration
 * at {@code declaredAt} puts the inner lock outside.
 */
public record OrderViolation(Nesting nesting, SourceSpan declaredAt) {
    public OrderViolation {
        Objects.requireNonNull(nesting);
        Objects.requireNonNull(declaredAt);
    }

    public OrderViolation(Dependency direct, SourceSpan declaredAt) {
        this(Nesting.direct(direct), declaredAt);
    }

    public String message() {
        Nesting n = nesting;
        String entered = n.entries().stream().map(d -> Nesting.context(d.acquired()) + " at "
                + d.acquired().site().span().position() + " (" + d.acquired().site().callPath() + ")")
                .reduce((a, b) -> a + ", then " + b).map(s -> ", entered through " + s).orElse("");
        return n.acquired().label() + " is taken at " + n.acquired().site().span().position() + " ("
                + n.acquired().site().callPath() + ")" + entered + " while " + n.held().label() + " is held (taken at "
                + n.held().site().span().position() + "), but the order declared at " + declaredAt.position()
                + " puts " + n.to().name() + " outside " + n.from().name();
    }
}
