package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.findings.TraceStep;
import io.vmlock.ir.Lowering;
import io.vmlock.pipeline.Compilation;
import io.vmlock.testing.Scenarios;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dining philosophers (examples/philosophers): N looping philosophers, left fork then right.
 * Each philosopher is in one of four places: 0 thinking (no fork), 1 holding its left fork, 2
 * holding both, 3 holding the left after putting the right back. Fork i is philosopher i's left
 * and philosopher i-1's right, so a configuration is possible iff no fork is held twice: never
 * philosopher i-1 in 2 while philosopher i is in 1, 2 or 3. Counting the possible rings is the
 * trace of T^N for the 4x4 matrix T[a][b] = 0 iff a = 2 and b != 0. Every possible ring is
 * reachable except "all in 3": its last step would be some philosopher going 2 -> 3, and just
 * before it that philosopher held its right fork while its right neighbour (in 3) held it too.
 * So states = trace(T^N) - 1 (SPIN counts the same 1,684,801 for N = 12). The test also checks
 * the states and transitions against a brute-force enumeration written independently of vmlock.
 */
class PhilosophersTest {

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6})
    void deadlockInNStepsAndEveryStateCounted(int n) {
        Compilation c = Scenarios.compile(Scenarios.root().resolve("examples/philosophers/philosophers" + n + ".vmlock"));
        CheckResult r = Explorer.check(Lowering.lower(c.program().orElseThrow()), Explorer.Options.defaults());
        assertTrue(r.complete());
        assertEquals(1, r.findings().size(), () -> r.findings().toString());
        Finding deadlock = r.findings().get(0);
        assertEquals("deadlock", deadlock.verdict().id());
        assertEquals(n, deadlock.trace().size(), "the shortest trace: every philosopher takes its left fork");
        for (TraceStep s : deadlock.trace()) assertTrue(s.operation().startsWith("mutex_lock(fork["), s.operation());
        assertEquals(n, deadlock.cycle().size());
        assertEquals(closedForm(n), r.stats().states(), "states");
        long[] brute = bruteForce(n);
        assertEquals(brute[0], r.stats().states(), "states (enumerated)");
        assertEquals(brute[1], r.stats().transitions(), "transitions (enumerated)");
    }

    /** A deadlock keeps its depth under partial-order reduction: the reduced trace is shortest, no second search. */
    @ParameterizedTest
    @ValueSource(ints = {4, 6})
    void reducedSearchGivesTheShortestDeadlockTraceItself(int n) {
        Compilation c = Scenarios.compile(Scenarios.root().resolve("examples/philosophers/philosophers" + n + ".vmlock"));
        var options = new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.COMPILED, 1, false,
                Explorer.Reductions.ALL_BUT_CHAINS, true);
        CheckResult r = Explorer.check(Lowering.lower(c.program().orElseThrow()), options);
        assertTrue(r.stats().states() < closedForm(n), "partial-order reduction applied: " + r.stats().states());
        assertEquals(List.of("deadlock"), r.findings().stream().map(f -> f.verdict().id()).toList());
        assertEquals(n, r.findings().get(0).trace().size(), "the shortest trace");
        assertTrue(r.notes().stream().anyMatch(x -> x.startsWith("shortest traces: the partial-order reduced search's own")),
                () -> r.notes().toString());
        assertTrue(r.notes().stream().noneMatch(x -> x.contains("without partial-order reduction")), () -> r.notes().toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void depthFirstStoresTheSameStates(int n) {
        Compilation c = Scenarios.compile(Scenarios.root().resolve("examples/philosophers/philosophers" + n + ".vmlock"));
        var options = new Explorer.Options(Explorer.Order.DFS, Limits.defaults());
        CheckResult r = Explorer.check(Lowering.lower(c.program().orElseThrow()), options);
        assertEquals(closedForm(n), r.stats().states());
        assertEquals(List.of("deadlock"), r.findings().stream().map(f -> f.verdict().id()).toList());
    }

    static long closedForm(int n) {
        BigInteger[][] t = new BigInteger[4][4];
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) t[a][b] = a == 2 && b != 0 ? BigInteger.ZERO : BigInteger.ONE;
        }
        BigInteger[][] p = t;
        for (int i = 1; i < n; i++) p = multiply(p, t);
        BigInteger trace = BigInteger.ZERO;
        for (int i = 0; i < 4; i++) trace = trace.add(p[i][i]);
        return trace.longValueExact() - 1;
    }

    private static BigInteger[][] multiply(BigInteger[][] x, BigInteger[][] y) {
        BigInteger[][] z = new BigInteger[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                z[i][j] = BigInteger.ZERO;
                for (int k = 0; k < 4; k++) z[i][j] = z[i][j].add(x[i][k].multiply(y[k][j]));
            }
        }
        return z;
    }

    /** {states, transitions} of the looping philosophers, by plain search over place vectors. */
    static long[] bruteForce(int n) {
        Set<List<Integer>> seen = new HashSet<>();
        ArrayDeque<int[]> todo = new ArrayDeque<>();
        int[] start = new int[n];
        seen.add(key(start));
        todo.add(start);
        long transitions = 0;
        while (!todo.isEmpty()) {
            int[] s = todo.poll();
            for (int i = 0; i < n; i++) {
                int next = move(s, i, n);
                if (next < 0) continue;
                transitions++;
                int[] t = s.clone();
                t[i] = next;
                if (seen.add(key(t))) todo.add(t);
            }
        }
        return new long[] {seen.size(), transitions};
    }

    private static int move(int[] s, int i, int n) {
        return switch (s[i]) {
            case 0 -> forkHeld(s, i, n) ? -1 : 1;
            case 1 -> forkHeld(s, (i + 1) % n, n) ? -1 : 2;
            case 2 -> 3;
            default -> 0;
        };
    }

    private static boolean forkHeld(int[] s, int fork, int n) {
        return s[fork] != 0 || s[(fork - 1 + n) % n] == 2;
    }

    private static List<Integer> key(int[] s) {
        return Arrays.stream(s).boxed().toList();
    }
}
