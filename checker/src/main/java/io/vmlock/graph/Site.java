package io.vmlock.graph;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where an acquisition happened: its source position and the call stack leading to it,
 * outermost frame first. {@code context} is the thread, handler or pseudo-lock path the walk started in.
 */
public record Site(SourceSpan span, String context, List<Frame> stack) {
    public Site {
        Objects.requireNonNull(span);
        Objects.requireNonNull(context);
        stack = List.copyOf(stack);
    }

    /** The function the acquisition is written in: the innermost procedure, else the context. */
    public String function() {
        return stack.isEmpty() ? context : stack.get(stack.size() - 1).function();
    }

    /** {@code thread writer > lock_page}: the path to the acquisition, for reports. */
    public String callPath() {
        if (stack.isEmpty()) return context;
        return context + " > " + stack.stream().map(Frame::function).collect(Collectors.joining(" > "));
    }

    @Override
    public String toString() {
        return span.position() + " (" + callPath() + ")";
    }
}
