package io.vmlock.ir;

import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.Stmt;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@code init} blocks while lowering, in declaration order: they only assign constants
 * to globals (the checker saw to that), so the starting state is known before the search and a
 * global just starts with other values per element. No step, no trace, no interleaving.
 */
final class StartingValues {
    private final Map<String, GlobalVar> globals;
    private final Map<String, InstanceSet> sets;
    private final ExprLowering exprs;
    private final Map<String, int[]> values = new LinkedHashMap<>();
    private final Map<String, ObjectClass> objects;
    /** lockdep_set_class: object instance -> the key of its lockdep class. */
    private final Map<Integer, String> classKeys = new java.util.TreeMap<>();
    private final Map<String, Integer> loopVariables = new HashMap<>();

    private StartingValues(Map<String, GlobalVar> globals, Map<String, InstanceSet> sets,
                           Map<String, ObjectClass> objects, ExprLowering exprs) {
        this.globals = globals;
        this.objects = objects;
        this.sets = sets;
        this.exprs = exprs;
    }

    /**
     * Replaces, in {@code globals}, each variable an init block sets by one with its new starting
     * values; returns the lockdep class keys the blocks set, by object instance.
     */
    static Map<Integer, String> apply(List<Decl.Init> inits, Map<String, GlobalVar> globals,
                                      Map<String, InstanceSet> sets, Map<String, ObjectClass> objects, ExprLowering exprs) {
        StartingValues run = new StartingValues(globals, sets, objects, exprs);
        inits.forEach(i -> run.run(i.body()));
        run.values.forEach((name, v) -> {
            GlobalVar g = globals.get(name);
            globals.put(name, new GlobalVar(g.name(), g.bool(), g.low(), g.high(), g.set(), g.firstSlot(),
                    java.util.Arrays.stream(v).boxed().toList(), g.span()));
        });
        return run.classKeys;
    }

    private void run(Stmt s) {
        if (s instanceof Stmt.Block b) {
            b.statements().forEach(this::run);
        } else if (s instanceof Stmt.Foreach f) {
            InstanceSet set = sets.get(f.set().name());
            for (int i = 0; i < set.size(); i++) {
                loopVariables.put(f.variable().name(), i);
                run(f.body());
            }
            loopVariables.remove(f.variable().name());
        } else if (s instanceof Stmt.Assign a) {
            GlobalVar g = globals.get(a.target().name());
            int[] v = values.computeIfAbsent(g.name(), n -> g.initial().stream().mapToInt(Integer::intValue).toArray());
            v[a.index().map(this::index).orElse(0)] = exprs.constant(a.value());
        } else if (s instanceof Stmt.Builtin b && b.op() == BuiltinOp.LOCKDEP_SET_CLASS) {
            classKeys.put(instance(b.args().get(0)), ((Expr.Name) b.args().get(1)).name().name());
        } else {
            throw new IllegalStateException("init holds a statement the checker rejects: " + s);
        }
    }

    /** The object instance {@code l} or {@code l[i]} names (a constant or loop-variable index, as the checker saw to). */
    private int instance(Expr lock) {
        if (lock instanceof Expr.Index i) return objects.get(i.name().name()).instance(index(i.index()));
        return objects.get(((Expr.Name) lock).name().name()).firstInstance();
    }

    private int index(Expr e) {
        if (e instanceof Expr.Name n && loopVariables.containsKey(n.name().name())) return loopVariables.get(n.name().name());
        return exprs.constant(e);
    }
}
