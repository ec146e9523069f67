package io.vmlock.lockorder;

import io.vmlock.graph.Dependency;
import io.vmlock.graph.HierarchyPrinter;
import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockEdge;
import io.vmlock.graph.LockKind;
import io.vmlock.solve.FixSet;
import java.util.List;
import java.util.stream.Collectors;

/** The text {@code vmlock order} prints: fix suggestions when cyclic, then the hierarchy. */
public final class OrderText {
    private OrderText() {
    }

    public static String render(OrderSynthesis.Result r) {
        StringBuilder out = new StringBuilder();
        r.fix().ifPresent(fix -> fixSuggestions(r, fix, out));
        List<LockEdge> excluded = r.fix().map(FixSet::edges).orElse(List.of());
        out.append(new HierarchyPrinter(r.graph(), r.hierarchy().order(), excluded).render());
        out.append('\n').append("Total order (choco-solver, ").append(r.cyclic()
                ? "consistent with every edge but the fix set" : "consistent with every edge").append("):\n  ");
        out.append(r.hierarchy().order().stream().map(LockClass::name).collect(Collectors.joining(" < "))).append('\n');
        return out.toString();
    }

    /** What to change, in the words of the context the edge enters. */
    private static String advice(LockEdge e) {
        String held = e.source().name();
        if (!(e.target().kind() instanceof LockKind.Pseudo context)) {
            return e.target().name() + " is taken while " + held + " is held; take it before " + held + ", or drop it";
        }
        return switch (context) {
            case HARDIRQ -> held + " is held with interrupts enabled while a handler takes it; disable interrupts "
                    + "while holding it (spin_lock_irqsave)";
            case RECLAIM -> "an allocation that may enter " + e.target().name() + " runs while " + held
                    + " is held; allocate before taking it, or with GFP_NOFS / GFP_NOIO (memalloc_nofs_save)";
            case FAULT -> "a user copy that may fault (" + e.target().name() + ") runs while " + held
                    + " is held; copy before taking it, or prefault and retry";
        };
    }

    private static String what(Dependency d) {
        if (d.to().isPseudo()) return "enters " + d.to().name();
        String mode = d.acquired().mode();
        return "takes " + d.acquired().label() + (mode.isEmpty() ? "" : " (" + mode + ")");
    }

    private static void fixSuggestions(OrderSynthesis.Result r, FixSet fix, StringBuilder out) {
        long cycles = r.components().size();
        out.append("The lock-order graph is cyclic (").append(cycles).append(cycles == 1 ? " component: " : " components: ")
                .append(r.components().stream().map(c -> c.stream().map(LockClass::name).collect(Collectors.joining(", ")))
                        .map(s -> "{" + s + "}").collect(Collectors.joining(" ")))
                .append("), so no hierarchy respects every edge.\n\n");
        out.append("Minimum fix set: ").append(fix.edges().size()).append(fix.edges().size() == 1 ? " edge, " : " edges, ")
                .append(fix.weight()).append(fix.weight() == 1 ? " acquisition path" : " acquisition paths")
                .append(" to change (choco-solver: ").append(fix.status()).append(")\n");
        for (LockEdge e : fix.edges()) {
            out.append("  ").append(advice(e)).append(", at:\n");
            for (Dependency d : e.blocking()) {
                out.append("    ").append(d.acquired().site().span().position()).append(": ").append(what(d))
                        .append(" in ").append(d.acquired().site().callPath()).append(", ").append(d.held().label())
                        .append(" held since ").append(d.held().site().span().position()).append('\n');
            }
        }
        out.append("\nWith those acquisitions changed, the hierarchy is:\n\n");
    }
}
