package io.vmlock.sema;

import io.vmlock.ast.ArgKind;
import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.Gfp;
import io.vmlock.ast.Ident;
import io.vmlock.ast.SourceSpan;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Checks calls of builtins and procedures: the callee, the number of arguments and each argument. */
final class CallChecker {
    private static final String GFP_NAMES = String.join(", ", Gfp.contexts());
    private static final String GFP_MODIFIERS = String.join(", ", Gfp.modifiers());
    private final ExprChecker exprs;
    private final ConstEvaluator constants;
    private final Diagnostics diagnostics;

    CallChecker(ExprChecker exprs, ConstEvaluator constants, Diagnostics diagnostics) {
        this.exprs = exprs;
        this.constants = constants;
        this.diagnostics = diagnostics;
    }

    /** {@code callSpan} starts with the builtin's name, as a statement's or a trylock's span does. */
    void builtin(BuiltinOp op, List<Expr> args, SourceSpan callSpan, Scope scope) {
        SourceSpan name = new SourceSpan(callSpan.file(), callSpan.line(), callSpan.column(), callSpan.line(),
                callSpan.column() + op.spelling().length() - 1);
        arity(op.spelling(), op.params().size(), args, name);
        for (int i = 0; i < args.size(); i++) {
            if (i >= op.params().size()) {
                exprs.type(args.get(i), scope);
                continue;
            }
            argument(ArgumentRule.of(op.params().get(i)), args.get(i), scope, op.spelling() + " needs ");
            if (op.params().get(i) == ArgKind.SUBCLASS) subclass(op, args.get(i));
        }
        if (op == BuiltinOp.QUEUE_WORK && args.size() == 2) sameWorkqueue(args.get(0), args.get(1));
    }

    /**
     * A work item is declared on one workqueue: queue_work names that one (for an item per member
     * with constant indices, the member's; other indices are checked by the search).
     */
    private void sameWorkqueue(Expr queue, Expr work) {
        Optional<Ident> q = declarationName(queue);
        Optional<Ident> w = declarationName(work);
        if (q.isEmpty() || w.isEmpty()) return;
        SymbolTable symbols = exprs.resolver().symbols();
        Optional<Symbol.WorkSym> item = symbols.lookup(w.get().name(), Symbol.WorkSym.class);
        if (item.isEmpty() || symbols.lookup(q.get().name(), Symbol.WorkqueueSym.class).isEmpty()) return;
        Decl.Work decl = item.get().decl();
        Ident declared = decl.workqueue();
        String where = "'" + w.get().name() + "' is declared at " + item.get().name().span().position();
        if (!declared.name().equals(q.get().name())) {
            diagnostics.error(DiagnosticCode.ARGUMENT_KIND, queue.span(), "work item '" + w.get().name()
                    + "' is declared on workqueue '" + declared.name() + "', not on '" + q.get().name() + "'", where);
            return;
        }
        if (!(queue instanceof Expr.Index qi)) return;
        java.util.OptionalLong member = work instanceof Expr.Index wi ? constants.evaluate(wi.index())
                : java.util.OptionalLong.of(0);
        java.util.OptionalLong named = constants.evaluate(qi.index());
        if (member.isEmpty() || named.isEmpty()) return;
        java.util.OptionalInt on = decl.workqueueMember((int) member.getAsLong(), constants::evaluate);
        if (on.isPresent() && on.getAsInt() != named.getAsLong()) {
            diagnostics.error(DiagnosticCode.ARGUMENT_KIND, queue.span(), "work item '" + ExprText.of(work)
                    + "' is on workqueue '" + declared.name() + "[" + memberName(qi, on.getAsInt()) + "]', not on '"
                    + ExprText.of(queue) + "'", where);
        }
    }

    private static Optional<Ident> declarationName(Expr e) {
        if (e instanceof Expr.Name n) return Optional.of(n.name());
        if (e instanceof Expr.Index x) return Optional.of(x.name());
        return Optional.empty();
    }

