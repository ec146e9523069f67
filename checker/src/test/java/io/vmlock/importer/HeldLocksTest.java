package io.vmlock.importer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A held-locks list is incomplete when the input stops before lockdep's count of locks was printed. */
class HeldLocksTest {
    private static final HeldLock FIRST = new HeldLock(0, new LockClass("sb_writers#3", ".+.+", Optional.empty()), "");
    private static final HeldLock SECOND = new HeldLock(1, new LockClass("&x->lock", "+.+.", Optional.empty()), "");

    @Test
    void aListCutShortIsIncomplete() {
        assertTrue(new HeldLocks("a/1", 2, List.of(FIRST)).incomplete());
        assertFalse(new HeldLocks("a/1", 2, List.of(FIRST, SECOND)).incomplete());
        assertFalse(new HeldLocks("a/1", 0, List.of()).incomplete());
    }
}
