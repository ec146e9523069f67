package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.Scenarios;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** One worker's successor function on models small enough to list every move by hand. */
class ExpanderTest {
    /**
     * Three threads each adding one to two counters, each counter shared by two threads, so no
     * counter is coded by constants: three 20-bit counters and a's place fill word 0, b's and c's
     * places are word 1. Every place is reachable: 3 * 3 * 3 = 27 states. Breadth-first ids: 0 the
     * start; 1 a, 2 b, 3 c one step on; then from 1: 4 a two on, 5 a and b one on, 6 a and c one
     * on; from 2: 7 b two on, 8 b and c one on; from 3: 9 c two on.
     */
    private static final String TWO_WORDS = """
            int(0..1000000) x = 0; int(0..1000000) y = 0; int(0..1000000) z = 0;
            thread a { x++; y++; }
            thread b { y++; z++; }
            thread c { z++; x++; }
            """;

    /**
     * The start and the first level expanded as one chunk, nothing stored: moves in state order,
     * then thread order: start 0 (a), 1 (b), 2 (c); state 1: 3 (a, to 4), 4 (b, to 5), 5 (c, to 6);
     * state 2: 6 (a, to 5), 7 (b, to 7), 8 (c, to 8); state 3: 9 (a, to 6), 10 (b, to 8), 11 (c, to 9).
     * Moves 6, 9 and 10 reach what an earlier move of the chunk reaches: they are marked as
     * repeats of 4, 5 and 8, so the merge adds each successor once without probing the visited
     * set for the others. The states take two words, and a repeat is matched on both.
     */
    @Test
    void aSuccessorMetAgainInOneChunkIsMarkedAsARepeatOfTheFirstMoveToIt() {
        CompiledSearch search = search(Scenarios.lower(TWO_WORDS));
        assertEquals(2, search.model.packing.words);
        assertEquals(27, search.stateCount());
        PackedStore empty = new PackedStore(search.model.packing.words, false, true, bytes -> { });
        Expansion chunk = expand(search, empty, 0, 4);
        int[] expected = {-1, -1, -1, -1, -1, -1, Expansion.repeatOf(4), -1, -1, Expansion.repeatOf(5),
                Expansion.repeatOf(8), -1};
        assertArrayEquals(expected, Arrays.copyOf(chunk.known, chunk.moves));
    }

    /**
     * Looked up against the finished search's visited set every successor is stored: each move
     * knows its successor's slot, that slot holds the state the move reaches (as worked out
     * above), and none is a repeat (a stored successor is known without one).
     */
    @Test
    void storedSuccessorsKnowTheirSlotAndAreNoRepeats() {
        CompiledSearch search = search(Scenarios.lower(TWO_WORDS));
        Expansion chunk = expand(search, search.store, 0, 4);
        int[] expectedIds = {1, 2, 3, 4, 5, 6, 5, 7, 8, 6, 8, 9};
        assertEquals(expectedIds.length, chunk.moves);
        for (int m = 0; m < chunk.moves; m++) {
            assertTrue(chunk.known[m] >= 0, "move " + m + ": " + chunk.known[m]);
            assertEquals(expectedIds[m], search.store.idAt(chunk.known[m]), "move " + m);
        }
    }

    /**
     * Keys are hashes: two moves whose keys collide but whose successors differ are two states,
     * and the second must be looked for in the visited set, not taken for a repeat of the first
     * (the merge would drop its state). A third move with the first's successor and key is one.
     * The keys are set by hand to make the collision a 64-bit hash would almost never show.
     */
    @Test
    void aKeyCollisionBetweenDifferentSuccessorsIsNoRepeat() {
        assertArrayEquals(new int[] {-1, -1, Expansion.repeatOf(0)},
                repeatsMarked(new long[][] {{1, 2}, {1, 3}, {1, 2}}, new long[] {42, 42, 42}));
    }

