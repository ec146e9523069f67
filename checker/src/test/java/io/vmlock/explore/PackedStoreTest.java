package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The visited set's contract: dense ids in insertion order, one id per state, growth reserved first. */
class PackedStoreTest {
    private final List<Long> reserved = new ArrayList<>();

    private PackedStore store(int words, boolean compact, boolean parents) {
        return new PackedStore(words, compact, parents, reserved::add);
    }

    /** State {@code i} of a run of distinct states: nearby values, as packed states are. */
    private static long[] state(int i, int words) {
        long[] s = new long[words];
        for (int w = 0; w < words; w++) s[w] = i * 3L + w;
        return s;
    }

    private static int add(PackedStore s, long[] state, int parent) {
        return s.addIfAbsent(state, 0, PackedStore.key(state, 0, state.length), parent);
    }

    private static int find(PackedStore s, long[] state) {
        return s.find(state, 0, PackedStore.key(state, 0, state.length));
    }

    @Test
    void everyStateGetsTheNextIdOnceAndIsFoundAgainAcrossRehashes() {
        for (int words : new int[] {1, 3}) {
            PackedStore s = store(words, false, true);
            int n = 200_000;
            for (int i = 0; i < n; i++) assertEquals(i, add(s, state(i, words), i - 1));
            assertEquals(n, s.size());
            assertTrue(s.epoch() >= 7, "the table doubled from 2,048 slots: " + s.epoch());
            long[] into = new long[words];
            for (int i = 0; i < n; i += 997) {
                long[] st = state(i, words);
                int slot = find(s, st);
                assertTrue(slot >= 0, "state " + i);
                assertEquals(i, s.idAt(slot));
                assertEquals(-slot - 1, add(s, st, 5), "a stored state is not added again");
                s.get(i, into, 0);
                assertEquals(java.util.Arrays.toString(st), java.util.Arrays.toString(into));
                assertEquals(i - 1, s.parent(i));
                assertEquals(PackedStore.key(st, 0, words), s.fingerprint(i));
            }
            assertEquals(-1, find(s, state(n, words)));
            assertEquals(n, s.size());
            assertEquals(8L * words * n, s.stateBytes());
        }
    }

    @Test
    void statesThatDifferInOneWordAreTwoStates() {
        PackedStore s = store(2, false, false);
        assertEquals(0, add(s, new long[] {7, 1}, -1));
        assertEquals(1, add(s, new long[] {7, 2}, 0));
        assertEquals(2, add(s, new long[] {0, 0}, 0));
        assertEquals(1, s.idAt(find(s, new long[] {7, 2})));
        assertEquals(2, s.idAt(find(s, new long[] {0, 0})));
        assertEquals(-1, find(s, new long[] {1, 7}));
    }

    @Test
    void oneWordStatesTakeAtMostTwentyBytesEachWithTheTableAndNoParents() {
        PackedStore s = store(1, false, false);
        for (int i = 0; i < 1_000_000; i++) add(s, state(i, 1), -1);
        // 16 chunks of 65,536 states (8 MiB) and a table of 2^21 4-byte slots (8 MiB), 1,000,000 states
        assertEquals(8L * 16 * 65_536 + 4L * (1 << 21), s.visitedBytes());
        assertTrue(s.visitedBytes() <= 20L * s.size());
        assertThrows(IllegalStateException.class, () -> s.parent(3));
        assertFalse(s.keepsParents());
    }

    @Test
    void parentLinksCountInTheVisitedSetWhenKept() {
        PackedStore with = store(1, false, true);
        PackedStore without = store(1, false, false);
        for (int i = 0; i < 5000; i++) {
            add(with, state(i, 1), 0);
            add(without, state(i, 1), 0);
        }
        assertEquals(4L * 8192, with.visitedBytes() - without.visitedBytes());
    }

