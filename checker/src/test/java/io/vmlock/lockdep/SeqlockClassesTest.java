package io.vmlock.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A seqlock's two lockdep classes, named as __SEQLOCK_UNLOCKED(sl) names them: sl and sl.seqcount. */
class SeqlockClassesTest {
    @Test
    void theSeqcountIsNamedAfterTheSeqlock() {
        assertEquals("mount_lock.seqcount", SeqlockClasses.seqcountOf("mount_lock"));
    }

    @Test
    void aSeqcountClassNamesItsSeqlockAndOtherClassesNone() {
        assertEquals(Optional.of("zonelist_update_seq"), SeqlockClasses.seqlockOf("zonelist_update_seq.seqcount"));
        assertEquals(Optional.of("mount_lock"), SeqlockClasses.seqlockOf(SeqlockClasses.seqcountOf("mount_lock")));
        assertEquals(Optional.empty(), SeqlockClasses.seqlockOf("mount_lock"));
        assertEquals(Optional.empty(), SeqlockClasses.seqlockOf("&sb->s_type->i_mutex_key"));
        // only the suffix counts: a class with the word elsewhere is no seqlock's
        assertEquals(Optional.empty(), SeqlockClasses.seqlockOf("&p->seqcount_lock"));
    }
}
