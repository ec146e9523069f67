package io.vmlock.ir;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local names visible at a statement: parameters, locals declared before it, foreach
 * variables (bound to a constant, since foreach is unrolled). Immutable: a declaration makes a
 * new scope, so the statements of a block can be lowered in any order.
 */
final class Scope {
    /** A local name's meaning: a frame slot, or the instance a foreach iteration stands for. */
    record Binding(Optional<LocalSlot> slot, Optional<IrExpr.Const> constant) {
        static Binding of(LocalSlot slot) {
            return new Binding(Optional.of(slot), Optional.empty());
        }

        static Binding of(IrExpr.Const constant) {
            return new Binding(Optional.empty(), Optional.of(constant));
        }
    }

    private final Map<String, Binding> names;

    private Scope(Map<String, Binding> names) {
        this.names = names;
    }

    static Scope empty() {
        return new Scope(Map.of());
    }

    Scope with(String name, Binding binding) {
        Map<String, Binding> copy = new HashMap<>(names);
        copy.put(name, binding);
        return new Scope(copy);
    }

    Optional<Binding> lookup(String name) {
        return Optional.ofNullable(names.get(name));
    }
}
