package io.vmlock.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operations a skeleton writes for each kind: a shared hold only where the kind has one. */
class LockKindTest {
    @Test
    void aSharedHoldUsesTheReadSideOnlyOfKindsWithOne() {
        assertEquals("down_read(r);", LockKind.RWSEM.acquire("r", true));
        assertEquals("up_read(r);", LockKind.RWSEM.release("r", true));
        assertEquals("down_write(r);", LockKind.RWSEM.acquire("r", false));
        assertEquals("read_seqbegin(q);", LockKind.SEQLOCK.acquire("q", true));
        assertEquals("jbd2_journal_start(j);", LockKind.JOURNAL.acquire("j", true));
        assertEquals("percpu_down_read(w);", LockKind.PERCPU_RWSEM.acquire("w", true));
        // a mutex has no shared mode: a read the report suggests is still mutex_lock()
        assertEquals("mutex_lock(m);", LockKind.MUTEX.acquire("m", true));
        assertEquals("mutex_unlock(m);", LockKind.MUTEX.release("m", true));
        assertEquals("spin_lock(s);", LockKind.SPINLOCK.acquire("s", true));
        assertEquals("lock_map_acquire(w);", LockKind.LOCKDEP_MAP.acquire("w", true));
        assertEquals(List.of(LockKind.RWSEM, LockKind.JOURNAL, LockKind.PERCPU_RWSEM, LockKind.SEQLOCK),
                Arrays.stream(LockKind.values()).filter(LockKind::shareable).toList());
    }

    /* A seqlock reader retries rather than queue; a journal handle is no rwsem read. */
    @Test
    void onlyRwsemReadersQueueBehindAWaitingWriter() {
        assertEquals(List.of(LockKind.RWSEM, LockKind.PERCPU_RWSEM),
                Arrays.stream(LockKind.values()).filter(LockKind::readersQueueBehindWriter).toList());
    }
}
