package io.vmlock.sema;

import io.vmlock.ast.Ident;
import java.util.Objects;
import java.util.Optional;

/**
 * What a name stands for where it is used, global or local: where it was declared, what it is
 * in words, its type as a value, the set it must be indexed by (per-instance objects and
 * variables), and whether it may be assigned.
 */
record Binding(Ident declared, String description, ValueType type, Optional<String> indexSet, boolean assignable) {
    Binding {
        Objects.requireNonNull(declared);
        Objects.requireNonNull(description);
        Objects.requireNonNull(type);
        Objects.requireNonNull(indexSet);
    }

    static Binding of(Ident declared, String description, ValueType type) {
        return new Binding(declared, description, type, Optional.empty(), false);
    }

    String name() {
        return declared.name();
    }
}
