package io.vmlock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.ast.ObjectKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What lockdep acquires for a hold, per kind (include/linux/seqlock.h, Kingxukai/linux 9b44fff655e2):
 * write_seqlock() is spin_lock(&sl->lock) then the seqcount's map, read_seqbegin() the seqcount's
 * map for read, released at once (seqcount_lockdep_reader_access()).
 */
class LockdepSeqlockTest {
    private static LockdepSeqlock.Acquisition held(String c, boolean read) {
        return new LockdepSeqlock.Acquisition(c, read, false);
    }

    @Test
    void aSeqlockWriterHoldsItsSpinlockThenItsSeqcount() {
        assertEquals(List.of(held("q", false), held("q.seqcount", false)),
                LockdepSeqlock.of("q", ObjectKind.SEQLOCK, false));
        assertEquals("q", LockdepSeqlock.wanted("q", ObjectKind.SEQLOCK, false));
        assertEquals("q.seqcount", LockdepSeqlock.holding("q", ObjectKind.SEQLOCK));
    }

    @Test
    void aSeqlockOrSeqcountReaderOnlyTouchesTheSeqcount() {
        LockdepSeqlock.Acquisition reader = new LockdepSeqlock.Acquisition("q.seqcount", true, true);
        assertEquals(List.of(reader), LockdepSeqlock.of("q", ObjectKind.SEQLOCK, true));
        assertEquals(false, reader.held());
        assertEquals("q.seqcount", LockdepSeqlock.wanted("q", ObjectKind.SEQLOCK, true));
        assertEquals(List.of(new LockdepSeqlock.Acquisition("c", true, true)),
                LockdepSeqlock.of("c", ObjectKind.SEQCOUNT, true));
        assertEquals(List.of(held("c", false)), LockdepSeqlock.of("c", ObjectKind.SEQCOUNT, false));
        assertEquals(true, LockdepSeqlock.readerAccess(ObjectKind.SEQCOUNT, true));
        assertEquals(false, LockdepSeqlock.readerAccess(ObjectKind.SEQCOUNT, false));
    }

    @Test
    void otherKindsAreTheirOwnClassInTheirOwnMode() {
        assertEquals(List.of(held("r", true)), LockdepSeqlock.of("r", ObjectKind.RWSEM, true));
        assertEquals(false, LockdepSeqlock.readerAccess(ObjectKind.RWSEM, true));
        assertEquals(true, held("r", true).held());
        assertEquals("r", LockdepSeqlock.wanted("r", ObjectKind.RWSEM, true));
        assertEquals("m", LockdepSeqlock.holding("m", ObjectKind.MUTEX));
        // a seqlock's seqcount class is a seqcount: its own wanted and holding class
        assertEquals("q.seqcount", LockdepSeqlock.holding("q.seqcount", ObjectKind.SEQCOUNT));
        assertEquals("q", LockdepSeqlock.seqlockOf("q.seqcount"));
        assertEquals("q", LockdepSeqlock.seqlockOf("q"));
    }

    /* print_lock_name's wait types: the seqlock's own class is its spinlock_t's, the seqcount's LD_WAIT_INV. */
    @Test
    void theSpinlockClassPrintsASpinlocksWaitTypes() {
        assertEquals(LockdepWaitTypes.of(ObjectKind.SPINLOCK), LockdepWaitTypes.of(ObjectKind.SEQLOCK));
        assertEquals("-{3:3}", LockdepWaitTypes.of(ObjectKind.SEQLOCK).orElseThrow());
        assertEquals("-{0:0}", LockdepWaitTypes.of(ObjectKind.SEQCOUNT).orElseThrow());
    }
}
