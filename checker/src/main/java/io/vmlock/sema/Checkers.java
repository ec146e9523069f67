package io.vmlock.sema;

import io.vmlock.diag.Diagnostics;

/** The checkers one analysis shares, wired once: they report into the same diagnostics. */
record Checkers(SymbolTable symbols, ExprChecker exprs, CallChecker calls, VarChecker vars,
                ConstEvaluator evaluator, Diagnostics diagnostics) {

    static Checkers of(SymbolTable symbols, Diagnostics diagnostics) {
        ConstTypes constTypes = new ConstTypes(symbols);
        ExprChecker exprs = new ExprChecker(symbols, constTypes, diagnostics);
        ConstEvaluator evaluator = new ConstEvaluator(symbols);
        CallChecker calls = new CallChecker(exprs, evaluator, diagnostics);
        exprs.callsCheckedBy(calls);
        return new Checkers(symbols, exprs, calls,
                new VarChecker(exprs, evaluator, constTypes, diagnostics), evaluator, diagnostics);
    }

    Resolver resolver() {
        return exprs.resolver();
    }
}
