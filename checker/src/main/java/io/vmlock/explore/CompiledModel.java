package io.vmlock.explore;

import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import io.vmlock.explore.system.ThreadSystem;
import io.vmlock.explore.system.TransitionSystem;
import java.util.ArrayList;
import java.util.List;

/** A transition system with its packing: the actions per thread and position, ready to run. */
final class CompiledModel {
    final TransitionSystem system;
    private final boolean interrupts;
    final Packing packing;
    final int threads;
    final int[] positionField;
    /** [thread][position] -> the actions leaving it, in move order. */
    final Action[][][] actions;
    final Action[] byId;
    final Eval[] invariants;
    final Eval[] holdsAny;
    final int maxComputedWrites;
    /** [action] -> whether running it may report a finding (a stopped thread, one ending with a lock held). */
    final boolean[] reports;

    CompiledModel(TransitionSystem system, Packing packing) {
        this.system = system;
        this.interrupts = !system.program().interrupts().isEmpty();
        this.packing = packing;
        this.threads = system.threads().size();
        this.positionField = new int[threads];
        this.actions = new Action[threads][][];
        this.holdsAny = new Eval[threads];
        List<Action> all = new ArrayList<>();
        int writes = 0;
        for (ThreadSystem t : system.threads()) {
            positionField[t.thread()] = t.positionField();
            holdsAny[t.thread()] = Eval.of(t.holdsAny());
            Action[][] at = new Action[t.positions().size()][];
            for (int p = 0; p < at.length; p++) {
                List<Command> commands = t.at(p);
                at[p] = new Action[commands.size()];
                for (int i = 0; i < commands.size(); i++) {
                    Action a = new Action(commands.get(i), t.positionField(), packing);
                    at[p][i] = a;
                    all.add(a);
                    writes = Math.max(writes, a.computedWrites());
                }
            }
            actions[t.thread()] = at;
        }
        this.byId = new Action[all.size()];
        for (Action a : all) byId[a.id] = a;
        this.maxComputedWrites = writes;
        this.reports = new boolean[byId.length];
        for (Action a : byId) reports[a.id] = a.command.raisesFinding() || a.kind() == Command.Kind.EXIT;
        this.invariants = system.invariants().stream().map(Eval::of).toArray(Eval[]::new);
    }

    boolean admitted(int[] v) {
        for (Eval inv : invariants) {
            if (inv.eval(v) == 0) return false;
        }
        return true;
    }

    /** The first invariant that fails, or -1. */
    int brokenInvariant(int[] v) {
        for (int i = 0; i < invariants.length; i++) {
            if (invariants[i].eval(v) == 0) return i;
        }
        return -1;
    }

    static boolean isConstTrue(Expr e) {
        return Expr.isTrue(e);
    }

    /** Whether the {@code count} actions from {@code first} are all interrupts arriving. */
    boolean interruptsOnly(int[] actions, int first, int count) {
        if (!interrupts) return false; // the merge asks for every state, and most scenarios have none
        for (int m = first; m < first + count; m++) {
            if (byId[actions[m]].kind() != io.vmlock.explore.system.Command.Kind.INTERRUPT) return false;
        }
        return true;
    }
}
