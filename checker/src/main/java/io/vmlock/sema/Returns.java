package io.vmlock.sema;

import io.vmlock.ast.Stmt;
import java.util.List;

/**
 * Whether a body cannot reach its end: every path ends in a return. Loops count as maybe not
 * running (even {@code while (true)}, which a break may leave), as gcc's -Wreturn-type is told.
 */
final class Returns {
    private Returns() {
    }

    static boolean always(Stmt s) {
        if (s instanceof Stmt.Return) return true;
        if (s instanceof Stmt.Block b) return always(b.statements());
        if (s instanceof Stmt.If i) return always(i.then()) && i.otherwise().map(Returns::always).orElse(false);
        if (s instanceof Stmt.IfTrylock t) return always(t.then()) && t.otherwise().map(Returns::always).orElse(false);
        if (s instanceof Stmt.Either e) return e.branches().stream().allMatch(Returns::always);
        return false;
    }

    private static boolean always(List<Stmt> statements) {
        return statements.stream().anyMatch(Returns::always);
    }
}