    /**
     * Keys whose table index is the same (1 and 33 in the 32-slot table of a 4-move chunk) share a
     * probe sequence: a repeat of the second is found one slot past the first, and a repeat of the
     * first in its own slot; neither is taken for the other. Keys set by hand, as above. A probe
     * that stopped at the first used slot, or moved a used slot's entry, would miss a repeat (and
     * the merge would probe the visited set for it once more).
     */
    @Test
    void aRepeatIsFoundPastAnotherKeyInItsSlot() {
        assertArrayEquals(new int[] {-1, -1, Expansion.repeatOf(1), Expansion.repeatOf(0)},
                repeatsMarked(new long[][] {{1, 2}, {1, 3}, {1, 3}, {1, 2}}, new long[] {1, 33, 33, 1}));
    }

    /**
     * A chunk whose moves fill its arrays exactly (256, the size they start at): 256 different
     * successors, none stored, none looked up yet. Each is looked up and found nowhere (-1), and
     * none is a repeat of another; nothing past the last move is read.
     */
    @Test
    void aChunkThatFillsItsArraysIsLookedUpToItsLastMove() {
        CompiledSearch search = search(Scenarios.lower(TWO_WORDS));
        PackedStore empty = new PackedStore(2, false, true, bytes -> { });
        Expander expander = new Expander(search.model, empty, null, null);
        Expansion chunk = new Expansion(2);
        chunk.startState(0);
        for (int n = 0; n < 256; n++) {
            int m = chunk.addMove(0);
            chunk.successor[m * 2] = n;
            chunk.successor[m * 2 + 1] = 7;
            chunk.key[m] = PackedStore.key(chunk.successor, m * 2, 2);
            chunk.known[m] = -2;
        }
        assertEquals(256, chunk.known.length);
        expander.lookUp(chunk);
        int[] nowhere = new int[256];
        Arrays.fill(nowhere, -1);
        assertArrayEquals(nowhere, chunk.known);
    }

    /**
     * A move back to the state itself closes a cycle too. a sets x forever (each turn of its loop
     * one move, to itself once x = 1); b sets y and ends (an end needs the cycle proviso).
     * Unreduced: the 4 values of x and y, 6 moves (a's self-loops in x = 1 counted). Reduced: the
     * start takes a alone (x = 1); there a's only move leads back to the state, so the set of b
     * is taken instead of a's, alone (y = 1); there a is the only thread left and moves to itself:
     * 3 states, 3 moves. Taking a's self-loop as leading forward would put b off forever (2 states);
     * keeping a's move beside the full expansion would count 4 moves.
     */
    @Test
    void aMoveToTheStateItselfLeadsBack() {
        String spinner = """
                int(0..1) x; int(0..1) y;
                daemon thread a { while (true) { x = 1; } }
                thread b { y = 1; }
                """;
        assertCounts(spinner, Explorer.Reductions.NONE, 4, 6);
        assertCounts(spinner, new Explorer.Reductions(true, false), 3, 3);
    }

