package io.vmlock.sema;

import io.vmlock.ast.ValueCalls;
import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.Ident;
import io.vmlock.ast.ParamType;
import io.vmlock.ast.Stmt;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The lock classes some code may acquire, over-approximated so that "not acquired" is
 * certain: lock classes named directly, object parameters of the enclosing procedure (bound
 * at each call), "anything" when a lock cannot be named, and whether the code may fault or
 * reclaim (and so run a fault handler's or reclaim path's acquisitions).
 */
final class Acquisitions {
    final Set<String> classes = new TreeSet<>();
    final Set<Integer> params = new TreeSet<>();
    boolean anything;
    boolean faultsOrReclaims;

    private final SymbolTable symbols;
    private final List<Decl.Param> scopeParams;

    Acquisitions(SymbolTable symbols, List<Decl.Param> scopeParams) {
        this.symbols = symbols;
        this.scopeParams = scopeParams;
    }

    /** Adds what {@code s} itself acquires, not its nested statements; callees via {@code summaries}. */
    void addOwn(Stmt s, Function<String, Acquisitions> summaries) {
        if (s instanceof Stmt.IfTrylock t) {
            addLock(t.lock());
        } else if (s instanceof Stmt.Builtin b) {
            BuiltinOp.Category cat = b.op().category();
            // the lock is the first argument; a *_nested acquisition's second is its subclass
            boolean takes = cat == BuiltinOp.Category.ACQUIRE || cat == BuiltinOp.Category.TRYLOCK;
            if (takes && !b.args().isEmpty()) addLock(b.args().get(0));
            if (cat == BuiltinOp.Category.USER_COPY || cat == BuiltinOp.Category.ALLOC) faultsOrReclaims = true;
        } else if (s instanceof Stmt.Call call) {
            addCall(call.procedure(), call.args(), summaries);
        }
        for (Expr.Call call : ValueCalls.of(s)) {
            if (BuiltinOp.bySpelling(call.callee().name()).isPresent()) call.args().forEach(this::addLock);
            else addCall(call.callee(), call.args(), summaries);
        }
    }

    void addCall(Ident procedure, List<Expr> args, Function<String, Acquisitions> summaries) {
        Acquisitions callee = summaries.apply(procedure.name());
        if (callee == null) {
            anything = true;
            return;
        }
        classes.addAll(callee.classes);
        anything |= callee.anything;
        faultsOrReclaims |= callee.faultsOrReclaims;
        for (int i : callee.params) {
            if (i < args.size()) addLock(args.get(i));
            else anything = true;
        }
    }

    void addAll(Acquisitions other) {
        classes.addAll(other.classes);
        anything |= other.anything;
    }

    boolean mayAcquire(String lockClass) {
        return anything || classes.contains(lockClass);
    }

    private void addLock(Expr lock) {
        Ident name = lockName(lock);
        if (name == null) {
            anything = true;
            return;
        }
        for (int i = 0; i < scopeParams.size(); i++) {
            Decl.Param p = scopeParams.get(i);
            if (p.name().name().equals(name.name()) && p.type() instanceof ParamType.ObjectParam) {
                params.add(i);
                return;
            }
        }
        if (symbols.lookup(name.name(), Symbol.ObjectSym.class).isPresent()) classes.add(name.name());
        else anything = true;
    }

    /** The lock class (or parameter) {@code e} names: {@code sb_lock} or {@code page_lock[p]}. */
    static Ident lockName(Expr e) {
        if (e instanceof Expr.Name n) return n.name();
        if (e instanceof Expr.Index x) return x.name();
        return null;
    }
}
