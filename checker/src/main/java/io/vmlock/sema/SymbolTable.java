package io.vmlock.sema;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Ident;
import io.vmlock.ast.Program;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The global namespace of a program (its files and imports share one, as C headers do), in
 * declaration order. Building it reports duplicate names and names that shadow builtins.
 */
public final class SymbolTable {
    private final Map<String, Symbol> symbols;
    /** Hooks live beside the names: a hook and its definition share one. */
    private final Map<String, Decl.Hook> hooks;
    private final Program program;

    private SymbolTable(Program program, Map<String, Symbol> symbols, Map<String, Decl.Hook> hooks) {
        this.program = program;
        this.symbols = Collections.unmodifiableMap(symbols);
        this.hooks = Collections.unmodifiableMap(hooks);
    }

    public static SymbolTable build(Program program, Diagnostics diagnostics) {
        Map<String, Symbol> symbols = new LinkedHashMap<>();
        program.declarations().forEach(d -> declare(d, symbols, diagnostics));
        Map<String, Decl.Hook> hooks = new LinkedHashMap<>();
        program.all(Decl.Hook.class).forEach(h -> hook(h, hooks, diagnostics));
        return new SymbolTable(program, symbols, hooks);
    }

    private static void hook(Decl.Hook h, Map<String, Decl.Hook> hooks, Diagnostics diagnostics) {
        Ident name = h.name();
        if (BuiltinOp.bySpelling(name.name()).isPresent()) {
            diagnostics.error(DiagnosticCode.BUILTIN_REDEFINED, name.span(),
                    "'" + name.name() + "' is a builtin operation and cannot be redeclared");
            return;
        }
        Decl.Hook previous = hooks.putIfAbsent(name.name(), h);
        if (previous != null) {
            diagnostics.error(DiagnosticCode.DUPLICATE_NAME, name.span(),
                    "hook '" + name.name() + "' is already declared", "first declared at " + previous.name().span().position());
        }
    }

    private static void declare(Decl d, Map<String, Symbol> symbols, Diagnostics diagnostics) {
        if (d instanceof Decl.SetDecl s) {
            put(new Symbol.SetSym(s), symbols, diagnostics);
            for (int i = 0; i < s.members().size(); i++) {
                put(new Symbol.InstanceSym(s.members().get(i), s, i), symbols, diagnostics);
            }
        } else if (d instanceof Decl.ObjectDecl o) {
            put(new Symbol.ObjectSym(o), symbols, diagnostics);
        } else if (d instanceof Decl.Var v) {
            put(new Symbol.GlobalVarSym(v), symbols, diagnostics);
        } else if (d instanceof Decl.Const c) {
            put(new Symbol.ConstSym(c), symbols, diagnostics);
        } else if (d instanceof Decl.Mapping m) {
            put(new Symbol.MappingSym(m), symbols, diagnostics);
        } else if (d instanceof Decl.Workqueue w) {
            put(new Symbol.WorkqueueSym(w), symbols, diagnostics);
        } else if (d instanceof Decl.Work w) {
            put(new Symbol.WorkSym(w), symbols, diagnostics);
        } else if (d instanceof Decl.Proc p) {
            put(new Symbol.ProcSym(p), symbols, diagnostics);
        } else if (d instanceof Decl.Thread t) {
            put(new Symbol.ThreadSym(t), symbols, diagnostics);
        } else if (d instanceof Decl.Interrupt i) {
            put(new Symbol.InterruptSym(i), symbols, diagnostics);
        }
        // imports, reclaim paths, orders, invariants and expects declare no names
    }

    private static void put(Symbol s, Map<String, Symbol> symbols, Diagnostics diagnostics) {
        Ident name = s.name();
        if (BuiltinOp.bySpelling(name.name()).isPresent()) {
            diagnostics.error(DiagnosticCode.BUILTIN_REDEFINED, name.span(),
                    "'" + name.name() + "' is a builtin operation and cannot be redeclared");
            return;
        }
        Symbol previous = symbols.putIfAbsent(name.name(), s);
        if (previous != null) {
            diagnostics.error(DiagnosticCode.DUPLICATE_NAME, name.span(),
                    "'" + name.name() + "' is already declared as " + previous.description(),
                    "first declared at " + previous.name().span().position());
        }
    }

    public Program program() {
        return program;
    }

    public Optional<Symbol> lookup(String name) {
        return Optional.ofNullable(symbols.get(name));
    }

    public <T extends Symbol> Optional<T> lookup(String name, Class<T> type) {
        return lookup(name).filter(type::isInstance).map(type::cast);
    }

    /** The hook declared under this name ({@code int vm_ops_fault(page p, bool write);}), if any. */
    public Optional<Decl.Hook> hook(String name) {
        return Optional.ofNullable(hooks.get(name));
    }

    /** Every hook, in declaration order. */
    public List<Decl.Hook> hooks() {
        return List.copyOf(hooks.values());
    }

    /** Every global name, in declaration order. */
    public List<String> names() {
        return List.copyOf(symbols.keySet());
    }

    /** Every symbol of a kind, in declaration order. */
    public <T extends Symbol> List<T> all(Class<T> type) {
        return symbols.values().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
