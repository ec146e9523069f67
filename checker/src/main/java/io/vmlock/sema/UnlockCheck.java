package io.vmlock.sema;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Ident;
import io.vmlock.ast.Stmt;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A release of a lock the thread cannot hold. The rule, chosen to have no false positives:
 * only thread and interrupt bodies are checked (a procedure may release what its caller took,
 * as unlock_page does), and a release of lock class C is reported when no statement before it
 * in the body acquires C: not directly, not in a procedure it calls (object parameters bound to
 * the call's arguments), not in a fault handler or reclaim path it may run. "Before" is textual,
 * over every branch, and a loop counts its whole body, since an earlier iteration may acquire.
 */
final class UnlockCheck {
    private final SymbolTable symbols;
    private final Diagnostics diagnostics;
    private final Map<String, Acquisitions> summaries = new HashMap<>();
    private final Acquisitions faultAndReclaim;

    private UnlockCheck(SymbolTable symbols, CallGraph graph, Diagnostics diagnostics) {
        this.symbols = symbols;
        this.diagnostics = diagnostics;
        for (List<Integer> component : graph.components()) {
            for (int i : component) summarise(graph.procs().get(i));
        }
        this.faultAndReclaim = new Acquisitions(symbols, List.of());
        Function<String, Acquisitions> lookup = summaries::get;
        for (Decl d : (Iterable<Decl>) symbols.program().declarations()::iterator) {
            if (d instanceof Decl.Mapping m) m.attributes().forEach(a -> faultAndReclaim.addCall(a.target(), a.args(), lookup));
            if (d instanceof Decl.Reclaim r) faultAndReclaim.addCall(r.target(), r.args(), lookup);
        }
    }

    static void check(SymbolTable symbols, CallGraph graph, Diagnostics diagnostics) {
        UnlockCheck check = new UnlockCheck(symbols, graph, diagnostics);
        for (Decl d : (Iterable<Decl>) symbols.program().declarations()::iterator) {
            if (d instanceof Decl.Thread t) check.body("thread", t.name(), t.body());
            if (d instanceof Decl.Interrupt i) check.body("interrupt", i.name(), i.body());
        }
    }

    /** Callees come first (components are in that order); within a recursive group, unknown ones count as anything. */
    private void summarise(Decl.Proc p) {
        Acquisitions a = new Acquisitions(symbols, p.params());
        Statements.forEach(p.body(), s -> a.addOwn(s, summaries::get));
        summaries.put(p.name().name(), a);
    }

    private void body(String kind, Ident name, Stmt.Block body) {
        walk(body, new Acquisitions(symbols, List.of()), kind + " '" + name.name() + "'");
    }

    private void walk(Stmt s, Acquisitions before, String who) {
        if (Statements.isLoop(s)) {
            Statements.forEach(s, inner -> before.addOwn(inner, summaries::get));
        } else if (s instanceof Stmt.Builtin b && b.op().category() == BuiltinOp.Category.RELEASE && !b.args().isEmpty()) {
            release(b, before, who);
        } else {
            before.addOwn(s, summaries::get);
        }
        for (Stmt child : Statements.children(s)) walk(child, before, who);
    }

    private void release(Stmt.Builtin b, Acquisitions before, String who) {
        Ident lock = Acquisitions.lockName(b.args().get(0));
        if (lock == null || symbols.lookup(lock.name(), Symbol.ObjectSym.class).isEmpty()) return;
        // a bit lock has no owner: the I/O completion clears the bit its submitter set
        if (symbols.lookup(lock.name(), Symbol.ObjectSym.class).get().decl().kind().ownerless()) return;
        if (before.mayAcquire(lock.name())) return;
        if (before.faultsOrReclaims && faultAndReclaim.mayAcquire(lock.name())) return;
        diagnostics.error(DiagnosticCode.UNLOCK_NOT_ACQUIRED, b.args().get(0).span(),
                who + " releases '" + lock.name() + "' (" + b.op().spelling() + ") but does not acquire it before",
                "no statement before this one takes '" + lock.name() + "', directly or in a procedure it calls",
                "releasing a lock the thread does not hold is an unlock-not-held bug");
    }
}
