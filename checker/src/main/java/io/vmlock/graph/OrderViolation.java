package io.vmlock.graph;

import io.vmlock.ast.SourceSpan;
import java.util.Objects;

/**
 * An acquisition against a declared {@code order}: {@code dependency} takes its target while
 * holding its source, but the declaration at {@code declaredAt} puts the target outside.
 */
public record OrderViolation(Dependency dependency, SourceSpan declaredAt) {
    public OrderViolation {
        Objects.requireNonNull(dependency);
        Objects.requireNonNull(declaredAt);
    }

    public String message() {
        Dependency d = dependency;
        return d.acquired().label() + " is taken at " + d.acquired().site().span().position() + " ("
                + d.acquired().site().callPath() + ") while " + d.held().label() + " is held (taken at "
                + d.held().site().span().position() + "), but the order declared at " + declaredAt.position()
                + " puts " + d.to().name() + " outside " + d.from().name();
    }
}