    /**
     * A move back to a state held in the visited set's first slot (slot 0) leads back like any
     * other. The spinner of the test above with three more threads that each set a variable of
     * their own and end: the first state (by id) where a's move leads to the state itself while
     * another thread can still move, and whose home slot is high enough for the table to be
     * filled from there to its end without growing. It is expanded with a store built so that it
     * sits in slot 0: other states fill every slot from its home slot on, so its probe wraps to
     * slot 0. There a's self-loop leads back, so another thread's set is taken instead: one move,
     * not to the state itself. Taking slot 0 for "not stored" would keep a's self-loop alone.
     */
    @Test
    void aMoveBackToTheStateInSlotZeroLeadsBack() {
        CompiledSearch search = search(Scenarios.lower("""
                int(0..1) x; int(0..1) y; int(0..1) z; int(0..1) w;
                daemon thread a { while (true) { x = 1; } }
                thread b { y = 1; }
                thread c { z = 1; }
                thread d { w = 1; }
                """));
        CompiledModel model = search.model;
        int words = model.packing.words;
        int table = 2048; // a new store's table, grown past three quarters full
        long[] state = new long[words];
        for (int id = 0; id < search.stateCount(); id++) {
            search.store.get(id, state, 0);
            Expander full = new Expander(model, search.store, null, null);
            Expansion moves = new Expansion(words);
            full.expand(id, state, 0, moves);
            full.lookUp(moves);
            boolean selfLoop = false;
            for (int m = 0; m < moves.moves; m++) selfLoop |= search.store.idAt(moves.known[m]) == id;
            long key = PackedStore.key(state, 0, words);
            int home = PackedStore.slotOf(key) & (table - 1);
            if (!selfLoop || moves.moves < 2 || table - home >= table * 3 / 4) continue;
            PackedStore store = new PackedStore(words, false, false, bytes -> { });
            boolean[] used = new boolean[table];
            long[] filler = new long[words];
            for (long n = 1; !allUsed(used, home); n++) {
                filler[0] = -n; // no state of the model: its words are not negative
                long fillerKey = PackedStore.key(filler, 0, words);
                int at = PackedStore.slotOf(fillerKey) & (table - 1);
                if (at < home || allUsed(used, at)) continue; // would land below home, or wrap to slot 0
                store.add(filler, 0, fillerKey, -1);
                used[store.find(filler, 0, fillerKey)] = true;
            }
            int stored = store.add(state, 0, key, -1);
            assertEquals(0, store.find(state, 0, key));
            PartialOrder por = new PartialOrder(model, true, bytes -> { }, () -> { });
            Expansion chunk = new Expansion(words);
            new Expander(model, store, por, null).expand(stored, state, 0, chunk);
            assertEquals(1, chunk.count[0], "state " + id);
            assertFalse(Arrays.equals(state, Arrays.copyOf(chunk.successor, words)), "state " + id);
            return;
        }
        throw new AssertionError("no state with a self-loop has a home slot where the table can be filled");
    }

    private static boolean allUsed(boolean[] used, int from) {
        for (int i = from; i < used.length; i++) {
            if (!used[i]) return false;
        }
        return true;
    }

    /**
     * Only the set's own moves are asked whether they lead back, not what a dropped expansion left
     * past them. a and b set x and y forever (a move to itself once set), c sets z and ends; all
     * independent. Unreduced: the 8 values of x, y, z; a and b move in each, c in the 4 with z = 0:
     * 20 moves. Reduced: 000 takes a alone (to 100). In 100 a's set leads back (to itself): the full
     * expansion a, b, c marks a, and the set of b is taken (to 110). In 110 a's and b's moves both
     * lead back: full a, b, c, then the set of c (to 111), its one move where b's stood second in the
     * full expansion. In 111 only a and b move, both back to it: both taken. 4 states, 1 + 1 + 1 + 2
     * = 5 moves. Reading b's leftover as a second move of c's set would judge that set, chosen
     * again, as leading nowhere forward, which chooseAgain ruled out (Expander verifies it).
     */
    @Test
    void aSetChosenAgainIsJudgedByItsOwnMovesOnly() {
        String spinners = """
                int(0..1) x; int(0..1) y; int(0..1) z;
                daemon thread a { while (true) { x = 1; } }
                daemon thread b { while (true) { y = 1; } }
                thread c { z = 1; }
                """;
        assertCounts(spinners, Explorer.Reductions.NONE, 8, 20);
        assertCounts(spinners, new Explorer.Reductions(true, false), 4, 5);
    }

