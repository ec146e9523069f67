package io.vmlock.sema;

import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders constants so that each comes after the constants its value uses. Evaluating and typing
 * them in that order takes one step each, however long a chain of constants is, instead of
 * recursing along the chain. Constants that use themselves, directly or not, are cyclic.
 */
final class ConstDependencies {
    private final SymbolTable symbols;
    private final Set<String> done = new HashSet<>();
    private final Set<String> cyclic = new HashSet<>();

    ConstDependencies(SymbolTable symbols) {
        this.symbols = symbols;
    }

    /** {@code c} and the constants it uses, not ordered before, each after the ones it uses (depth first, with an explicit stack). */
    List<Decl.Const> order(Decl.Const c) {
        List<Decl.Const> out = new ArrayList<>();
        if (done.contains(c.name().name())) return out;
        Deque<Decl.Const> path = new ArrayDeque<>();
        Deque<Iterator<Decl.Const>> pending = new ArrayDeque<>();
        Map<String, Decl.Const> onPath = new HashMap<>();
        enter(c, path, pending, onPath);
        while (!path.isEmpty()) {
            if (pending.peek().hasNext()) {
                Decl.Const next = pending.peek().next();
                String name = next.name().name();
                if (onPath.containsKey(name)) {
                    markCycle(path, name);
                } else if (!done.contains(name)) {
                    enter(next, path, pending, onPath);
                }
                continue;
            }
            Decl.Const finished = path.pop();
            pending.pop();
            onPath.remove(finished.name().name());
            done.add(finished.name().name());
            out.add(finished);
        }
        return out;
    }

    boolean isCyclic(Decl.Const c) {
        order(c);
        return cyclic.contains(c.name().name());
    }

    private void enter(Decl.Const c, Deque<Decl.Const> path, Deque<Iterator<Decl.Const>> pending,
                       Map<String, Decl.Const> onPath) {
        path.push(c);
        pending.push(uses(c.value()).iterator());
        onPath.put(c.name().name(), c);
    }

    /** Every constant from the top of the path down to {@code name} uses itself. */
    private void markCycle(Deque<Decl.Const> path, String name) {
        for (Decl.Const c : path) {
            cyclic.add(c.name().name());
            if (c.name().name().equals(name)) return;
        }
    }

    /** The constants an expression names. */
    private List<Decl.Const> uses(Expr e) {
        List<Decl.Const> out = new ArrayList<>();
        Deque<Expr> todo = new ArrayDeque<>(List.of(e));
        while (!todo.isEmpty()) {
            Expr x = todo.pop();
            if (x instanceof Expr.Name n) {
                symbols.lookup(n.name().name(), Symbol.ConstSym.class).ifPresent(s -> out.add(s.decl()));
            } else if (x instanceof Expr.Index i) {
                todo.push(i.index());
            } else if (x instanceof Expr.Unary u) {
                todo.push(u.operand());
            } else if (x instanceof Expr.Binary b) {
                todo.push(b.right());
                todo.push(b.left());
            }
        }
        return out;
    }
}
