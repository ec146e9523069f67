package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.RandomModels;
import io.vmlock.testing.Scenarios;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which stubborn set is taken, counted by hand on independent threads. */
class StubbornSetsTest {
    private static final String A = "thread a { either { x = 1; } or { x = 2; } u = 1; }\n";
    private static final String B = "thread b { either { y = 1; } or { y = 2; } }\n";
    private static final String VARIABLES = "int(0..2) x; int(0..1) u; int(0..2) y;\n";

    /**
     * a chooses x, then sets u; b chooses y. Choosing a branch is a move of its own, then the
     * branch's assignment another. At the start each alone is a stubborn set of two moves (its
     * two choices): a tie, and the first thread in thread order goes first. a first: the start,
     * a's two choices, a's assignment after each and its u = 1 after that (a alone, one move, is
     * cheaper than b's two), then b's two choices after each, and b's assignment after each =
     * 1 + 2 + 2 + 2 + 4 + 4 = 15 states, 14 moves. b first: the start, b's two choices, b's
     * assignment after each, then a alone runs in full after each (2 choices, then 2 steps each)
     * = 1 + 2 + 2 + 2 * 6 = 17 states, 16 moves. Unreduced either way: a's 7 places times b's 5
     * = 35 states.
     */
    @Test
    void onATieTheFirstThreadInThreadOrderGoesFirst() {
        CheckResult aFirst = porSearch(VARIABLES + A + B);
        assertEquals(15, aFirst.stats().states());
        assertEquals(14, aFirst.stats().transitions());
        CheckResult bFirst = porSearch(VARIABLES + B + A);
        assertEquals(17, bFirst.stats().states());
        assertEquals(16, bFirst.stats().transitions());
        assertEquals(35, LockKindRulesTest.reduced(VARIABLES + A + B, Explorer.Reductions.NONE).stats().states());
    }

    private static CheckResult porSearch(String source) {
        return LockKindRulesTest.reduced(source, new Explorer.Reductions(true, false));
    }

    /**
     * What a thread pulls into a set is found once per state and class and walked from every
     * seed; the sets must be those of the closure that asks about each action of each thread it
     * reaches, from each seed anew ({@link DirectClosure}), in every state of generated models
     * (searched in full), without moves ruled out and then with some ruled out. States come in
     * breadth-first order, so a table kept from the state before would show.
     */
    @Test
    void pullsFoundOncePerStateChooseTheSetsOfTheDirectClosure(@TempDir Path dir) throws IOException {
        int[] reducedOfStates = new int[2];
        for (int i = 0; i < 40; i++) {
            String source = RandomModels.generate(5_000_000 + i, RandomModels.Features.LOOPY);
            Optional<IrProgram> ir = DifferentialTest.compile(source, dir, i);
            assertTrue(ir.isPresent(), source);
            assertSameSets(ir.get(), "model " + (5_000_000 + i) + ":\n" + source, reducedOfStates);
        }
        assertTrue(reducedOfStates[0] > reducedOfStates[1] / 10, Arrays.toString(reducedOfStates));
    }

    /**
     * The same past 64 threads, where a set takes two words: 66 threads wait for {@code go},
     * which no move sets, and the three that move come after them. The invariant makes the
     * writes of {@code y} visible: a set holding one is turned down.
     */
    @Test
    void setsOfThreadsPastTheSixtyFourthAreTheDirectClosuresToo() {
        StringBuilder source = new StringBuilder("mutex m; bool go = false; int(0..3) x; int(0..2) y;\n");
        for (int i = 0; i < 66; i++) source.append("thread w").append(i).append(" { wait_event(go); }\n");
        source.append("""
                thread a { mutex_lock(m); x = 1; mutex_unlock(m); }
                thread b { mutex_lock(m); x = 2; mutex_unlock(m); y = 1; }
                thread c { y = 2; if (x == 3) { go = true; } }
                invariant y <= 2;
                """);
        int[] reducedOfStates = new int[2];
        assertSameSets(Scenarios.lower(source.toString()), source.toString(), reducedOfStates);
        assertTrue(reducedOfStates[0] > 0, Arrays.toString(reducedOfStates));
    }

    /**
     * A disabled move pulls its enablers past the 64th thread too: a may choose to wait for go,
     * which g, after 64 threads that never move, raises; a's set holds g, and so costs more than
     * g's own, which goes first.
     */
    @Test
    void aDisabledMovePullsItsEnablersPastTheSixtyFourthThread() {
        StringBuilder source = new StringBuilder("int(0..1) go; int(0..1) y; int(0..1) z; int(0..1) never;\n");
        for (int i = 0; i < 64; i++) source.append("thread idle").append(i).append(" { wait_event(never == 1); }\n");
        source.append("""
                thread a { either { wait_event(go == 1); } or { y = 1; } }
                thread g { z = 1; go = 1; }
                """);
        int[] reducedOfStates = new int[2];
        assertSameSets(Scenarios.lower(source.toString()), source.toString(), reducedOfStates);
        assertTrue(reducedOfStates[0] > 0, Arrays.toString(reducedOfStates));
    }

