package io.vmlock.ir;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A global variable ({@code int(0..4) nr_dirty = 0;}, {@code bool writeback[page];}): one state
 * slot per element, from {@code firstSlot}. Booleans have the range 0..1. A per-thread variable
 * ({@code current->journal_info}) has the same shape, its slots counted among every thread's own
 * ({@link IrProgram#perThread()}).
 */
public record GlobalVar(String name, boolean bool, int low, int high, Optional<InstanceSet> set, int firstSlot,
                        List<Integer> initial, SourceSpan span) {
    public GlobalVar {
        Objects.requireNonNull(name);
        Objects.requireNonNull(set);
        initial = List.copyOf(initial);
        Objects.requireNonNull(span);
        if (initial.size() != set.map(InstanceSet::size).orElse(1)) {
            throw new IllegalArgumentException("one initial value per element of " + name);
        }
    }

    public boolean isArray() {
        return set.isPresent();
    }

    public int size() {
        return initial.size();
    }

    public int slot(int index) {
        if (index < 0 || index >= size()) {
            throw new IrExpr.EvaluationException("index " + index + " is outside " + name);
        }
        return firstSlot + index;
    }

    public String elementName(int index) {
        return isArray() ? name + "[" + set.get().members().get(index) + "]" : name;
    }

    public String render(int value) {
        return bool ? (value != 0 ? "true" : "false") : Integer.toString(value);
    }
}
