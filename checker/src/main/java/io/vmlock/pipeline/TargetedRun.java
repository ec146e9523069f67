package io.vmlock.pipeline;

import io.vmlock.budget.Budget;
import io.vmlock.budget.Phase;
import io.vmlock.explore.Explorer;
import io.vmlock.findings.CheckResult;
import io.vmlock.ir.InterruptDef;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.ObjectRef;
import io.vmlock.ir.Op;
import io.vmlock.ir.ThreadDef;
import io.vmlock.lockorder.CycleParticipants;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A search of the cycle's threads only (and the threads that take its locks, such as the fair
 * writers a read cycle needs), with the interrupts that run on them. A deadlock among them is one
 * in the whole scenario too: the other threads can simply not have run yet.
 */
final class TargetedRun {
    private TargetedRun() {
    }

    /** Searches within what is left of the file's budget: a follow-up search gets no budget of its own. */
    static CheckResult run(IrProgram program, CycleParticipants cycle, Explorer.Options options, Budget budget) {
        IrProgram restricted = restrict(program, Set.copyOf(cycle.threads()), cycle.lockClasses());
        return GraphFirstCheck.search(restricted, options, budget, Phase.TARGETED_SEARCH);
    }

    static IrProgram restrict(IrProgram p, Set<String> threads, Set<String> lockClasses) {
        List<ThreadDef> kept = new ArrayList<>();
        List<Integer> newId = new ArrayList<>();
        for (ThreadDef t : p.threads()) {
            boolean keep = threads.contains(t.name()) || takesAny(p, t.body(), lockClasses);
            newId.add(keep ? kept.size() : -1);
            if (keep) kept.add(new ThreadDef(kept.size(), t.name(), t.baseName(), t.copy(), t.daemon(), t.body(), t.span()));
        }
        List<InterruptDef> interrupts = new ArrayList<>();
        for (InterruptDef i : p.interrupts()) {
            List<Integer> on = i.threads().stream().map(newId::get).filter(id -> id >= 0).toList();
            if (!on.isEmpty()) interrupts.add(new InterruptDef(interrupts.size(), i.name(), i.body(), on, i.softirq(), i.span()));
        }
        return new IrProgram(p.mainFile(), p.sets(), p.objects(), p.instanceCount(), p.globals(), p.globalSlotCount(),
                p.perThread(), p.perThreadSlotCount(),
                p.mappings(), p.reclaimPaths(), p.procedures(), kept, interrupts, p.invariants(), p.orders(),
                p.expectations(), p.classKeys());
    }

    /** Whether code reachable from {@code body} acquires one of the classes (or a lock passed in). */
    private static boolean takesAny(IrProgram p, int body, Set<String> lockClasses) {
        Set<Integer> seen = new HashSet<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(body));
        while (!todo.isEmpty()) {
            int proc = todo.pop();
            if (!seen.add(proc)) continue;
            for (Op op : p.procedure(proc).nodes()) {
                if (op instanceof Op.Call c) todo.push(c.procedure());
                if (op instanceof Op.Acquire a && names(a.lock(), lockClasses)) return true;
            }
        }
        return false;
    }

    private static boolean names(ObjectRef ref, Set<String> lockClasses) {
        return ref.namedClass().map(c -> lockClasses.contains(c.name())).orElse(true);
    }
}
