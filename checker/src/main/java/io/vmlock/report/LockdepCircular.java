package io.vmlock.report;

import java.util.List;
import java.util.Optional;

/**
 * print_circular_bug (kernel/locking/lockdep.c, read at linux-next 308d11b23391, 6.19-rc) over a
 * chain of classes: a wait-for cycle's ({@link LockdepCycle}) or the one through fs_reclaim
 * that a lock taken again in reclaim closes ({@link LockdepReclaim}).
 */
final class LockdepCircular {
    private LockdepCircular() {
    }

    /**
     * One class of a circular report's chain, {@code -> #N}: where it was taken ({@code site})
     * while entry N-1's class was held; #0 is the acquisition that closes the cycle.
     */
    record Dependency(String lockdepClass, boolean shared, Optional<LockdepText.Site> site) {
    }

    /**
     * print_circular_bug down to the scenario's DEADLOCK line: {@code thread} wants #0 while
     * holding the last entry (taken at {@code holdingSite}); the caller prints the held locks.
     */
    static void print(LockdepText t, String thread, List<Dependency> chain, Optional<LockdepText.Site> holdingSite) {
        Dependency source = chain.get(0);
        Dependency target = chain.get(chain.size() - 1);
        Dependency parent = chain.get(Math.max(0, chain.size() - 2));
        t.banner("possible circular locking dependency detected");
        t.out().append(thread).append(" is trying to acquire lock:\n");
        t.line(" " + t.lockName(source.lockdepClass(), source.lockdepClass())
                + source.site().map(LockdepText.Site::at).orElse(""));
        t.blank();
        t.out().append("but task is already holding lock:\n");
        t.line(" " + t.lockName(target.lockdepClass(), target.lockdepClass())
                + holdingSite.map(LockdepText.Site::at).orElse(""));
        t.blank();
        t.out().append("which lock already depends on the new lock.\n\n\n");
        t.out().append("the existing dependency chain (in reverse order) is:\n");
        for (int k = chain.size() - 1; k >= 0; k--) {
            Dependency d = chain.get(k);
            t.blank();
            t.line("-> #" + k + " " + t.lockName(d.lockdepClass(), d.lockdepClass()) + ":");
            d.site().ifPresent(t::callChain);
        }
        t.blank();
        t.out().append("other info that might help us debug this:\n\n");
        chain(t, source.lockdepClass(), parent.lockdepClass(), target.lockdepClass());
        // print_circular_lock_scenario: CPU0 holds the target and wants the source; CPU1 holds the
        // parent and wants the target; only the source and target say rlock for a read
        t.out().append(" Possible unsafe locking scenario:\n\n");
        LockdepCycle.twoColumns(t);
        t.out().append("  ").append(LockdepCycle.lock(target.lockdepClass(), target.shared())).append('\n');
        t.out().append(LockdepCycle.COLUMN).append(LockdepCycle.lock(parent.lockdepClass(), false)).append('\n');
        t.out().append(LockdepCycle.COLUMN).append(LockdepCycle.lock(target.lockdepClass(), false)).append('\n');
        t.out().append("  ").append(LockdepCycle.lock(source.lockdepClass(), source.shared())).append('\n');
        LockdepCycle.deadlock(t);
    }

    /**
     * "Chain exists of:" as print_circular_lock_scenario prints it: source --> parent --> target,
     * three names whatever the chain's length, none for a direct inversion (parent == source).
     */
    static void chain(LockdepText t, String source, String parent, String target) {
        if (parent.equals(source) || parent.equals(target) || source.equals(target)) return;
        LockdepCycle.chainLine(t, source, parent, target);
    }
}
