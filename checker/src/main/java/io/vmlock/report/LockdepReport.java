package io.vmlock.report;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.WaitLink;
import io.vmlock.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Deadlocks as lockdep prints them (kernel/locking/lockdep.c): the "Possible unsafe locking
 * scenario" table, one column per CPU, {@code rlock} for shared holds, under lockdep's names
 * ({@code jbd2_handle} for a journal's handles and commit, as jbd2's lockdep map is called).
 * <ul>
 * <li>print_deadlock_scenario: a thread waiting for a lock it holds itself;</li>
 * <li>print_circular_lock_scenario: a cycle between threads, with "Chain exists of:" when it
 *     has more than two locks;</li>
 * <li>print_usage_bug_scenario ("inconsistent lock state"): an interrupt handler waiting for a
 *     lock the task it interrupted holds, the {@code <Interrupt>} variant of the table;</li>
 * <li>print_irq_lock_scenario ("possible irq lock inversion"): an interrupt handler in a cycle
 *     with another CPU that holds the lock the handler wants and waits for one the interrupted
 *     task holds;</li>
 * <li>the "scenario by crosslock" table of lockdep's cross-release (4.14): a cycle through an
 *     event wait, the event named {@code (complete)c} or {@code (wait_event)cond}, the thread
 *     that would bring it about "unlocking" it.</li>
 * </ul>
 * Other findings get their headline only.
 */
public final class LockdepReport {
    private static final String COLUMN = "                               ";

    private LockdepReport() {
    }

    public static String render(CheckResult r) {
        StringBuilder out = new StringBuilder();
        out.append(r.file()).append(": ").append(TextReport.summary(r)).append('\n');
        for (Finding f : r.findings()) {
            out.append('\n');
            if (f.verdict() == Verdict.DEADLOCK && !f.cycle().isEmpty()) {
                deadlock(out, f);
            } else {
                out.append(f.verdict().id()).append(": ").append(f.headline()).append('\n');
                out.append("    at ").append(f.location().position()).append('\n');
            }
        }
        return out.toString();
    }

    private static void deadlock(StringBuilder out, Finding f) {
        List<WaitLink> cycle = lockdepView(f.cycle());
        int irq = indexOf(cycle, true);
        int event = indexOf(cycle, false);
        if (irq >= 0 && cycle.size() == 1) {
            usageBug(out, cycle.get(0));
        } else if (irq >= 0) {
            irqInversion(out, rotate(cycle, irq));
        } else if (event >= 0) {
            crosslock(out, rotate(cycle, event));
        } else {
            circular(out, cycle);
        }
        out.append("\n *** DEADLOCK ***\n");
    }

    /**
     * The cycle as lockdep's dependency graph has it: lockdep knows no queue, so a writer queued
     * ahead (holding nothing) is not in it; the thread waiting behind that writer waits, as
     * lockdep's read/write rule says, for the lock the next thread holds.
     */
    private static List<WaitLink> lockdepView(List<WaitLink> cycle) {
        List<WaitLink> held = cycle.stream().filter(l -> !l.queued()).toList();
        return held.isEmpty() ? cycle : held;
    }

    /** The first link waiting in an interrupt handler ({@code irq}) or for an event; -1 if none. */
    private static int indexOf(List<WaitLink> cycle, boolean irq) {
        for (int i = 0; i < cycle.size(); i++) {
            WaitLink l = cycle.get(i);
            if (irq ? l.interrupt().isPresent() : l.waitsFor() instanceof WaitLink.Event) return i;
        }
        return -1;
    }

    private static List<WaitLink> rotate(List<WaitLink> cycle, int start) {
        List<WaitLink> r = new ArrayList<>(cycle.subList(start, cycle.size()));
        r.addAll(cycle.subList(0, start));
        return r;
    }

    private static void header(StringBuilder out, String rule, String warning) {
        out.append(rule).append('\n').append("WARNING: ").append(warning).append('\n')
                .append(rule.replace('=', '-')).append('\n');
    }

    private static void cpus(StringBuilder out, WaitLink cpu0, WaitLink cpu1) {
        out.append("CPU0: ").append(cpu0.thread()).append(cpu0.interrupt().map(i -> ", interrupted by " + i).orElse(""))
                .append('\n');
        if (cpu1 != null) out.append("CPU1: ").append(cpu1.thread()).append('\n');
        out.append('\n');
    }

    /**
     * "Chain exists of:" as print_circular_lock_scenario prints it: source --> parent --> target,
     * three names whatever the chain's length, none for a direct inversion (parent == source).
     */
    private static void chain(StringBuilder out, String source, String parent, String target) {
        if (parent.equals(source)) return;
        out.append("Chain exists of:\n  ").append(source).append(" --> ").append(parent).append(" --> ").append(target)
                .append("\n\n");
    }

    private static void twoColumns(StringBuilder out) {
        out.append("       CPU0                    CPU1\n");
        out.append("       ----                    ----\n");
    }

