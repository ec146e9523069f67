package io.vmlock.sema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local names of a body (parameters, local variables, foreach variables), one scope per
 * block, chained to the enclosing one. The global scope holds no locals; globals live in the
 * {@link SymbolTable}.
 */
final class Scope {
    private final Scope parent;
    private final Map<String, Binding> bindings = new LinkedHashMap<>();

    private Scope(Scope parent) {
        this.parent = parent;
    }

    static Scope global() {
        return new Scope(null);
    }

    Scope child() {
        return new Scope(this);
    }

    Optional<Binding> local(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Binding b = s.bindings.get(name);
            if (b != null) return Optional.of(b);
        }
        return Optional.empty();
    }

    void put(Binding b) {
        bindings.put(b.name(), b);
    }

    /** Every local name visible here, innermost first: candidates for "did you mean". */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (Scope s = this; s != null; s = s.parent) {
            names.addAll(s.bindings.keySet());
        }
        return names;
    }
}
