package io.vmlock.sema;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Ident;
import io.vmlock.ast.Program;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import java.util.ArrayList;
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
        program.declarations().forEach(d -> declare(d, program, symbols, diagnostics));
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

    private static void declare(Decl d, Program program, Map<String, Symbol> symbols, Diagnostics diagnostics) {
        symbolsOf(d, program).forEach(s -> put(s, symbols, diagnostics));
    }

    /** The names a declaration declares; imports, reclaim paths, orders, invariants and expects declare none. */
    private static List<Symbol> symbolsOf(Decl d, Program program) {
        if (d instanceof Decl.SetDecl s) {
            List<Symbol> set = new ArrayList<>(List.of(new Symbol.SetSym(s)));
            for (int i = 0; i < s.members().size(); i++) set.add(new Symbol.InstanceSym(s.members().get(i), s, i));
            return set;
        }
        if (d instanceof Decl.ObjectDecl o) return List.of(new Symbol.ObjectSym(o));
        if (d instanceof Decl.Var v) return List.of(new Symbol.GlobalVarSym(v));
        if (d instanceof Decl.Const c) return List.of(new Symbol.ConstSym(c));
        if (d instanceof Decl.Mapping m) return List.of(new Symbol.MappingSym(m));
        if (d instanceof Decl.Workqueue w) return List.of(new Symbol.WorkqueueSym(w));
        if (d instanceof Decl.Work w) return List.of(new Symbol.WorkSym(w));
        if (d instanceof Decl.Proc p) return List.of(new Symbol.ProcSym(p));
        if (d instanceof Decl.Thread t) return List.of(new Symbol.ThreadSym(t));
        if (d instanceof Decl.Interrupt i) return List.of(new Symbol.InterruptSym(i));
        if (d instanceof Decl.Hook h && defaultInUse(h, program)) return List.of(new Symbol.ProcSym(h.defaultProc().orElseThrow()));
        return List.of();
    }

    /**
     * Whether a hook's default body is the procedure its name calls: the one place that chooses.
     * Any other declaration of the name replaces it (HookCheck then holds a procedure to the
     * hook's signature; two procedures are a duplicate name), as a filesystem that sets
     * ->pfn_mkwrite replaces the kernel's NULL-method path. The resolver, the lowering and the
     * language server all see the choice through the table (or, with no table, through this).
     */
    public static boolean defaultInUse(Decl.Hook hook, Program program) {
        if (hook.defaultBody().isEmpty()) return false;
        String name = hook.name().name();
        // a second hook of the name is a duplicate-name already: its default adds no second one
        if (program.all(Decl.Hook.class).stream().filter(h -> h.name().name().equals(name)).findFirst().orElseThrow() != hook) {
            return false;
        }
        return program.declarations().filter(d -> !(d instanceof Decl.Hook))
                .flatMap(d -> symbolsOf(d, program).stream())
                .noneMatch(s -> s.name().name().equals(name));
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
