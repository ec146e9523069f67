package io.vmlock.sema;

import io.vmlock.ast.Decl;
import java.util.Map;
import java.util.TreeMap;

/** How many work items each member of a workqueue holds ({@link Decl.Work#workqueueMember}). */
final class WorkPlacement {
    private WorkPlacement() {
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
                w.workqueueMember(m, evaluator::evaluate).ifPresent(on -> counts.merge(on, 1L, Long::sum));
            }
        }
        Busiest busiest = new Busiest(0, 0);
        for (var e : counts.entrySet()) if (e.getValue() > busiest.items()) busiest = new Busiest(e.getKey(), e.getValue());
        return busiest;
    }
}