    /** The name of member {@code k} of the set an indexed workqueue ranges over. */
    private String memberName(Expr.Index queue, int k) {
        SymbolTable symbols = exprs.resolver().symbols();
        return symbols.lookup(queue.name().name(), Symbol.WorkqueueSym.class).flatMap(q -> q.decl().set())
                .flatMap(set -> symbols.lookup(set.name(), Symbol.SetSym.class))
                .filter(set -> k < set.decl().members().size())
                .map(set -> set.decl().members().get(k).name()).orElse(String.valueOf(k));
    }

    /** The graph pass names the class by it, before any search: a constant lockdep accepts. */
    private void subclass(BuiltinOp op, Expr arg) {
        java.util.OptionalLong n = constants.evaluate(arg);
        if (n.isEmpty()) {
            diagnostics.error(DiagnosticCode.NOT_CONSTANT, arg.span(),
                    "the subclass of " + op.spelling() + " must be a constant, but '" + ExprText.of(arg) + "' is not");
        } else if (n.getAsLong() < 0 || n.getAsLong() >= ArgKind.MAX_LOCKDEP_SUBCLASSES) {
            diagnostics.error(DiagnosticCode.OUT_OF_RANGE, arg.span(), "subclass " + n.getAsLong()
                    + " is outside 0.." + (ArgKind.MAX_LOCKDEP_SUBCLASSES - 1) + " (MAX_LOCKDEP_SUBCLASSES)");
        }
    }

    /** A call of a procedure: in a body, or as a mapping's fault handler or a reclaim path. Its declaration, if any. */
    Optional<Decl.Proc> procedure(Ident target, List<Expr> args, Scope scope) {
        Optional<Decl.Proc> proc = callee(target);
        if (proc.isEmpty()) {
            args.forEach(a -> exprs.type(a, scope));
            return proc;
        }
        List<Decl.Param> params = proc.get().params();
        String quoted = "'" + target.name() + "'";
        arity(quoted, params.size(), args, target.span(), "'" + target.name() + "' is declared at "
                + proc.get().name().span().position());
        for (int i = 0; i < args.size(); i++) {
            if (i >= params.size()) {
                exprs.type(args.get(i), scope);
                continue;
            }
            Decl.Param p = params.get(i);
            argument(ArgumentRule.of(p.type()), args.get(i), scope,
                    quoted + " needs " + ArgumentRule.of(p.type()).describe() + " for parameter '" + p.name().name()
                            + "'");
        }
        return proc;
    }

    private Optional<Decl.Proc> callee(Ident target) {
        Optional<Symbol> s = exprs.resolver().symbols().lookup(target.name());
        if (s.isPresent() && s.get() instanceof Symbol.ProcSym p) return Optional.of(p.decl());
        if (s.isPresent()) {
            diagnostics.error(DiagnosticCode.UNKNOWN_PROCEDURE, target.span(),
                    "'" + target.name() + "' is " + s.get().description() + ", not a procedure",
                    "'" + target.name() + "' is declared at " + s.get().name().span().position());
            return Optional.empty();
        }
        if (target.name().equals(Expr.Call.READ_ONCE)) {
            diagnostics.error(DiagnosticCode.UNKNOWN_PROCEDURE, target.span(),
                    "READ_ONCE() reads a value and runs nothing, so it cannot stand as a statement",
                    "use what it reads: if (READ_ONCE(x)) { ... } or bool seen = READ_ONCE(x);");
            return Optional.empty();
        }
        Stream<String> candidates = Stream.concat(
                exprs.resolver().symbols().all(Symbol.ProcSym.class).stream().map(p -> p.name().name()),
                Arrays.stream(BuiltinOp.values()).map(BuiltinOp::spelling));
        diagnostics.error(DiagnosticCode.UNKNOWN_PROCEDURE, target.span(),
                "'" + target.name() + "' is neither a declared procedure nor a builtin",
                Suggestions.note(Suggestions.closest(target.name(), candidates)));
        return Optional.empty();
    }