    /** Compares the sets in every state of the program's full search; counts the states with a set, and all. */
    private static void assertSameSets(IrProgram program, String what, int[] reducedOfStates) {
        CompiledSearch search = ParentsTest.search(program, false);
        CompiledModel model = search.model;
        PartialOrder por = new PartialOrder(model, true, bytes -> { }, () -> { });
        StubbornSets sets = new StubbornSets(model, por);
        DirectClosure direct = new DirectClosure(model, por);
        long[] words = new long[model.packing.words];
        int[] v = new int[model.packing.fields];
        int[][] falsified = new int[model.threads][];
        int[] count = new int[model.threads];
        boolean[][] back = new boolean[model.threads][];
        for (int id = 0; id < search.stateCount(); id++) {
            search.store.get(id, words, 0);
            model.packing.decode(words, 0, v);
            for (int t = 0; t < model.threads; t++) {
                Action[] actions = model.actions[t][v[model.positionField[t]]];
                falsified[t] = new int[actions.length];
                back[t] = new boolean[actions.length];
                count[t] = 0;
                for (int a = 0; a < actions.length; a++) {
                    falsified[t][a] = actions[a].falsified(v);
                    if (falsified[t][a] < 0) count[t]++;
                    back[t][a] = (id + t + a) % 3 == 0;
                }
            }
            String state = "state " + id + " of " + what;
            boolean[] chosen = direct.choose(v, falsified, count, null);
            assertArrayEquals(chosen, copy(sets.choose(v, falsified, count)), state);
            assertArrayEquals(direct.choose(v, falsified, count, back), copy(sets.chooseAgain(back)), state);
            if (chosen != null) reducedOfStates[0]++;
            reducedOfStates[1]++;
        }
    }

    private static boolean[] copy(boolean[] set) {
        return set == null ? null : set.clone();
    }

    /** Answers found afresh, not kept from an earlier question. */
    private static ConjunctAnswers fresh(PartialOrder por, int[] v) {
        ConjunctAnswers answers = new ConjunctAnswers(por);
        answers.at(v);
        return answers;
    }

    /** The closure as it was before the pulls were kept: every action of each thread reached, asked again per seed. */
    private static final class DirectClosure {
        private final CompiledModel model;
        private final PartialOrder por;
        private final long[] threads;

        DirectClosure(CompiledModel model, PartialOrder por) {
            this.model = model;
            this.por = por;
            this.threads = new long[(model.threads + 63) / 64];
        }

        boolean[] choose(int[] v, int[][] falsified, int[] count, boolean[][] back) {
            if (Arrays.stream(count).filter(n -> n > 0).count() <= 1) return null;
            int bestCost = Arrays.stream(count).sum();
            boolean[] best = null;
            for (int seed = 0; seed < model.threads; seed++) {
                if (count[seed] == 0) continue;
                boolean[] set = close(seed, v, falsified);
                if (set == null || back != null && !leadsForward(set, falsified, back)) continue;
                int cost = 0;
                for (int t = 0; t < model.threads; t++) cost += set[t] ? count[t] : 0;
                if (cost < bestCost) {
                    bestCost = cost;
                    best = set;
                }
            }
            return best;
        }

        /** Whether a thread of the set has an enabled move not marked as leading back. */
        private static boolean leadsForward(boolean[] set, int[][] falsified, boolean[][] back) {
            for (int t = 0; t < set.length; t++) {
                for (int i = 0; set[t] && i < falsified[t].length; i++) {
                    if (falsified[t][i] < 0 && !back[t][i]) return true;
                }
            }
            return false;
        }

        private boolean[] close(int seed, int[] v, int[][] falsified) {
            boolean[] in = new boolean[model.threads];
            int[] queue = new int[model.threads];
            int tail = 0;
            queue[tail++] = seed;
            in[seed] = true;
            for (int head = 0; head < tail; head++) {
                int t = queue[head];
                Action[] actions = model.actions[t][v[model.positionField[t]]];
                for (int i = 0; i < actions.length; i++) {
                    Arrays.fill(threads, 0L);
                    boolean enabled = falsified[t][i] < 0;
                    int waits = enabled ? -1 : por.readClass(actions[i], falsified[t][i]);
                    if (enabled) {
                        if (por.visible(actions[i])) return null;
                        por.dependents(actions[i], v, threads, 0);
                    } else {
                        por.enablers(waits, v, threads, 0);
                    }
                    for (int w = 0; w < model.threads; w++) {
                        // t is in the set: as an enabler of its own disabled move it needs no stand-in
                        if ((threads[w >> 6] >>> w & 1) == 0 || !enabled && w == t) continue;
                        long[] joins = new long[threads.length];
                        boolean standsIn = enabled ? w != t && por.standIn(actions[i], w, v, fresh(por, v), joins, 0)
                                : enablerStandIn(waits, w, v, joins);
                        if (!standsIn) joins[w >> 6] |= 1L << w;
                        joins[t >> 6] &= ~(1L << t);
                        for (int u = 0; u < model.threads; u++) {
                            if ((joins[u >> 6] >>> u & 1) == 0 || in[u]) continue;
                            in[u] = true;
                            queue[tail++] = u;
                        }
                    }
                }
            }
            return in;
        }

        /**
         * Whether enabler w of the conjuncts of {@code waits} has a stand-in, set in {@code into}:
         * the plain enablers of the first of {@link PartialOrder#enablerCandidates} that is false
         * and that w is no enabler of, with at most one enabler, else with the fewest.
         */
        private boolean enablerStandIn(int waits, int w, int[] v, long[] into) {
            int[] classes = por.enablerCandidates(waits, model.system.threads().get(w))[v[model.positionField[w]]];
            if (classes == null) return false;
            ConjunctAnswers answers = fresh(por, v);
            int best = -1;
            for (int c : classes) {
                if (answers.holds(c) || (answers.plain[answers.plain(c) + (w >> 6)] >>> w & 1) != 0) continue;
                if (best < 0 || answers.plainSize(c) < answers.plainSize(best)) best = c;
                if (answers.plainSize(best) <= 1) break;
            }
            if (best < 0) return false;
            System.arraycopy(answers.plain, answers.plain(best), into, 0, into.length);
            return true;
        }
    }
}
