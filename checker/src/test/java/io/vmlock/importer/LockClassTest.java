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
    void beforeTwoSixThirtyTheFourCharactersAreBothWriteUsagesThenBothReadUsages() {
        // 2.6.27's lock_super() mutex (corpus 52): hardirq-on-W, softirq-on-W, no read usage
        LockClass old = LockClass.parse("(&type->s_lock_key#9){--..}, at: [<c01a90fe>] lock_super+0x1e/0x20",
                "[ INFO: possible recursive locking detected ]").orElseThrow().lock();
        assertEquals(LockClass.UsageLayout.WRITES_THEN_READS, old.layout());
        assertTrue(old.everWriteHeld());
        assertFalse(old.everReadHeld());
        assertEquals("(&type->s_lock_key#9){--..}", old.printed());
        // read-held only, in the old layout: the last two characters
        LockClass reader = LockClass.parse("(sem){..--}", "[ INFO: possible recursive locking detected ]")
                .orElseThrow().lock();
        assertTrue(reader.everReadHeld());
        assertFalse(reader.everWriteHeld());
        // the same four characters under the WARNING: banner (4.14 on) are per irq state
        LockClass modern = LockClass.parse("(&type->s_lock_key#9){--..}", "WARNING: possible recursive locking detected")
                .orElseThrow().lock();
        assertEquals(LockClass.UsageLayout.PER_STATE, modern.layout());
        assertTrue(modern.everReadHeld());
        // six characters under the bracketed banner are 2.6.30 to 4.10's, per irq state
        LockClass six = LockClass.parse("(&mls->mls_lock){+.+...}", "[ INFO: possible recursive locking detected ]")
                .orElseThrow().lock();
        assertEquals(LockClass.UsageLayout.PER_STATE, six.layout());
        assertFalse(six.everReadHeld());
        // a line that prints no class is none, whatever the banner
        assertEquals(Optional.empty(), LockClass.parse("stack backtrace:", "[ INFO: possible recursive locking detected ]"));
    }

    @Test
    void aSeqcountClassNamesItsSeqlockWithoutVersionOrSubclass() {
        assertEquals(Optional.of("mount_lock"), new LockClass("mount_lock.seqcount#2/1", "+.+.", Optional.empty()).seqlock());
        assertEquals(Optional.empty(), new LockClass("mount_lock", "+.+.", Optional.empty()).seqlock());
    }
}
