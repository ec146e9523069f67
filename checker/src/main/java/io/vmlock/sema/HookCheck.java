package io.vmlock.sema;

import io.vmlock.ast.Decl;
import io.vmlock.ast.ParamType;
import io.vmlock.ast.ResultType;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every hook ({@code int vm_ops_fault(page p, bool write);}) has one definition with its
 * parameter types, returning its type or nothing (a {@code proc} gives 0 or false).
 */
final class HookCheck {
    private HookCheck() {
    }

    static void check(SymbolTable symbols, Diagnostics diagnostics) {
        for (Decl.Hook hook : symbols.hooks()) {
            String name = hook.name().name();
            Optional<Symbol> defined = symbols.lookup(name);
            if (defined.isEmpty()) {
                diagnostics.error(DiagnosticCode.UNBOUND_HOOK, hook.name().span(),
                        "hook '" + name + "' is declared but no file defines it",
                        "define it: " + signature(hook.result().keyword(), name, hook.params()) + " { ... }");
            } else if (!(defined.get() instanceof Symbol.ProcSym proc)) {
                diagnostics.error(DiagnosticCode.HOOK_MISMATCH, defined.get().name().span(),
                        "hook '" + name + "' must be defined by a procedure, but '" + name + "' is "
                                + defined.get().description(),
                        "the hook is declared at " + hook.name().span().position());
            } else {
                matches(hook, proc.decl(), diagnostics);
            }
        }
    }

    private static void matches(Decl.Hook hook, Decl.Proc proc, Diagnostics diagnostics) {
        String name = hook.name().name();
        boolean sameParams = spellings(hook.params()).equals(spellings(proc.params()));
        boolean result = proc.result() == hook.result() || proc.result() == ResultType.VOID;
        if (sameParams && result) return;
        String why = sameParams
                ? "it returns " + proc.result().keyword() + ", the hook " + hook.result().keyword()
                : "it takes (" + String.join(", ", spellings(proc.params())) + "), the hook ("
                        + String.join(", ", spellings(hook.params())) + ")";
        diagnostics.error(DiagnosticCode.HOOK_MISMATCH, proc.name().span(),
                "'" + name + "' does not match the hook it defines: " + why,
                "the hook is declared at " + hook.name().span().position() + ": "
                        + signature(hook.result().keyword(), name, hook.params())
                        + " (a proc definition gives " + (hook.result() == ResultType.BOOL ? "false" : "0") + ")");
    }

    private static List<String> spellings(List<Decl.Param> params) {
        return params.stream().map(Decl.Param::type).map(ParamType::spelling).toList();
    }

    private static String signature(String keyword, String name, List<Decl.Param> params) {
        return keyword + " " + name + "(" + params.stream().map(p -> p.type().spelling() + " " + p.name().name())
                .collect(Collectors.joining(", ")) + ")";
    }
}
