package io.vmlock.ir;

import io.vmlock.ast.ParamType;
import java.util.Objects;
import java.util.Optional;

/**
 * A frame slot: a parameter (bound by the caller) or a local variable (initialised where it is
 * declared). A local array takes {@code size} consecutive slots. Parameters of type int have no
 * declared range, so theirs is the whole int range.
 */
public record LocalSlot(int index, String name, int size, boolean bool, int low, int high,
                        Optional<ParamType> paramType) {
    public LocalSlot {
        Objects.requireNonNull(name);
        Objects.requireNonNull(paramType);
        if (size < 1) throw new IllegalArgumentException("a slot holds at least one value");
    }

    public boolean isParam() {
        return paramType.isPresent();
    }

    /**
     * The value a fresh frame holds before the declaration runs: the low bound, as for globals;
     * 0 for a slot without a bound (a parameter, or the temporary of a call's int result).
     */
    public int defaultValue() {
        return isParam() || low == Integer.MIN_VALUE ? 0 : low;
    }
}
