package io.vmlock.lockorder;

import io.vmlock.graph.Access;
import io.vmlock.graph.Dependency;
import io.vmlock.graph.LockClass;
import io.vmlock.graph.LockCycle;
import io.vmlock.graph.LockEdge;
import io.vmlock.graph.LockKind;
import io.vmlock.graph.Nesting;
import io.vmlock.graph.NestingPoint;
import io.vmlock.graph.OrderViolation;
import io.vmlock.solve.FixSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text {@code vmlock order} prints: declared-order violations; the cycles that can close
 * and the least change that breaks them; the lock ordering that remains; the cycles that
 * cannot close, each with its reason.
 */
public final class OrderText {
    private OrderText() {
    }

    public static String render(OrderSynthesis.Result r) {
        StringBuilder out = new StringBuilder();
        violations(r.violations(), out);
        if (r.cyclic()) closing(r, out);
        List<LockEdge> changed = r.fix().map(FixSet::edges).orElse(List.of());
        out.append(changed.isEmpty() ? "" : "With those changed, the lock ordering is:\n\n");
        out.append(new NestingListing(r.graph(), changed).render());
        dismissed(r.dismissed(), out);
        return out.toString();
    }

    private static void violations(List<OrderViolation> violations, StringBuilder out) {
        if (violations.isEmpty()) return;
        out.append("Declared order broken (").append(violations.size()).append("):\n");
        for (OrderViolation v : violations) out.append("  ").append(v.codeMessage()).append('\n');
        out.append('\n');
    }

    private static void closing(OrderSynthesis.Result r, StringBuilder out) {
        int n = r.closing().size();
        out.append(n).append(n == 1 ? " lock-order cycle can close" : " lock-order cycles can close")
                .append(" (check confirms it or cannot rule it out):\n");
        for (LockCycle c : r.closing()) out.append("  ").append(cycle(c)).append('\n');
        for (LockCycle c : r.unbreakable()) {
            out.append("\nNo change the declared orders allow breaks ").append(cycle(c))
                    .append(": each of its steps is declared; the declarations contradict each other.\n");
        }
        r.fix().ifPresent(fix -> fixSet(fix, out));
        out.append('\n');
    }

    private static void fixSet(FixSet fix, StringBuilder out) {
        long paths = fix.edges().stream().mapToLong(e -> e.blocking().size()).sum();
        out.append("\nLeast change that breaks them, the scenario's own code before the model library's, never a ")
                .append("declared order: ").append(fix.edges().size()).append(fix.edges().size() == 1 ? " step, " : " steps, ")
                .append(paths).append(paths == 1 ? " acquisition path" : " acquisition paths")
                .append(" (choco-solver: ").append(fix.status()).append(")\n");
        for (LockEdge e : fix.edges()) {
            out.append("  ").append(advice(e)).append(", at:\n");
            for (Dependency d : e.blocking()) {
                NestingPoint p = NestingPoint.of(d);
                out.append("    ").append(p.at().position()).append(": ").append(what(d))
                        .append(p.function().map(f -> " in " + f).orElse(""));
                if (!d.from().isPseudo()) {
                    out.append(", ").append(d.held().label()).append(" held since ").append(d.held().site().span().position());
                }
                out.append('\n');
            }
        }
    }

    /** What to change, in the words of the context the step enters. */
    private static String advice(LockEdge e) {
        String held = e.source().name();
        if (e.source().kind() instanceof LockKind.Pseudo source) {
            return e.target().name() + " is taken in " + context(source, e.source())
                    + "; take it outside that context, or not at all";
        }
        if (!(e.target().kind() instanceof LockKind.Pseudo context)) {
            if (e.source().equals(e.target())) return selfNesting(e);
            return e.target().name() + " is taken while " + held + " is held; take it before " + held + ", or drop "
                    + held + " first";
        }
        String entry = e.blocking().get(0).acquired().entry();
        return switch (context) {
            case HARDIRQ -> held + " is held with interrupts enabled while a handler takes it; disable interrupts "
                    + "while holding it (spin_lock_irqsave)";
            case SOFTIRQ -> held + " is held with softirqs enabled while a softirq handler takes it; disable them "
                    + "while holding it (spin_lock_bh, or local_bh_disable)";
            case RECLAIM -> entry + " may enter " + e.target().name() + " while " + held
                    + " is held; allocate before taking it, or with GFP_NOFS / GFP_NOIO (memalloc_nofs_save)";
            case FAULT -> entry + " may fault while " + held + " is held; copy before taking it, or prefault and retry";
        };
    }

