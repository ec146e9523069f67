package io.vmlock.sema;

import io.vmlock.ast.Decl;
import io.vmlock.ast.Ident;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import java.util.Optional;
import java.util.stream.Stream;

/** Looks names up, locals first, and says what each one is; reports the undeclared ones. */
final class Resolver {
    private final SymbolTable symbols;
    private final ConstTypes constTypes;

    Resolver(SymbolTable symbols, ConstTypes constTypes) {
        this.symbols = symbols;
        this.constTypes = constTypes;
    }

    SymbolTable symbols() {
        return symbols;
    }

    Optional<Binding> find(String name, Scope scope) {
        Optional<Binding> local = scope.local(name);
        return local.isPresent() ? local : symbols.lookup(name).map(this::binding);
    }

    Optional<Binding> resolve(Ident name, Scope scope, Diagnostics diagnostics) {
        Optional<Binding> b = find(name.name(), scope);
        Ident field = Ident.currentField(name.name(), name.span());
        if (b.isEmpty() && symbols.lookup(field.name()).isPresent()) {
            diagnostics.error(DiagnosticCode.UNDECLARED_NAME, name.span(), "'" + name.name() + "' is not declared",
                    "'" + field.name() + "' is: a per-thread variable is read and written through current->");
        } else if (b.isEmpty()) {
            Stream<String> candidates = Stream.concat(scope.names().stream(), symbols.names().stream());
            diagnostics.error(DiagnosticCode.UNDECLARED_NAME, name.span(), "'" + name.name() + "' is not declared",
                    Suggestions.note(Suggestions.closest(name.name(), candidates)));
        }
        return b;
    }

    /** The set a declaration or loop ranges over; reports a name that is not a set. */
    Optional<Decl.SetDecl> requireSet(Ident name, Diagnostics diagnostics) {
        Optional<Symbol> s = symbols.lookup(name.name());
        if (s.isPresent() && s.get() instanceof Symbol.SetSym set) return Optional.of(set.decl());
        if (s.isPresent()) {
            diagnostics.error(DiagnosticCode.TYPE_MISMATCH, name.span(),
                    "'" + name.name() + "' is " + s.get().description() + ", not an instance set",
                    "'" + name.name() + "' is declared at " + s.get().name().span().position());
        } else {
            Stream<String> sets = symbols.all(Symbol.SetSym.class).stream().map(x -> x.name().name());
            diagnostics.error(DiagnosticCode.UNDECLARED_NAME, name.span(), "set '" + name.name() + "' is not declared",
                    Suggestions.note(Suggestions.closest(name.name(), sets)));
        }
        return Optional.empty();
    }

    Binding binding(Symbol s) {
        Ident n = s.name();
        if (s instanceof Symbol.InstanceSym i) return Binding.of(n, s.description(), new ValueType.Instance(i.set().name().name()));
        if (s instanceof Symbol.ObjectSym o) {
            ValueType type = new ValueType.Object(o.decl().kind());
            return new Binding(n, type.describe(), type, o.decl().set().map(Ident::name), false);
        }
        if (s instanceof Symbol.GlobalVarSym v) return variable(v.decl());
        if (s instanceof Symbol.ConstSym c) return constant(c.decl());
        if (s instanceof Symbol.MappingSym) return Binding.of(n, "a mapping", ValueType.MAPPING);
        if (s instanceof Symbol.WorkqueueSym q) {
            return new Binding(n, "a workqueue", ValueType.WORKQUEUE, q.decl().set().map(Ident::name), false);
        }
        if (s instanceof Symbol.WorkSym w) {
            return new Binding(n, "a work item", ValueType.WORK, w.decl().set().map(Ident::name), false);
        }
        return Binding.of(n, s.description(), new ValueType.NotAValue(s.description()));
    }

    /** A global or local variable: assignable, per instance when it names a set. */
    static Binding variable(Decl.Var v) {
        ValueType type = v.type() instanceof io.vmlock.ast.VarType.Bool ? ValueType.BOOL : ValueType.INT;
        return new Binding(v.name(), type.describe() + " variable", type, v.set().map(Ident::name), true);
    }

    private Binding constant(Decl.Const c) {
        ValueType type = constTypes.of(c);
        String description = type instanceof ValueType.Scalar ? type.describe() + " constant" : "a constant";
        return Binding.of(c.name(), description, type);
    }
}
