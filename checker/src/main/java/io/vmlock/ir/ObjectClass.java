package io.vmlock.ir;

import io.vmlock.ast.ObjectKind;
import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A declared lock or completion class ({@code mutex page_lock[page];}). Its instances get
 * consecutive ids from {@code firstInstance}; the explorer works on instances, the lock-order
 * graph on classes.
 */
public record ObjectClass(int id, String name, ObjectKind kind, Optional<InstanceSet> set, int firstInstance,
                          SourceSpan span) {
    public ObjectClass {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(set);
        Objects.requireNonNull(span);
    }

    public boolean isArray() {
        return set.isPresent();
    }

    public int size() {
        return set.map(InstanceSet::size).orElse(1);
    }

    /** The instance id of element {@code index}; an index outside the set has no instance. */
    public int instance(int index) {
        if (index < 0 || index >= size()) {
            throw new IrExpr.EvaluationException("index " + index + " is outside " + name);
        }
        return firstInstance + index;
    }

    public boolean owns(int instance) {
        return instance >= firstInstance && instance < firstInstance + size();
    }

    /** {@code page_lock[P0]}, or {@code sb_lock}. */
    public String instanceName(int instance) {
        if (!isArray()) return name;
        return name + "[" + set.get().members().get(instance - firstInstance) + "]";
    }

    public List<Integer> instances() {
        return java.util.stream.IntStream.range(firstInstance, firstInstance + size()).boxed().toList();
    }
}
