package io.vmlock.sema;

import io.vmlock.ast.Decl;
import io.vmlock.diag.Diagnostics;
import java.util.HashMap;
import java.util.Map;

/**
 * The type of each constant, inferred from its value. Errors in the value are reported where
 * the constant is declared, so inference here is quiet; a constant defined by itself is unknown.
 */
final class ConstTypes {
    private final SymbolTable symbols;
    private final ConstDependencies dependencies;
    private final Map<String, ValueType> types = new HashMap<>();

    ConstTypes(SymbolTable symbols) {
        this.symbols = symbols;
        this.dependencies = new ConstDependencies(symbols);
    }

    ValueType of(Decl.Const c) {
        for (Decl.Const d : dependencies.order(c)) {
            // what d uses is typed by now, unless it is cyclic: then its type is unknown
            types.put(d.name().name(), dependencies.isCyclic(d) ? ValueType.UNKNOWN
                    : new ExprChecker(symbols, this, new Diagnostics()).type(d.value(), Scope.global()).type());
        }
        return types.getOrDefault(c.name().name(), ValueType.UNKNOWN);
    }

    /** Whether the constant uses itself, directly or through others. */
    boolean isCyclic(Decl.Const c) {
        of(c);
        return dependencies.isCyclic(c);
    }
}
