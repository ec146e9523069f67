package io.vmlock.sema;

import io.vmlock.ast.Decl;
import io.vmlock.diag.Diagnostics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The type of each constant, inferred from its value. Errors in the value are reported where
 * the constant is declared, so inference here is quiet; a constant defined by itself is unknown.
 */
final class ConstTypes {
    private final SymbolTable symbols;
    private final Map<String, ValueType> types = new HashMap<>();
    private final Set<String> inferring = new HashSet<>();
    private final Set<String> cyclic = new HashSet<>();

    ConstTypes(SymbolTable symbols) {
        this.symbols = symbols;
    }

    ValueType of(Decl.Const c) {
        String name = c.name().name();
        ValueType known = types.get(name);
        if (known != null) return known;
        if (!inferring.add(name)) {
            cyclic.add(name);
            return ValueType.UNKNOWN;
        }
        try {
            ValueType t = new ExprChecker(symbols, this, new Diagnostics()).type(c.value(), Scope.global()).type();
            types.put(name, t);
            return t;
        } finally {
            inferring.remove(name);
        }
    }

    /** Whether inference met this constant again while inferring it: it is defined by itself. */
    boolean isCyclic(Decl.Const c) {
        of(c);
        return cyclic.contains(c.name().name());
    }
}
