package io.vmlock.sema;

import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.Ident;
import io.vmlock.ast.ParamType;
import io.vmlock.diag.DiagnosticCode;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Checks each top-level declaration; bodies are left to {@link BodyChecker}. */
final class DeclChecker implements Decl.Visitor<Void> {
    private static final Set<String> RECLAIM_FLAGS = Set.of("__GFP_FS", "__GFP_IO");
    private final Checkers c;
    /** lockdep_set_class keys across every init block: each belongs to one lock declaration. */
    private final java.util.Map<String, io.vmlock.ast.Ident> classKeys = new java.util.LinkedHashMap<>();

    DeclChecker(Checkers c) {
        this.c = c;
    }

    public Void visitImport(Decl.Import d) {
        return null; // resolved by the loader
    }

    public Void visitSet(Decl.SetDecl d) {
        return null; // its names are checked by the symbol table
    }

    public Void visitObject(Decl.ObjectDecl d) {
        d.set().ifPresent(set -> c.resolver().requireSet(set, c.diagnostics()));
        return null;
    }

    public Void visitVar(Decl.Var d) {
        c.vars().variable(d, Scope.global(), true);
        return null;
    }

    public Void visitConst(Decl.Const d) {
        c.vars().constant(d);
        return null;
    }

    public Void visitMapping(Decl.Mapping d) {
        Set<String> seen = new HashSet<>();
        for (Decl.MappingAttr a : d.attributes()) {
            String key = a.key().name();
            if (!key.equals("fault")) {
                c.diagnostics().error(DiagnosticCode.UNKNOWN_ATTRIBUTE, a.key().span(),
                        "a mapping has no attribute '" + key + "'", "its one attribute is: fault = handler(args);");
            } else if (!seen.add(key)) {
                c.diagnostics().error(DiagnosticCode.DUPLICATE_NAME, a.key().span(),
                        "mapping '" + d.name().name() + "' gives its '" + key + "' handler twice");
            }
            c.calls().procedure(a.target(), a.args(), Scope.global());
            boundOnce(a.args(), "the fault handler of mapping '" + d.name().name() + "'");
        }
        return null;
    }

    public Void visitReclaim(Decl.Reclaim d) {
        d.needs().filter(flag -> !RECLAIM_FLAGS.contains(flag.name())).ifPresent(flag ->
                c.diagnostics().error(DiagnosticCode.UNKNOWN_GFP, flag.span(), "unknown reclaim flag '" + flag.name() + "'",
                        "a reclaim path needs __GFP_FS, __GFP_IO, or no flag at all"));
        c.calls().procedure(d.target(), d.args(), Scope.global());
        boundOnce(d.args(), "a reclaim path");
        return null;
    }

    /** An ordered workqueue's items share one state variable, which must stay an int. */
    public Void visitWorkqueue(Decl.Workqueue d) {
        d.set().ifPresent(set -> c.resolver().requireSet(set, c.diagnostics()));
        WorkPlacement.Busiest busiest = WorkPlacement.busiestMember(d, c.symbols(), c.evaluator());
        if (d.ordered() && busiest.items() > Decl.Workqueue.ORDERED_MAX_ITEMS) {
            String member = d.set().flatMap(set -> c.symbols().lookup(set.name(), Symbol.SetSym.class))
                    .filter(set -> busiest.member() < set.decl().members().size())
                    .map(set -> "[" + set.decl().members().get(busiest.member()).name() + "]").orElse("");
            c.diagnostics().error(DiagnosticCode.OUT_OF_RANGE, d.name().span(), "ordered workqueue '" + d.name().name()
                    + member + "' has " + busiest.items() + " work items; at most " + Decl.Workqueue.ORDERED_MAX_ITEMS
                    + " can be modelled",
                    "split the scenario, or declare the items that never wait for each other on a workqueue");
        }
        return null;
    }

    /**
     * The worker calls the target with these arguments; the work item is queued on one workqueue.
     * A work item per member names the member by its set's name, in the arguments and in the
     * index of its workqueue.
     */
    public Void visitWork(Decl.Work d) {
        Scope scope = Scope.global();
        if (d.set().isPresent() && c.resolver().requireSet(d.set().get(), c.diagnostics()).isPresent()) {
            scope = Scope.global().child();
            String set = d.set().get().name();
            scope.put(Binding.of(d.set().get(), "the member of set '" + set + "' the work item is for",
                    new ValueType.Instance(set)));
        }
        c.calls().procedure(d.target(), d.args(), scope);
        boundOnce(d.args(), "work item '" + d.name().name() + "'");
        var wq = c.symbols().lookup(d.workqueue().name());
        if (wq.isEmpty()) {
            c.diagnostics().error(DiagnosticCode.UNDECLARED_NAME, d.workqueue().span(),
                    "workqueue '" + d.workqueue().name() + "' is not declared", "declare it: workqueue "
                            + d.workqueue().name() + ";");
        } else if (!(wq.get() instanceof Symbol.WorkqueueSym q)) {
            c.diagnostics().error(DiagnosticCode.TYPE_MISMATCH, d.workqueue().span(),
                    "'" + d.workqueue().name() + "' is " + wq.get().description() + ", not a workqueue");
        } else {
            workqueueIndex(d, q.decl(), scope);
        }
        return null;
    }

