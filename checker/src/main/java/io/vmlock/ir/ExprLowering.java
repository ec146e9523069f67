package io.vmlock.ir;

import io.vmlock.ast.Expr;
import io.vmlock.ast.Ident;
import io.vmlock.ast.ObjectKind;
import io.vmlock.ast.ParamType;
import io.vmlock.sema.ConstEvaluator;
import io.vmlock.sema.Symbol;
import io.vmlock.sema.SymbolTable;
import java.util.List;
import java.util.Map;

/**
 * Resolves the names of expressions and object arguments against a scope, then the globals.
 * The program is checked, so every name resolves and has the right kind; a failure here is a bug.
 */
final class ExprLowering {
    private final SymbolTable symbols;
    private final ConstEvaluator constants;
    private final Map<String, ObjectClass> objects;
    private final Map<String, GlobalVar> globals;
    private final Map<String, GlobalVar> perThread;
    private final Map<String, Integer> mappings;
    private final Map<String, InstanceSet> sets;

    ExprLowering(SymbolTable symbols, Map<String, InstanceSet> sets, Map<String, ObjectClass> objects,
                 Map<String, GlobalVar> globals, Map<String, GlobalVar> perThread, Map<String, Integer> mappings) {
        this.symbols = symbols;
        this.sets = sets;
        this.constants = new ConstEvaluator(symbols);
        this.objects = objects;
        this.globals = globals;
        this.perThread = perThread;
        this.mappings = mappings;
    }

    List<String> setMembers(String set) {
        return sets.get(set).members();
    }

    int setSize(String set) {
        return sets.get(set).size();
    }

    /** An assignment's target that is not a local: a global, or the thread's own per-thread variable. */
    VarRef target(String name, IrExpr index) {
        if (perThread.containsKey(name)) return new VarRef.CurrentElement(perThread.get(name), index);
        GlobalVar g = globals.get(name);
        if (g == null) throw bug("unknown variable " + name);
        return new VarRef.GlobalElement(g, index);
    }

    int constant(Expr e) {
        return (int) constants.evaluate(e).orElseThrow(() -> bug("not a constant: " + e.span()));
    }

    IrExpr lower(Expr e, Scope scope) {
        return e.accept(new Expr.Visitor<IrExpr>() {
            public IrExpr visitIntLit(Expr.IntLit x) {
                return new IrExpr.Const((int) x.value(), Long.toString(x.value()));
            }

            public IrExpr visitBoolLit(Expr.BoolLit x) {
                return new IrExpr.Const(x.value() ? 1 : 0, Boolean.toString(x.value()));
            }

            public IrExpr visitName(Expr.Name x) {
                return name(x.name(), scope);
            }

            public IrExpr visitIndex(Expr.Index x) {
                return index(x.name(), lower(x.index(), scope), scope);
            }

            public IrExpr visitUnary(Expr.Unary x) {
                return new IrExpr.Unary(x.op(), lower(x.operand(), scope));
            }

            public IrExpr visitBinary(Expr.Binary x) {
                return new IrExpr.Binary(x.op(), lower(x.left(), scope), lower(x.right(), scope));
            }

            public IrExpr visitFlags(Expr.Flags x) {
                throw bug("a GFP mask outside an allocation at " + x.span());
            }

            /** The call ran before the statement; its temporary holds what it returned. */
            public IrExpr visitCall(Expr.Call x) {
                if (x.isReadOnce()) return lower(x.args().get(0), scope);
                LocalSlot temporary = scope.lookup(ExprLowering.temporaryKey(x)).flatMap(Scope.Binding::slot)
                        .orElseThrow(() -> bug("call of " + x.callee().name() + " not run before its statement"));
                return new IrExpr.Local(temporary.index(), temporary.name());
            }
        });
    }

    /** A lock or completion argument of a builtin. */
    ObjectRef object(Expr e, Scope scope) {
        if (e instanceof Expr.Index x) {
            return new ObjectRef.Named(objectClass(x.name()), lower(x.index(), scope));
        }
        Ident name = ((Expr.Name) e).name();
        var local = scope.lookup(name.name()).flatMap(Scope.Binding::slot);
        if (local.isPresent()) {
            ParamType type = local.get().paramType().orElseThrow(() -> bug(name.name() + " is not an object"));
            ObjectKind kind = ((ParamType.ObjectParam) type).kind();
            return new ObjectRef.Param(local.get().index(), name.name(), kind);
        }
        return new ObjectRef.Named(objectClass(name), new IrExpr.Const(0, ""));
    }

    private ObjectClass objectClass(Ident name) {
        ObjectClass c = objects.get(name.name());
        if (c == null) throw bug("unknown object " + name.name() + " at " + name.span());
        return c;
    }

    private IrExpr name(Ident name, Scope scope) {
        var binding = scope.lookup(name.name());
        if (binding.isPresent()) {
            if (binding.get().constant().isPresent()) return binding.get().constant().get();
            LocalSlot slot = binding.get().slot().get();
            return new IrExpr.Local(slot.index(), slot.name());
        }
        Symbol sym = symbols.lookup(name.name()).orElseThrow(() -> bug("unresolved name " + name.name()));
        if (sym instanceof Symbol.GlobalVarSym) return variable(name.name(), new IrExpr.Const(0, ""));
        if (sym instanceof Symbol.MappingSym) {
            return new IrExpr.Const(mappings.get(name.name()), name.name());
        }
        if (sym instanceof Symbol.ObjectSym) {
            return new IrExpr.ObjectValue(new ObjectRef.Named(objectClass(name), new IrExpr.Const(0, "")));
        }
        // constants and instance names
        return new IrExpr.Const((int) constants.evaluate(new Expr.Name(name, name.span()))
                .orElseThrow(() -> bug("not a value: " + name.name())), name.name());
    }

    private IrExpr index(Ident name, IrExpr index, Scope scope) {
        var binding = scope.lookup(name.name()).flatMap(Scope.Binding::slot);
        if (binding.isPresent()) return new IrExpr.LocalElement(binding.get(), index);
        if (globals.containsKey(name.name()) || perThread.containsKey(name.name())) return variable(name.name(), index);
        return new IrExpr.ObjectValue(new ObjectRef.Named(objectClass(name), index));
    }

    private IrExpr variable(String name, IrExpr index) {
        GlobalVar current = perThread.get(name);
        return current != null ? new IrExpr.Current(current, index) : new IrExpr.Global(globals.get(name), index);
    }

    /** The scope name a call's temporary is bound under: no identifier contains a parenthesis. */
    static String temporaryKey(Expr.Call call) {
        return "()" + call.span().file() + ":" + call.span().line() + ":" + call.span().column();
    }

    static IllegalStateException bug(String message) {
        return new IllegalStateException("lowering a checked program: " + message);
    }
}
