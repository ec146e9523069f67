package io.vmlock.lockdep;

import java.util.Optional;

/**
 * How lockdep names the two classes of one seqlock_t (include/linux/seqlock.h, Kingxukai/linux
 * 9b44fff655e2, 6.17-era): DEFINE_SEQLOCK(sl) is {@code __SEQLOCK_UNLOCKED(sl)}, whose
 * {@code .lock = __SPIN_LOCK_UNLOCKED(sl)} names the spinlock_t's class {@code sl} and whose
 * {@code .seqcount = SEQCNT_SPINLOCK_ZERO(sl, ...)} (SEQCOUNT_LOCKNAME_ZERO:
 * {@code SEQCNT_ZERO(seq_name.seqcount)}) names the seqcount's map {@code sl.seqcount}.
 */
public final class SeqlockClasses {
    /** SEQCOUNT_LOCKNAME_ZERO's suffix for the seqcount embedded in a seqlock_t. */
    private static final String SEQCOUNT = ".seqcount";

    private SeqlockClasses() {
    }

    /** The class of the seqcount embedded in the seqlock whose spinlock's class is {@code seqlock}. */
    public static String seqcountOf(String seqlock) {
        return seqlock + SEQCOUNT;
    }

    /** The seqlock whose embedded seqcount {@code lockdepClass} names: {@code mount_lock} for {@code mount_lock.seqcount}. */
    public static Optional<String> seqlockOf(String lockdepClass) {
        return lockdepClass.endsWith(SEQCOUNT)
                ? Optional.of(lockdepClass.substring(0, lockdepClass.length() - SEQCOUNT.length())) : Optional.empty();
    }
}