    /** A class nested in itself: the advice for the kind of lock, a journal's by the modes of its witness. */
    private static String selfNesting(LockEdge e) {
        String held = e.source().name();
        if (!(e.source().kind() instanceof LockKind.Declared declared)) return held + " nests in itself";
        return switch (declared.kind()) {
            case JOURNAL -> journalSelfNesting(held, e.blocking().get(0));
            // block/blk-mq.c: a freezer that enters its own queue waits for itself to unfreeze it.
            case PERCPU_REF -> "a thread that froze " + held + " waits to enter it; allocate or submit I/O before"
                    + " blk_mq_freeze_queue, or inside memalloc_noio_save()";
            // lockdep's own report for a map nested in itself: a work item flushing its own work
            case LOCKDEP_MAP -> held + " is acquired while it is held (lockdep: possible recursive locking);"
                    + " do not wait for what it annotates from inside it (a work item flushing its own work)";
            case MUTEX, SPINLOCK, RWSEM, PERCPU_RWSEM, BIT_SPINLOCK, SEQLOCK, SEQCOUNT, COMPLETION, BIT_LOCK ->
                    "two " + held + " locks nest; take them in one order (by address), or one at a time";
        };
    }

    /**
     * fs/jbd2 (transaction.c as stored at torvalds/linux 0094f981bbac; commit.c): the commit waits
     * for every running handle to stop (jbd2_journal_commit_transaction -> jbd2_journal_wait_updates);
     * a synchronous handle's jbd2_journal_stop calls stop_this_handle before jbd2_log_wait_commit;
     * start_this_handle waits while updates are locked (j_barrier_count); jbd2__journal_start
     * reuses the thread's running handle (current->journal_info, h_ref++).
     */
    private static String journalSelfNesting(String journal, Dependency witness) {
        boolean handleHeld = witness.held().access() == Access.SHARED;
        boolean handleWanted = witness.acquired().access() == Access.SHARED;
        if (handleHeld && !handleWanted) {
            return "a handle on " + journal + " waits for " + journal + "'s commit, which waits for every running"
                    + " handle to stop, this one too; stop the handle before waiting (mark it synchronous: "
                    + "jbd2_journal_stop waits for the commit after releasing it)";
        }
        if (!handleHeld && handleWanted) {
            return "a handle on " + journal + " is started while its updates are locked, and waits for that"
                    + " barrier to lift; start the handle before jbd2_journal_lock_updates, or after the unlock";
        }
        if (handleHeld) {
            return "a handle on " + journal + " is started inside another; jbd2__journal_start joins the thread's"
                    + " running handle, so start it once and pass it down";
        }
        return journal + "'s updates are locked twice; lock them once";
    }

    private static String context(LockKind.Pseudo kind, LockClass c) {
        return switch (kind) {
            case FAULT -> "a fault handler";
            case RECLAIM -> "reclaim (" + c.name() + ")";
            case HARDIRQ -> "an interrupt handler";
            case SOFTIRQ -> "a softirq handler";
        };
    }

    private static String what(Dependency d) {
        if (d.to().isPseudo()) return "enters " + Nesting.context(d.acquired());
        String mode = d.acquired().mode();
        return "takes " + d.acquired().label() + (mode.isEmpty() ? "" : " (" + mode + ")");
    }

    /**
     * {@code page_lock -> (a fault) -> s_journal -> page_lock}: from its first real lock, a context
     * named by what it is, not by the mapping or thread the model gives it.
     */
    static String cycle(LockCycle c) {
        List<LockClass> classes = c.classes();
        int start = 0;
        while (start < classes.size() - 1 && classes.get(start).isPseudo()) start++;
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= classes.size(); i++) {
            LockClass l = classes.get((start + i) % classes.size());
            names.add(l.kind() == LockKind.Pseudo.FAULT ? "(a fault)" : l.name());
        }
        return String.join(" -> ", names);
    }

    private static void dismissed(List<OrderSynthesis.Dismissal> dismissed, StringBuilder out) {
        if (dismissed.isEmpty()) return;
        Map<String, List<LockCycle>> byReason = new LinkedHashMap<>();
        for (OrderSynthesis.Dismissal d : dismissed) byReason.computeIfAbsent(d.reason(), k -> new ArrayList<>()).add(d.cycle());
        out.append("\nLock-order cycles that cannot close, as check dismisses them (not findings):\n");
        byReason.forEach((reason, cycles) -> {
            out.append("  ").append(reason).append(":\n");
            cycles.forEach(c -> out.append("    ").append(cycle(c)).append('\n'));
        });
    }
}