    /**
     * A set is kept when one of its moves leads forward, though another leads back (C3 asks for a
     * path forward, {@link PartialOrder}). a sets x to 1 forever, b sets it to 0 once: one set
     * (different constants); c and d set z to 1 and 0: another. State (x, z, who is done).
     * Unreduced: x and b's (4) times c's and d's (5): 20 states, 46 moves (a in all, b in 10, c and
     * d in 8 each). Reduced, breadth-first: 0 start:
     * {a, b} (the first of two sets of 2 moves), to 1 (x = 1) and 2 (b done); 1: {a, b} again, a
     * back to 1 itself, b forward to 2: both taken; 2: b done, so {a} alone, to 3 (x = 1, b done);
     * 3: a only leads back, so the full expansion's forward moves choose {c, d}: to 4 (c done,
     * z = 1) and 5 (d done); 4: {a} leads back, {d} to 6; 5: {c} to 7; 6 and 7: a alone moves,
     * back. 8 states, 2 + 2 + 1 + 2 + 1 + 1 + 1 + 1 = 11 moves. Asking every move to lead forward
     * would take {c, d} in 1 as well: 14 states and 19 moves.
     */
    @Test
    void aSetWithAMoveLeadingForwardIsKeptThoughAnotherLeadsBack() {
        String scenario = """
                int(0..1) x; int(0..1) z;
                daemon thread a { while (true) { x = 1; } }
                thread b { x = 0; }
                thread c { z = 1; }
                thread d { z = 0; }
                """;
        assertCounts(scenario, Explorer.Reductions.NONE, 20, 46);
        assertCounts(scenario, new Explorer.Reductions(true, false), 8, 11);
    }

    /**
     * AB-BA: a takes m then n, b takes n then m. Places per thread: before, holding m (n for b),
     * holding both, holding the first after the inner unlock, done. Pairs holding no lock twice:
     * a before or done (2) times any of b's 5 places, a holding one lock (2 places) times b's 4
     * places not holding m, a holding both times b before or done = 10 + 8 + 2 = 20, less the one
     * where each holds its first lock after its inner unlock (whichever took both first still
     * held its first lock when the other took its own): 19 states. No thread can move in
     * exactly two: the deadlock (each holds its first lock, waiting for the other's) and both done.
     */
    @Test
    void noThreadCanMoveOnlyInTheDeadlockAndTheEnd() {
        CompiledSearch search = search(Scenarios.lower("""
                mutex m; mutex n;
                thread a { mutex_lock(m); mutex_lock(n); mutex_unlock(n); mutex_unlock(m); }
                thread b { mutex_lock(n); mutex_lock(m); mutex_unlock(m); mutex_unlock(n); }
                """));
        assertEquals(19, search.stateCount());
        Expander judge = search.expander();
        long[] state = new long[search.model.packing.words];
        int stuck = 0;
        // the last state first: the judge must decode each state it is asked about, not reuse one
        for (int id = search.stateCount() - 1; id >= 0; id--) {
            search.store.get(id, state, 0);
            if (!judge.canMove(state, 0)) stuck++;
        }
        assertEquals(2, stuck);
        search.store.get(0, state, 0);
        assertTrue(judge.canMove(state, 0));
    }

    /**
     * A guard false at its first conjunct is disabled too: a waits for x = 1, which no thread
     * ever writes, so a never moves and pulls in no thread; b steps y to 1, then back to 0, and
     * ends. Only b can move, so no state is reduced: the start, y = 1 and b's end, 3 states and 2
     * moves, with and without reduction. Counting a's wait as a move would make {a} a stubborn
     * set of the start with no move to take: the start alone, stuck.
     */
    @Test
    void aGuardFalseAtItsFirstConjunctIsNoMoveForTheStubbornSet() {
        String waiter = """
                int(0..1) x; int(0..1) y;
                thread a { wait_event(x == 1); }
                thread b { y = 1; y = 0; }
                """;
        for (Explorer.Reductions reductions : new Explorer.Reductions[] {Explorer.Reductions.NONE,
                new Explorer.Reductions(true, false)}) {
            assertCounts(waiter, reductions, 3, 2);
        }
    }

