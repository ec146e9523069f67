package io.vmlock.explore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The owner words a compiled system carries are those found before pruning: an unlock whose
 * "the owner is me" guard pruning dropped (the thread knows it holds the lock there) still
 * counts as a write of "mine", so partial-order reduction keeps reading such words as locks.
 */
class OwnerWordsTest {
    @Test
    void anUnlockWithoutItsGuardAfterPruningKeepsTheWordALock() {
        TransitionSystem system = SystemCompiler.compile(Scenarios.lower("""
                mutex m; int(0..1) x;
                thread a { mutex_lock(m); x = 1; mutex_unlock(m); }
                thread b { mutex_lock(m); x = 0; mutex_unlock(m); }
                """));
        int owner = system.fields().stream().filter(f -> f.name().equals("m")).findFirst().orElseThrow().id();
        List<Command> unlocks = system.threads().stream().flatMap(t -> t.commands().stream()).flatMap(List::stream)
                .filter(c -> c.text().startsWith("mutex_unlock")).toList();
        assertEquals(2, unlocks.size());
        // the pruned unlock writes "free" with no guard on the owner word
        assertTrue(unlocks.stream().allMatch(c -> OwnerWords.required(c, owner) == null), unlocks::toString);
        assertTrue(OwnerWords.of(system, bit(owner)).isEmpty(), "the pruned commands alone no longer show it");
        assertEquals(bit(owner), system.ownerWords());
    }

    private static java.util.BitSet bit(int i) {
        java.util.BitSet b = new java.util.BitSet();
        b.set(i);
        return b;
    }
}
