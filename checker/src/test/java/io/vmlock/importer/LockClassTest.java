package io.vmlock.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** get_usage_chars(): two characters per irq state, write then read; '.' where the class has no such usage. */
class LockClassTest {
    private static LockClass usage(String usage) {
        return new LockClass("c", usage, Optional.empty());
    }

    @Test
    void theUsageSaysWhichWaysTheClassWasHeld() {
        assertTrue(usage("+.+.").everWriteHeld());
        assertFalse(usage("+.+.").everReadHeld());
        assertTrue(usage(".+.+").everReadHeld());
        assertFalse(usage(".+.+").everWriteHeld());
        assertTrue(usage("...-").everReadHeld());
        // cross-release's event map, never acquired in any state
        assertFalse(usage("....").everWriteHeld());
        assertFalse(usage("....").everReadHeld());
    }

    @Test
    void aSeqcountClassNamesItsSeqlockWithoutVersionOrSubclass() {
        assertEquals(Optional.of("mount_lock"), new LockClass("mount_lock.seqcount#2/1", "+.+.", Optional.empty()).seqlock());
        assertEquals(Optional.empty(), new LockClass("mount_lock", "+.+.", Optional.empty()).seqlock());
    }
}