    /**
     * A stubborn set whose moves are all interrupts arriving is taken in full (the merge judges
     * such a state quiescent, {@link PartialOrder}). v and t wait for x = 1, which nothing writes
     * (v never moves, and its wait, false at its first conjunct, is no move); the disk interrupt
     * on t sets y; u sets z. Breadth-first ids, t waiting (W) or in the handler
     * (H), y, u before (-) or done (+): 0 W0-, 1 H0-, 2 W0+, 3 W1-, 4 H0+, 5 H1-, 6 W1+, 7 H1+.
     * With the reduction, all 8 expanded as one chunk: in 0 and 3 t's only move is the interrupt
     * arriving, so {t} is such a set: both moves (to 1 and 2; to 5 and 6). In 1 the handler's
     * step (y = 1 and return, to 3) commutes with u's: {t}, one move. In 5 that step leads back
     * (to 3, stored before 5), so the set of u is taken instead: one move, to 7 (v's wait taken
     * for a move there would shift which thread's move leads back, and 5 would be taken in full). Where u is done
     * (2, 4, 6, 7) t alone moves: 2 to 4, 4 to 6, 6 to 7, 7 to 6. Taking the interrupt alone would
     * lose u's move from 0 and 3; keeping it beside the full expansion would count it twice.
     */
    @Test
    void aStubbornSetOfInterruptsArrivingIsExpandedInFull() {
        CompiledSearch search = search(Scenarios.lower("""
                int(0..1) x; int(0..1) y; int(0..1) z;
                thread v { wait_event(x == 1); }
                thread t { wait_event(x == 1); }
                interrupt disk on t { y = 1; }
                thread u { z = 1; }
                """));
        assertEquals(8, search.stateCount());
        CompiledModel model = search.model;
        int words = model.packing.words;
        PartialOrder por = new PartialOrder(model, true, bytes -> { }, () -> { });
        Expander expander = new Expander(model, search.store, por, null);
        Expansion chunk = new Expansion(words);
        long[] state = new long[words];
        for (int id = 0; id < search.stateCount(); id++) {
            search.store.get(id, state, 0);
            expander.expand(id, state, 0, chunk);
        }
        int[][] expected = {{1, 2}, {3}, {4}, {5, 6}, {6}, {7}, {7}, {6}};
        for (int id = 0; id < expected.length; id++) {
            int[] reached = new int[chunk.count[id]];
            for (int m = 0; m < reached.length; m++) {
                int move = chunk.first[id] + m;
                reached[m] = search.store.idAt(search.store.find(chunk.successor, move * words, chunk.key[move]));
            }
            assertArrayEquals(expected[id], reached, "state " + id);
        }
    }

    /**
     * One chunk of moves of a two-word model, with these successors and keys, none stored (an
     * empty visited set): what lookUp marks of each (-1, or a repeat of an earlier move).
     */
    private static int[] repeatsMarked(long[][] successors, long[] keys) {
        CompiledSearch search = search(Scenarios.lower(TWO_WORDS));
        PackedStore empty = new PackedStore(2, false, true, bytes -> { });
        Expander expander = new Expander(search.model, empty, null, null);
        Expansion chunk = new Expansion(2);
        chunk.startState(0);
        for (int n = 0; n < successors.length; n++) {
            int m = chunk.addMove(0);
            System.arraycopy(successors[n], 0, chunk.successor, m * 2, 2);
            chunk.key[m] = keys[n];
            chunk.known[m] = -1;
        }
        expander.lookUp(chunk);
        return Arrays.copyOf(chunk.known, chunk.moves);
    }

    private static void assertCounts(String source, Explorer.Reductions reductions, int states, int moves) {
        CheckResult r = LockKindRulesTest.reduced(source, reductions);
        assertEquals(states, r.stats().states(), reductions.toString());
        assertEquals(moves, r.stats().transitions(), reductions.toString());
    }

    /** States {@code from..to-1} of the finished search expanded as one chunk and looked up in {@code store}. */
    private static Expansion expand(CompiledSearch search, PackedStore store, int from, int to) {
        int words = search.model.packing.words;
        Expander expander = new Expander(search.model, store, null, null);
        Expansion chunk = new Expansion(words);
        long[] state = new long[words];
        for (int id = from; id < to; id++) {
            search.store.get(id, state, 0);
            expander.expand(id, state, 0, chunk);
        }
        expander.lookUp(chunk);
        return chunk;
    }

    private static CompiledSearch search(IrProgram program) {
        return ParentsTest.search(program, false);
    }
}
