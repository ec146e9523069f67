package io.vmlock.report;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.WaitLink;
import io.vmlock.verdict.Verdict;
import java.util.List;

/**
 * Deadlocks as lockdep prints them (kernel/locking/lockdep.c, print_circular_lock_scenario and
 * print_deadlock_scenario): the "Possible unsafe locking scenario" table, one column per CPU,
 * {@code rlock} for shared holds. Other findings get their headline only.
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
        List<WaitLink> cycle = f.cycle();
        out.append("======================================================\n");
        out.append(cycle.size() == 1 ? "WARNING: possible recursive locking detected\n"
                : "WARNING: possible circular locking dependency detected\n");
        out.append("------------------------------------------------------\n");
        out.append("CPU0: ").append(cycle.get(0).thread()).append('\n');
        if (cycle.size() > 1) out.append("CPU1: ").append(cycle.get(cycle.size() - 1).thread()).append('\n');
        out.append('\n');
        if (cycle.size() > 2) chain(out, cycle);
        out.append(" Possible unsafe locking scenario:\n\n");
        if (cycle.size() == 1) {
            recursive(out, cycle.get(0));
        } else {
            circular(out, cycle.get(0), cycle.get(cycle.size() - 1));
        }
        out.append("\n *** DEADLOCK ***\n");
    }

    private static void chain(StringBuilder out, List<WaitLink> cycle) {
        out.append("Chain exists of:\n  ");
        for (int i = cycle.size() - 1; i >= 0; i--) {
            out.append(cycle.get(i).waitsFor()).append(i > 0 ? " --> " : "\n\n");
        }
    }

    private static void recursive(StringBuilder out, WaitLink l) {
        out.append("       CPU0\n");
        out.append("       ----\n");
        out.append("  ").append(lock(l.holds(), l.holdsShared())).append('\n');
        out.append("  ").append(lock(l.waitsFor(), l.waitsShared())).append('\n');
    }

    /** CPU0 holds target and wants source; the last CPU of the cycle holds what CPU0 wants. */
    private static void circular(StringBuilder out, WaitLink cpu0, WaitLink cpu1) {
        out.append("       CPU0                    CPU1\n");
        out.append("       ----                    ----\n");
        out.append("  ").append(lock(cpu0.holds(), cpu0.holdsShared())).append('\n');
        out.append(COLUMN).append(lock(cpu1.holds(), cpu1.holdsShared())).append('\n');
        out.append(COLUMN).append(lock(cpu1.waitsFor(), cpu1.waitsShared())).append('\n');
        out.append("  ").append(lock(cpu0.waitsFor(), cpu0.waitsShared())).append('\n');
    }

    private static String lock(String name, boolean shared) {
        return (shared ? "rlock(" : "lock(") + name + ");";
    }
}