    /** print_deadlock_scenario, or print_circular_lock_scenario: CPU1 is the last thread of the cycle. */
    private static void circular(StringBuilder out, List<WaitLink> cycle) {
        String rule = "======================================================";
        header(out, rule, cycle.size() == 1 ? "possible recursive locking detected"
                : "possible circular locking dependency detected");
        WaitLink cpu0 = cycle.get(0);
        WaitLink cpu1 = cycle.get(cycle.size() - 1);
        cpus(out, cpu0, cycle.size() > 1 ? cpu1 : null);
        // CPU0 holds the target and wants the source; CPU1 holds the parent and wants the target
        if (cycle.size() > 1) {
            chain(out, cpu0.waitsFor().lockdepClass(), cpu1.holds().lockdepClass(), cpu0.holds().lockdepClass());
        }
        out.append(" Possible unsafe locking scenario:\n\n");
        if (cycle.size() == 1) {
            out.append("       CPU0\n");
            out.append("       ----\n");
            out.append("  ").append(lock(cpu0.holds())).append('\n');
            out.append("  ").append(lock(cpu0.waitsFor())).append('\n');
            return;
        }
        twoColumns(out);
        out.append("  ").append(lock(cpu0.holds())).append('\n');
        out.append(COLUMN).append(lock(cpu1.holds())).append('\n');
        out.append(COLUMN).append(lock(cpu1.waitsFor())).append('\n');
        out.append("  ").append(lock(cpu0.waitsFor())).append('\n');
    }

    /** print_usage_bug_scenario: the handler wants the lock its own CPU's task holds. */
    private static void usageBug(StringBuilder out, WaitLink l) {
        String rule = "================================";
        header(out, rule, "inconsistent lock state");
        out.append("inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.\n");
        cpus(out, l, null);
        out.append(" Possible unsafe locking scenario:\n\n");
        out.append("       CPU0\n");
        out.append("       ----\n");
        out.append("  ").append(lock(l.holds())).append('\n');
        out.append("  <Interrupt>\n");
        out.append("    ").append(lock(l.waitsFor())).append('\n');
    }

    /**
     * print_irq_lock_scenario: CPU0's task holds the irq-unsafe lock, its handler wants the
     * irq-safe one; CPU1 (the thread before it in the cycle) holds the safe lock with
     * interrupts off and wants the middle lock, the unsafe one itself in a two-lock cycle.
     */
    private static void irqInversion(StringBuilder out, List<WaitLink> cycle) {
        String rule = "========================================================";
        header(out, rule, "possible irq lock inversion dependency detected");
        WaitLink cpu0 = cycle.get(0);
        WaitLink cpu1 = cycle.get(cycle.size() - 1);
        cpus(out, cpu0, cpu1);
        String unsafe = cpu0.holds().lockdepClass();
        String safe = cpu1.holds().lockdepClass();
        String middle = cpu1.waitsFor().lockdepClass();
        if (!middle.equals(unsafe)) out.append("Chain exists of:\n  ").append(safe).append(" --> ").append(middle)
                .append(" --> ").append(unsafe).append("\n\n");
        out.append(" Possible interrupt unsafe locking scenario:\n\n");
        twoColumns(out);
        out.append("  ").append(lock(cpu0.holds())).append('\n');
        out.append(COLUMN).append("local_irq_disable();\n");
        out.append(COLUMN).append(lock(cpu1.holds())).append('\n');
        out.append(COLUMN).append(lock(cpu1.waitsFor())).append('\n');
        out.append("  <Interrupt>\n");
        out.append("    ").append(lock(cpu0.waitsFor())).append('\n');
    }

    /**
     * Cross-release's table: CPU0 holds a lock and waits for the event; CPU1, which would bring
     * the event about, first waits for the lock.
     */
    private static void crosslock(StringBuilder out, List<WaitLink> cycle) {
        String rule = "======================================================";
        header(out, rule, "possible circular locking dependency detected");
        WaitLink cpu0 = cycle.get(0);
        WaitLink cpu1 = cycle.get(1 % cycle.size());
        cpus(out, cpu0, cpu1);
        // by crosslock: CPU0 holds the parent and waits for the target (the event); CPU1 wants the
        // source before it would bring the target about
        chain(out, cpu1.waitsFor().lockdepClass(), cpu0.holds().lockdepClass(), cpu0.waitsFor().lockdepClass());
        out.append(" Possible unsafe locking scenario by crosslock:\n\n");
        twoColumns(out);
        out.append("  ").append(lock(cpu0.holds())).append('\n');
        out.append("  ").append(lock(cpu0.waitsFor().lockdepClass(), false)).append('\n');
        out.append(COLUMN).append(lock(cpu1.waitsFor())).append('\n');
        out.append(COLUMN).append("unlock(").append(cpu0.waitsFor().lockdepClass()).append(");\n");
    }

    private static String lock(WaitLink.End end) {
        return lock(end.lockdepClass(), end.shared());
    }

    private static String lock(String name, boolean shared) {
        return (shared ? "rlock(" : "lock(") + name + ");";
    }
}
