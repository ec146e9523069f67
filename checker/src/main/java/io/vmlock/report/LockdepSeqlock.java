package io.vmlock.report;

import io.vmlock.ast.ObjectKind;
import io.vmlock.lockdep.SeqlockClasses;
import java.util.List;

/**
 * The lockdep classes behind a hold of a seqlock or a seqcount: the one place that says which
 * classes a vmlock lock stands for in lockdep's eyes (include/linux/seqlock.h, Kingxukai/linux
 * 9b44fff655e2, 6.17-era).
 *
 * <p>A seqlock_t is {@code { seqcount_spinlock_t seqcount; spinlock_t lock; }}, and lockdep sees
 * two classes in it, named as {@link SeqlockClasses} says: the spinlock_t's {@code sl} and the
 * seqcount's map {@code sl.seqcount}. write_seqlock() is spin_lock(&sl->lock), then
 * do_write_seqcount_begin(), which holds the seqcount's map: a writer holds {@code (sl)} then
 * {@code (sl.seqcount)}, and a writer waiting for another waits in the spin_lock, on {@code (sl)}.
 * A reader's read_seqbegin() is read_seqcount_begin(), whose seqcount_lockdep_reader_access()
 * acquires the seqcount's map for read inside local_irq_save() and releases it at once: a reader
 * waits on {@code (sl.seqcount)}, holds nothing after it, and its acquisition, with interrupts
 * off, marks no "enabled" usage (mark_usage skips those for {@code hlock->hardirqs_off}). A plain
 * seqcount reader (read_seqcount_begin) is the same acquisition of the seqcount's own class.
 * The seqlock's class of its own name is so the spinlock_t's ({@link LockdepWaitTypes}).
 * Real reports print both: {@code (mount_lock){+.+.}-{2:2}} then {@code (mount_lock.seqcount)}
 * held by a writer (https://lore.kernel.org/all/67176c28.050a0220.10f4f4.0116.GAE@google.com/),
 * {@code (zonelist_update_seq.seqcount){...-}-{0:0}} at a read_seqbegin()
 * (https://syzkaller.appspot.com/bug?extid=ecf48cc152f84f8c9f67).
 */
final class LockdepSeqlock {
    private LockdepSeqlock() {
    }

    /**
     * One acquisition lockdep records for a hold: its class, whether for read, and whether it is
     * seqcount_lockdep_reader_access()'s, taken with interrupts off and released at once.
     */
    record Acquisition(String lockdepClass, boolean read, boolean readerAccess) {
        /** Whether lockdep's held list keeps it until the unlock. */
        boolean held() {
            return !readerAccess;
        }
    }

    /** The acquisitions, in order, behind a hold of {@code lockdepClass} (of {@code kind}) for read or write. */
    static List<Acquisition> of(String lockdepClass, ObjectKind kind, boolean read) {
        if (readerAccess(kind, read)) return List.of(new Acquisition(wanted(lockdepClass, kind, true), true, true));
        if (kind == ObjectKind.SEQLOCK) {
            return List.of(new Acquisition(lockdepClass, false, false),
                    new Acquisition(SeqlockClasses.seqcountOf(lockdepClass), false, false));
        }
        return List.of(new Acquisition(lockdepClass, read, false));
    }

    /** Whether a read of this kind is seqcount_lockdep_reader_access(): a seqlock's or a seqcount's reader. */
    static boolean readerAccess(ObjectKind kind, boolean read) {
        return read && (kind == ObjectKind.SEQLOCK || kind == ObjectKind.SEQCOUNT);
    }

    /** The class a wait for the lock waits on: a seqlock reader's is the seqcount's, a writer's the spinlock's. */
    static String wanted(String lockdepClass, ObjectKind kind, boolean read) {
        return kind == ObjectKind.SEQLOCK && read ? SeqlockClasses.seqcountOf(lockdepClass) : lockdepClass;
    }

    /**
     * The class a holder orders what it takes next after: the last it acquired, a seqlock
     * writer's seqcount (lockdep's check_prevs_add links the new lock to the top held one).
     */
    static String holding(String lockdepClass, ObjectKind kind) {
        return kind == ObjectKind.SEQLOCK ? SeqlockClasses.seqcountOf(lockdepClass) : lockdepClass;
    }

    /** The seqlock whose seqcount {@code lockdepClass} names, or {@code lockdepClass} itself. */
    static String seqlockOf(String lockdepClass) {
        return SeqlockClasses.seqlockOf(lockdepClass).orElse(lockdepClass);
    }
}
