package io.vmlock.explore.system;

import io.vmlock.ast.ObjectKind;
import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import io.vmlock.ir.Invariant;
import io.vmlock.ir.IrProgram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles a lowered scenario to a {@link TransitionSystem}. Throws {@link Unsupported} for a
 * scenario without finite control (recursion), which the explorer then searches with its
 * reference successor function instead, and {@link io.vmlock.budget.BudgetExhausted} when the
 * file's budget runs out while compiling (control that forks often enough can take long).
 */
public final class SystemCompiler {
    private SystemCompiler() {
    }

    /** Compiles without a deadline (exports): only the heap bounds it. */
    public static TransitionSystem compile(IrProgram program) {
        return compile(program, Budget.heapOnly());
    }

    public static TransitionSystem compile(IrProgram program, Budget budget) {
        budget.check(Phase.COMPILE);
        Fields fields = new Fields(program);
        List<ThreadScan> scans = new ArrayList<>();
        for (int t = 0; t < program.threads().size(); t++) {
            ThreadScan scan = new ThreadScan(program, t);
            scans.add(scan);
            for (Flag flag : Flag.values()) {
                if (scan.flags.contains(flag)) fields.addFlag(t, flag);
            }
        }
        Translate translate = new Translate(program, fields);
        Walker walker = new Walker(program, translate, fields, budget);
        StepRules rules = new StepRules(program, translate, fields);
        ThreadCompiler.CommandIds ids = new ThreadCompiler.CommandIds();
        List<ThreadCompiler> compilers = new ArrayList<>();
        List<Integer> initial = new ArrayList<>(fields.initial());
        for (int t = 0; t < program.threads().size(); t++) {
            budget.check(Phase.COMPILE);
            ThreadCompiler c = new ThreadCompiler(program, t, fields, walker, rules, ids, scans.get(t).interrupts);
            Map<Integer, Integer> start = c.start(List.copyOf(initial));
            while (initial.size() < fields.size()) initial.add(0);
            start.forEach(initial::set);
            compilers.add(c);
        }
        List<ThreadSystem> threads = new ArrayList<>();
        for (int t = 0; t < compilers.size(); t++) {
            ThreadCompiler c = compilers.get(t);
            c.compileAll();
            fields.setPositionCount(t, c.positions().size());
            threads.add(new ThreadSystem(t, fields.position(t), c.positions(), c.commands(), holdsAny(rules, fields, t)));
        }
        while (initial.size() < fields.size()) initial.add(0);
        List<Expr> invariants = new ArrayList<>();
        StepPath none = new StepPath(-1, List.of());
        for (Invariant inv : program.invariants()) {
            Expr defined = translate.defined(inv.condition(), none);
            invariants.add(Expr.and(defined, Expr.truth(translate.value(inv.condition(), none))));
        }
        TransitionSystem system = new TransitionSystem(program, fields, threads, invariants, initial,
                translate.localNumbers());
        java.util.BitSet owners = new java.util.BitSet();
        for (int k = 0; k < fields.instances(); k++) {
            if (fields.kind(k).isLock()) owners.set(fields.object(k, 0));
        }
        return Pruning.prune(system, owners, budget);
    }

    /** The thread holds some lock in some mode: a finding when it ends so. */
    private static Expr holdsAny(StepRules rules, Fields fields, int thread) {
        StepPath p = new StepPath(thread, List.of());
        Expr held = Expr.FALSE;
        for (int k = 0; k < fields.instances(); k++) {
            ObjectKind kind = fields.kind(k);
            if (!kind.isLock() || kind.ownerless()) continue;
            held = Expr.or(held, rules.heldBy(p, fields.object(k, 0)));
            if (kind.modes().hasShared()) {
                held = Expr.or(held, Expr.ne(Expr.read(fields.object(k, 1 + thread)), Expr.FALSE));
            }
        }
        return held;
    }
}
