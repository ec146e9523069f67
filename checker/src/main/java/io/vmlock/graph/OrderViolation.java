package io.vmlock.graph;

import io.vmlock.ast.SourceSpan;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /** For a finding of check: each call path from the thread or context that ran it. */
    public String message() {
        return describe(Site::callPath);
    }

    /**
     * For {@code vmlock order}, which is about code rather than a run: each call path as the
     * functions on it, without the thread, handler or mapping the model starts it from.
     */
    public String codeMessage() {
        return describe(site -> site.stack().stream().map(Frame::function).collect(Collectors.joining(" > ")));
    }

    private String describe(Function<Site, String> path) {
        Nesting n = nesting;
        String entered = n.entries().stream().map(d -> Nesting.context(d.acquired()) + " at "
                + d.acquired().site().span().position() + in(path, d.acquired().site()))
                .reduce((a, b) -> a + ", then " + b).map(s -> ", entered through " + s).orElse("");
        return n.acquired().label() + " is taken at " + n.acquired().site().span().position()
                + in(path, n.acquired().site()) + entered + " while " + n.held().label() + " is held (taken at "
                + n.held().site().span().position() + "), but the order declared at " + declaredAt.position()
                + " puts " + n.to().name() + " outside " + n.from().name();
    }

    private static String in(Function<Site, String> path, Site site) {
        String p = path.apply(site);
        return p.isEmpty() ? "" : " (" + p + ")";
    }
}