    /** A workqueue per member is named by its index: the work item's member, or a member's name. */
    private void workqueueIndex(Decl.Work d, Decl.Workqueue q, Scope scope) {
        String name = q.name().name();
        if (q.set().isPresent() && d.workqueueIndex().isEmpty()) {
            c.diagnostics().error(DiagnosticCode.INDEX_MISMATCH, d.workqueue().span(), "workqueue '" + name
                    + "' is one per instance of set '" + q.set().get().name() + "'; name which: on " + name + "[...]");
            return;
        }
        // an index of the set's type is a member's name or the work item's own member: constant per member
        d.workqueueIndex().ifPresent(index ->
                c.exprs().checkIndex(c.resolver().binding(new Symbol.WorkqueueSym(q)), index, scope));
    }

    /**
     * A handler's arguments are evaluated once, when it is declared (the compiled search binds
     * them as constants): a variable there, global or per-thread, has no value yet.
     */
    private void boundOnce(java.util.List<Expr> args, String what) {
        for (Expr arg : args) {
            for (Ident name : namesRead(arg)) {
                boolean variable = name.isCurrentField()
                        || c.symbols().lookup(name.name()).filter(sym -> sym instanceof Symbol.GlobalVarSym).isPresent();
                if (variable) {
                    c.diagnostics().error(DiagnosticCode.NOT_CONSTANT, name.span(), "the arguments of " + what
                            + " are bound once, when it is declared, but '" + name.name() + "' is a variable",
                            "pass a constant, a set member or a lock, and read the variable inside the handler");
                }
            }
        }
    }

    /** The names an expression reads (plain and indexed), in order. */
    private static java.util.List<Ident> namesRead(Expr e) {
        java.util.List<Ident> found = new java.util.ArrayList<>();
        if (e instanceof Expr.Name n) found.add(n.name());
        if (e instanceof Expr.Index x) {
            found.add(x.name());
            found.addAll(namesRead(x.index()));
        }
        if (e instanceof Expr.Unary u) found.addAll(namesRead(u.operand()));
        if (e instanceof Expr.Binary b) {
            found.addAll(namesRead(b.left()));
            found.addAll(namesRead(b.right()));
        }
        return found;
    }

    public Void visitProc(Decl.Proc d) {
        Scope scope = Scope.global().child();
        for (Decl.Param p : d.params()) {
            if (p.type() instanceof ParamType.InstanceParam i) c.resolver().requireSet(i.set(), c.diagnostics());
            BodyChecker.declare(c, scope, Binding.of(p.name(), describe(p.type()), ValueType.of(p.type())));
        }
        BodyChecker.check(c, scope, d);
        return null;
    }

    /**
     * Its parameters' sets must exist, and a default body is checked as a procedure's, in use or
     * not; the rest is {@link HookCheck}'s, once every definition is known.
     */
    public Void visitHook(Decl.Hook d) {
        if (d.defaultProc().isPresent()) return visitProc(d.defaultProc().get());
        for (Decl.Param p : d.params()) {
            if (p.type() instanceof ParamType.InstanceParam i) c.resolver().requireSet(i.set(), c.diagnostics());
        }
        return null;
    }

    private static String describe(ParamType t) {
        if (t instanceof ParamType.InstanceParam i) return "a parameter of set '" + i.set().name() + "'";
        return ValueType.article(t.spelling() + " parameter");
    }

    public Void visitThread(Decl.Thread d) {
        BodyChecker.check(c, Scope.global(), d.body());
        return null;
    }

    public Void visitInterrupt(Decl.Interrupt d) {
        for (Ident t : d.threads()) {
            requireGlobal(t, s -> s instanceof Symbol.ThreadSym, DiagnosticCode.TYPE_MISMATCH,
                    "interrupt '" + d.name().name() + "' may run on threads");
        }
        BodyChecker.check(c, Scope.global(), d.body());
        return null;
    }

    public Void visitOrder(Decl.Order d) {
        for (Ident name : d.classes()) {
            requireGlobal(name, s -> s instanceof Symbol.ObjectSym o && o.decl().kind().isLock(),
                    DiagnosticCode.ORDER_UNKNOWN_LOCK, "a lock order lists lock classes");
        }
        return null;
    }

    /** Reports a name that is undeclared, or declared as something {@code wanted} rejects. */
    private void requireGlobal(Ident name, Predicate<Symbol> wanted, DiagnosticCode code, String needs) {
        Optional<Symbol> s = c.symbols().lookup(name.name());
        if (s.isEmpty()) {
            c.resolver().resolve(name, Scope.global(), c.diagnostics());
        } else if (!wanted.test(s.get())) {
            c.diagnostics().error(code, name.span(), needs + ", but '" + name.name() + "' is " + s.get().description(),
                    "'" + name.name() + "' is declared at " + s.get().name().span().position());
        }
    }

    public Void visitInvariant(Decl.Invariant d) {
        c.exprs().requireBool(d.condition(), Scope.global(), "an invariant");
        perThreadNames(d.condition()).forEach(name -> c.diagnostics().error(DiagnosticCode.TYPE_MISMATCH, name.span(),
                "an invariant holds of the whole state, but '" + name.name() + "' has a value per thread",
                "check it in the threads instead: assert(" + name.name() + " ...);"));
        return null;
    }

    /** The per-thread variables an expression reads, which only a running thread has. */
    private static java.util.List<Ident> perThreadNames(Expr e) {
        return namesRead(e).stream().filter(Ident::isCurrentField).toList();
    }

    public Void visitInit(Decl.Init d) {
        InitChecker.check(c, d, classKeys);
        return null;
    }

    public Void visitExpect(Decl.Expect d) {
        return null; // verdict ids are checked when the file is parsed
    }
}
