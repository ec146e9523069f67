package io.vmlock.report;

import io.vmlock.verdict.Verdict;
import java.util.Arrays;
import java.util.List;

/**
 * The long description and help of each finding kind, for SARIF rules and the HTML report; the
 * one-line summary stays in {@link Verdict}. Written for the kernel developer reading an alert.
 */
public final class RuleHelp {
    private RuleHelp() {
    }

    /** The kinds a finding can have: every verdict but {@code clean} and {@code incomplete}. */
    public static List<Verdict> findingKinds() {
        return Arrays.stream(Verdict.values()).filter(v -> v != Verdict.CLEAN && v != Verdict.INCOMPLETE).toList();
    }

    /** error, warning or note: what CI shows; potential (unconfirmed) problems are warnings. */
    public static String level(Verdict v) {
        return v == Verdict.POTENTIAL_DEADLOCK || v == Verdict.ORDER_VIOLATION ? "warning" : "error";
    }

    public static String description(Verdict v) {
        return switch (v) {
            case DEADLOCK -> "Some threads each hold a lock (or handle, or commit) another of them waits for, "
                    + "so none of them can ever run again. vmlock found an interleaving that reaches this state.";
            case HANG -> "A thread waits for an event, a completion or a condition that no thread can bring "
                    + "about any more, so it sleeps forever.";
            case SLEEP_IN_ATOMIC -> "An operation that may sleep (a mutex or rwsem, a wait, an allocation that "
                    + "may reclaim, a user copy that may fault) runs while a spinlock is held or interrupts are off.";
            case RECURSIVE_LOCK -> "A thread takes a non-recursive lock it already holds, directly or through a "
                    + "fault handler, reclaim or an interrupt, and waits for itself.";
            case UNLOCK_NOT_HELD -> "A thread releases a lock it does not hold.";
            case LOCK_HELD_AT_EXIT -> "A thread ends while it still holds a lock: every later taker waits forever.";
            case ASSERTION -> "An assert, BUG_ON, lockdep_assert_held or invariant does not hold in a reachable "
                    + "state, or an assignment leaves a variable's declared range.";
            case ORDER_VIOLATION -> "An acquisition takes locks against the order the scenario declares.";
            case POTENTIAL_DEADLOCK -> "The lock-order graph has a cycle whose edges can coexist, so the locks "
                    + "can be taken in opposite orders; the search did not confirm a deadlock.";
            case INCOMPLETE, CLEAN -> v.summary();
        };
    }

    /** What to do about it, in Markdown. */
    public static String helpMarkdown(Verdict v) {
        String fix = switch (v) {
            case DEADLOCK -> "Take the locks of the cycle in one order on every path, or drop one before "
                    + "waiting for the next (a retry that releases `mmap_lock`, a trylock with a back-off).";
            case HANG -> "Make sure the thread that would signal the event can still run, or do not wait for it "
                    + "while holding what that thread needs.";
            case SLEEP_IN_ATOMIC -> "Move the sleeping operation outside the spinlock or irq-off section, or use "
                    + "a non-sleeping variant (`GFP_ATOMIC`, a trylock).";
            case RECURSIVE_LOCK -> "Do not allocate with reclaim (`GFP_NOFS`/`GFP_NOIO`, `memalloc_nofs_save`) or "
                    + "fault on a user buffer while holding a lock the handler needs.";
            case UNLOCK_NOT_HELD -> "Balance every release with an acquisition on the same path.";
            case LOCK_HELD_AT_EXIT -> "Release the lock on every path out of the thread, error paths included.";
            case ASSERTION -> "The trace shows the interleaving that breaks the condition.";
            case ORDER_VIOLATION -> "Take the locks in the declared order, or change the `order` declaration.";
            case POTENTIAL_DEADLOCK -> "Check the cycle's edges; break it by taking the locks in one order.";
            case INCOMPLETE, CLEAN -> "";
        };
        return "**" + v.id() + "**: " + description(v) + "\n\n" + fix
                + "\n\nThe result's code flow is the shortest interleaving vmlock found: one thread flow per thread,"
                + " its steps numbered in the order they ran, each saying what the thread holds afterwards.";
    }

    /** The Markdown help without its markup, for consumers that show plain text. */
    public static String helpText(Verdict v) {
        return helpMarkdown(v).replace("**", "").replace("`", "");
    }

    /** {@code sleep-in-atomic} -> {@code SleepInAtomic}: SARIF's rule name. */
    public static String ruleName(Verdict v) {
        StringBuilder s = new StringBuilder();
        for (String part : v.id().split("-")) s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        return s.toString();
    }
}