    @Test
    void hashCompactionStoresTheKeyAndTakesStatesWithOneKeyForOne() {
        PackedStore s = store(2, true, true);
        long[] a = {1, 2};
        assertEquals(0, add(s, a, -1));
        assertEquals(PackedStore.key(a, 0, 2), s.fingerprint(0));
        // another state given the same key is taken for the stored one: that is the omission risk
        assertEquals(0, s.idAt(s.find(new long[] {9, 9}, 0, PackedStore.key(a, 0, 2))));
        assertThrows(IllegalStateException.class, () -> s.get(0, new long[2], 0));
        assertEquals(8L, s.stateBytes());
        assertEquals(0.0, s.omissionProbability());
        add(s, new long[] {3, 4}, 0);
        assertEquals(1.0 / Math.pow(2, 64), s.omissionProbability());
    }

    @Test
    void everyGrowthIsReservedBeforeItAllocatesAndARefusalLeavesTheStoreAsItWas() {
        PackedStore s = store(1, false, true);
        add(s, state(0, 1), -1);
        assertEquals(List.of(8L * 65_536), reserved, "the first chunk");
        reserved.clear();
        for (int i = 1; i < 1536; i++) add(s, state(i, 1), 0);
        assertEquals(List.of(8L * 1024), reserved, "parent links doubled to 2,048");
        reserved.clear();
        add(s, state(1536, 1), 0);
        assertEquals(List.of(8L * 2048), reserved, "the table doubled past 75% of 2,048 slots");

        int before = s.size();
        PackedStore refusing = new PackedStore(1, false, false, bytes -> {
            throw new IllegalStateException("over budget");
        });
        assertThrows(IllegalStateException.class, () -> add(refusing, state(0, 1), -1));
        assertEquals(0, refusing.size());
        assertEquals(before, s.size());
    }

    @Test
    void addedStatesAreFoundUnderHashCompactionAndThroughTheDirectAdd() {
        PackedStore s = store(3, true, true);
        for (int i = 0; i < 100_000; i++) assertEquals(i, add(s, state(i, 3), 0), "distinct keys, distinct states");
        long[] direct = state(100_000, 3);
        assertEquals(100_000, s.add(direct, 0, PackedStore.key(direct, 0, 3), 7));
        assertEquals(100_000, s.idAt(find(s, direct)));
        assertEquals(7, s.parent(100_000));
        assertEquals(List.of(8L * 65_536), reserved.subList(0, 1), "a compacted state takes one word whatever its size");
    }

    @Test
    void aChunkOfThreeWordStatesIsReservedAtThreeWordsAStateAndTheBytesCountEveryArray() {
        PackedStore s = store(3, false, true);
        add(s, state(0, 3), -1);
        assertEquals(List.of(8L * 3 * 65_536), reserved);
        // one chunk, 1,024 parent links, 2,048 table slots
        assertEquals(8L * 3 * 65_536 + 4L * 1024 + 4L * 2048, s.visitedBytes());
    }

    /**
     * The table doubles past 75% full, not at it: a state added straight at 1,536 of 2,048 slots
     * reserves nothing. The state after the doubling whose words are all 0 (as an unwritten
     * state's are) is a new state, not one the rehash placed from beyond the last id.
     */
    @Test
    void theTableDoublesPastThreeQuartersAndPlacesOnlyStoredStates() {
        PackedStore s = store(1, false, false);
        for (int i = 1; i < 1536; i++) add(s, state(i, 1), 0);
        reserved.clear();
        long[] fills = state(1536, 1);
        assertEquals(1535, s.add(fills, 0, PackedStore.key(fills, 0, 1), 0));
        assertEquals(List.of(), reserved, "1,536 of 2,048 slots is 75%: no doubling yet");
        assertEquals(1536, add(s, state(1537, 1), 0));
        assertEquals(List.of(8L * 2048), reserved, "past 75%: doubled");
        assertEquals(1537, add(s, new long[] {0}, 0), "the all-zero state is not stored yet");
        assertEquals(1538, s.size());
        assertFalse(s.compact());
    }
}
