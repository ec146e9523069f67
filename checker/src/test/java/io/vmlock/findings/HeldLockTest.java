package io.vmlock.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one place held locks and wait-for links turn into the text every report prints. */
class HeldLockTest {
    @Test
    void aRwsemNamesItsModeTheOtherLocksSayItInTheirName() {
        assertEquals("page_lock[P0]", new HeldLock("page_lock[P0]", HeldLock.Mode.EXCLUSIVE).text());
        assertEquals("mmap_lock (read)", new HeldLock("mmap_lock", HeldLock.Mode.READ).text());
        assertEquals("mmap_lock (write)", new HeldLock("mmap_lock", HeldLock.Mode.WRITE).text());
        assertEquals("a handle on j", new HeldLock("a handle on j", HeldLock.Mode.HANDLE).text());
        assertEquals("the j commit", new HeldLock("the j commit", HeldLock.Mode.COMMIT).text());
        assertEquals("mmap_lock", new HeldLock("mmap_lock", HeldLock.Mode.UNSTATED).text());
    }

    @Test
    void aThreadThatHoldsAnEventOnlyWaits() {
        WaitLink.End lock = new WaitLink.Lock("m", "m", false, "m");
        WaitLink.End done = new WaitLink.Event("completion done", "(complete)done");
        assertEquals("a holds m and waits for completion done",
                new WaitLink("a", lock, done, Optional.empty()).sentence());
        assertEquals("b waits for m in interrupt bio_endio",
                new WaitLink("b", done, lock, Optional.of("bio_endio")).sentence());
    }
}
