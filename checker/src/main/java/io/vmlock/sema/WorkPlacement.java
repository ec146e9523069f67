package io.vmlock.sema;

import io.vmlock.ast.Decl;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Which workqueue each work item goes on, as far as the checks need it: a work item per member
 * on a workqueue per member goes on the same member's ({@code on wq_of[inode]}), or on the one
 * constant member its index names; unindexed ones on their one workqueue.
 */
final class WorkPlacement {
    private WorkPlacement() {
    }

    /** The member of the work's workqueue that member {@code member} of the work goes on; empty: not known here. */
    static OptionalInt workqueueMember(Decl.Work w, int member, ConstEvaluator evaluator) {
        if (w.workqueueIndex().isEmpty()) return OptionalInt.of(0);
        if (w.indexedByMember()) return OptionalInt.of(member);
        var value = evaluator.evaluate(w.workqueueIndex().get());
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    /** The member of {@code q} with the most work items (0 for an unindexed one), and how many. */
    record Busiest(int member, long items) {
    }

    static Busiest busiestMember(Decl.Workqueue q, SymbolTable symbols, ConstEvaluator evaluator) {
        Map<Integer, Long> counts = new TreeMap<>();
        for (Symbol.WorkSym sym : symbols.all(Symbol.WorkSym.class)) {
            Decl.Work w = sym.decl();
            if (!w.workqueue().name().equals(q.name().name())) continue;
            int members = w.set().flatMap(s -> symbols.lookup(s.name(), Symbol.SetSym.class))
                    .map(s -> s.decl().members().size()).orElse(1);
            for (int m = 0; m < members; m++) {
                workqueueMember(w, m, evaluator).ifPresent(on -> counts.merge(on, 1L, Long::sum));
            }
        }
        Busiest busiest = new Busiest(0, 0);
        for (var e : counts.entrySet()) if (e.getValue() > busiest.items()) busiest = new Busiest(e.getKey(), e.getValue());
        return busiest;
    }
}