    private void arity(String callee, int wanted, List<Expr> args, SourceSpan name, String... notes) {
        if (args.size() == wanted) return;
        SourceSpan at = args.size() > wanted ? args.get(wanted).span().to(args.get(args.size() - 1).span()) : name;
        diagnostics.error(DiagnosticCode.ARITY_MISMATCH, at, callee + " takes " + wanted + " argument"
                + (wanted == 1 ? "" : "s") + ", not " + args.size(), notes);
    }

    /** {@code needs} starts the message: "down_read needs an rwsem". */
    private void argument(ArgumentRule rule, Expr arg, Scope scope, String needs) {
        if (rule instanceof ArgumentRule.Gfp) {
            gfp(arg, needs);
            return;
        }
        if (rule instanceof ArgumentRule.ClassKey && isFreeName(arg, scope)) return;
        String message = needs.endsWith("needs ") ? needs + rule.describe() : needs;
        Typed t = exprs.type(arg, scope);
        if (!t.known() || rule.accepts(t.type())) return;
        diagnostics.error(rule.codeFor(t.type()), arg.span(),
                message + ", but '" + ExprText.of(arg) + "' is " + t.description(), t.declarationNote());
    }

    /** A class key is a name nothing else declares: a lock, a variable or a set member is not one. */
    private boolean isFreeName(Expr arg, Scope scope) {
        if (!(arg instanceof Expr.Name n)) return false;
        String name = n.name().name();
        return exprs.resolver().symbols().lookup(name).isEmpty() && scope.local(name).isEmpty()
                && BuiltinOp.bySpelling(name).isEmpty();
    }

    private void gfp(Expr arg, String needs) {
        if (arg instanceof Expr.Name n && Gfp.byName(n.name().name()).isPresent()) return;
        if (arg instanceof Expr.Flags f) {
            mask(f);
            return;
        }
        if (arg instanceof Expr.Name n && Gfp.isModifier(n.name().name())) {
            diagnostics.error(DiagnosticCode.UNKNOWN_GFP, arg.span(), "'" + n.name().name()
                    + "' is a modifier, not a GFP context", "or it onto a context: GFP_KERNEL | " + n.name().name());
            return;
        }
        String message = arg instanceof Expr.Name n
                ? "unknown GFP context '" + n.name().name() + "'"
                : needs + "a GFP context, not '" + ExprText.of(arg) + "'";
        diagnostics.error(DiagnosticCode.UNKNOWN_GFP, arg.span(), message, "GFP contexts: " + GFP_NAMES);
    }

    /** One context or'ed with modifiers, less clearable bits: each name known, exactly one context. */
    private void mask(Expr.Flags f) {
        for (Ident n : f.cleared()) {
            if (!Gfp.isClearable(n.name())) {
                diagnostics.error(DiagnosticCode.UNKNOWN_GFP, n.span(), "a mask clears only "
                        + String.join(" or ", Gfp.clearable()) + ", not '" + n.name() + "'",
                        "e.g. GFP_KERNEL & ~__GFP_FS");
                return;
            }
        }
        for (Ident n : f.names()) {
            if (!Gfp.isContext(n.name()) && !Gfp.isModifier(n.name())) {
                diagnostics.error(DiagnosticCode.UNKNOWN_GFP, n.span(), "unknown GFP flag '" + n.name() + "'",
                        "GFP contexts: " + GFP_NAMES, "modifiers: " + GFP_MODIFIERS);
                return;
            }
        }
        long contexts = f.names().stream().filter(n -> Gfp.isContext(n.name())).count();
        if (contexts != 1) {
            diagnostics.error(DiagnosticCode.UNKNOWN_GFP, f.span(), "a GFP mask is one context with modifiers, but '"
                    + ExprText.of(f) + "' has " + contexts + " contexts",
                    "e.g. GFP_NOFS | __GFP_NOFAIL; modifiers: " + GFP_MODIFIERS);
        }
    }
}
