package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.budget.Budget;
import io.vmlock.budget.BudgetExhausted;
import io.vmlock.budget.Phase;
import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.SystemCompiler;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.Scenarios;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The partial-order reduction's tables are built before the search's first state, where no
 * state's budget check runs: the setup asks the deadline itself, so a small --max-seconds on a
 * big scenario stops there, as an incomplete search, instead of running past it.
 */
class PartialOrderSetupTest {
    /** Twelve threads taking three locks in turn: thousands of positions and actions to tabulate. */
    private static String manyThreads() {
        StringBuilder s = new StringBuilder("mutex a; mutex b; mutex c; int(0..3) x;\n");
        for (int t = 0; t < 12; t++) {
            s.append("thread t").append(t).append(" {\n");
            for (int i = 0; i < 6; i++) {
                s.append("    mutex_lock(a); x = ").append(i % 4).append("; mutex_lock(b); mutex_unlock(b); mutex_unlock(a);\n");
                s.append("    mutex_lock(c); if (x == 1) { x = 2; } mutex_unlock(c);\n");
            }
            s.append("}\n");
        }
        return s.toString();
    }

    private static CompiledModel model(IrProgram program) {
        TransitionSystem system = SystemCompiler.compile(program);
        return new CompiledModel(system, new Packing(system, new int[system.fields().size()]));
    }

    @Test
    void theSetupAsksTheDeadlineAsItGoes() {
        CompiledModel model = model(Scenarios.lower(manyThreads()));
        AtomicInteger asked = new AtomicInteger();
        new PartialOrder(model, true, bytes -> { }, asked::incrementAndGet);
        assertTrue(asked.get() >= 3, "asked " + asked.get() + " times");
        AtomicInteger before = new AtomicInteger();
        Runnable spentAtSecond = () -> {
            if (before.incrementAndGet() > 1) throw new BudgetExhausted("--max-seconds 1 reached in the search");
        };
        assertThrows(BudgetExhausted.class, () -> new PartialOrder(model, true, bytes -> { }, spentAtSecond));
        assertEquals(2, before.get(), "it stops at the first spent answer");
    }

    /**
     * Past the rows' budget the stand-in for a conflict behind a held lock or a wait is found
     * again each time, not given up: the reduction (and so the states a search stores) must not
     * depend on how much memory the search had left (a refused row once cost 3 of 181,318 reduced
     * states in ReductionDifferentialTest when it ran beside other tests).
     */
    @Test
    void refusedAndBuiltRowsGiveTheStandInsOfTheirDefinition() {
        int enablerStandIns = assertRefusedRowsAgree("""
                mutex m; int(0..1) x; int(0..1) go; int(0..1) y;
                thread a { mutex_lock(m); go = 1; x = 1; x = 0; x = 1; mutex_unlock(m); go = 1; }
                thread b { wait_event(go == 1); y = 1; mutex_lock(m); x = 0; mutex_unlock(m); }
                """, "m", 0, 1, 2);
        // b holding m, its way to the unlock passes its wait for go, which a alone raises
        assertTrue(enablerStandIns > 0, "no enabler waited behind the lock or the wait");
        assertRefusedRowsAgree(RAISES_ITSELF, "go", 0, 1);
    }

    /**
     * Every action's stand-ins for every other thread, at each of its positions and each value of
     * {@code field}: with the rows refused as with them built, and as {@link #standInsByDefinition};
     * so too every conjunct's enablers. How many times an enabler had a stand-in.
     */
    private static int assertRefusedRowsAgree(String scenario, String field, int... values) {
        CompiledModel model = model(Scenarios.lower(scenario));
        PartialOrder built = new PartialOrder(model, true, bytes -> { }, () -> { });
        PartialOrder refused = new PartialOrder(model, true, bytes -> {
            throw new BudgetExhausted("--max-memory 1 reached");
        }, () -> { });
        int f = field(model, field);
        int standIns = 0;
        int enablerStandIns = 0;
        for (Action a : model.byId) {
            for (int u = 0; u < model.threads; u++) {
                if (u == a.thread) continue;
                for (int p = 0; p < model.system.threads().get(u).positions().size(); p++) {
                    for (int value : values) {
                        int[] v = model.system.initial().stream().mapToInt(Integer::intValue).toArray();
                        v[model.positionField[u]] = p;
                        v[f] = value;
                        assertEquals(dependents(built, a, v), dependents(refused, a, v),
                                "dependents of " + a.command.text() + ", thread " + u + " at " + p);
                        List<Long> enablers = enablers(built, v);
                        assertEquals(enablers, enablers(refused, v), "enablers, thread " + u + " at " + p);
                        if (!enablers.equals(plainEnablers(built, v))) enablerStandIns++;
                        long expected = standIns(built, a, u, v);
                        assertEquals(expected, standIns(refused, a, u, v), a.command.text() + ", thread " + u + " at " + p);
                        assertEquals(standInsByDefinition(built, model, a, u, v), expected,
                                a.command.text() + ", thread " + u + " at " + p + ", " + field + " = " + value);
                        if (expected != THE_THREAD_ITSELF) standIns++;
                    }
                }
            }
        }
        assertTrue(standIns > 0, "no conflict waited behind the lock or the wait");
        return enablerStandIns;
    }

    /** The threads {@link PartialOrder#dependents} sets for {@code a} in state {@code v}. */
    private static long dependents(PartialOrder por, Action a, int[] v) {
        long[] into = new long[1];
        por.dependents(a, v, into, 0);
        return into[0];
    }

    /**
     * A thread that may raise a condition only past its own wait for it is no enabler of it (a
     * worker queues its work item again only once it ran): r waits for pending and then raises
     * it, so while pending is 0 r never raises it first, and the wait's plain enablers are q
     * alone; past its wait r is one too (q's own write left out once q has run).
     */
    @Test
    void aThreadThatRaisesAConditionOnlyPastItsWaitIsNoEnablerOfIt() {
        CompiledModel model = model(Scenarios.lower("""
                int(0..1) pending;
                thread worker { wait_event(pending == 1); }
                thread r { wait_event(pending == 1); pending = 1; }
                thread q { pending = 1; }
                """));
        PartialOrder por = new PartialOrder(model, true, bytes -> { }, () -> { });
        int[] v = model.system.initial().stream().mapToInt(Integer::intValue).toArray();
        int pending = por.readClass(model.actions[0][v[model.positionField[0]]][0], 0);
        assertEquals(pending, por.readClass(model.actions[1][v[model.positionField[1]]][0], 0), "one wait, one class");
        assertEquals(threads(2), plainEnablerSets(por, v).get(pending), "q alone");
        v[model.positionField[1]] = model.system.threads().get(1).at(v[model.positionField[1]]).get(0).to();
        assertEquals(threads(1, 2), plainEnablerSets(por, v).get(pending), "r past its wait");
        v[model.positionField[2]] = model.system.threads().get(2).at(v[model.positionField[2]]).get(0).to();
        assertEquals(threads(1), plainEnablerSets(por, v).get(pending), "q done");
    }

    /**
     * A move its thread never comes back from leads forward for the cycle proviso, whatever its
     * successor ({@code PartialOrder#irreversible}): the steps before and after a loop, the
     * loop's exit, and a step that stops the thread with a finding; not a step inside the loop (the test and the body come round again), nor any
     * step of a daemon's endless loop.
     */
    @Test
    void onlyMovesOutOfALoopAreIrreversible() {
        CompiledModel model = model(Scenarios.lower("""
                int(0..3) x; int(0..1) y; int(0..1) z;
                thread a { x = 1; while (x < 3) { x = x + 1; } y = 1; }
                daemon thread d { while (true) { z = 1; z = 0; } }
                """));
        PartialOrder por = new PartialOrder(model, true, bytes -> { }, () -> { });
        List<String> irreversible = new ArrayList<>();
        List<String> reversible = new ArrayList<>();
        for (Action a : model.byId) {
            // threads in declaration order; the increment's overflow check is a step of its own, which stops the thread
            String step = (a.command.thread() == 0 ? "a" : "d") + ": " + a.command.text() + (a.command.raisesFinding() ? " (overflow)" : "");
            (por.irreversible(a.id) ? irreversible : reversible).add(step);
        }
        assertTrue(irreversible.stream().anyMatch(t -> t.startsWith("a: ") && t.contains("x = 1")), irreversible::toString);
        assertTrue(irreversible.stream().anyMatch(t -> t.startsWith("a: ") && t.contains("y = 1")), irreversible::toString);
        assertTrue(reversible.contains("a: x = x + 1"), reversible::toString);
        assertTrue(irreversible.contains("a: x = x + 1 (overflow)"), irreversible::toString);
        assertTrue(reversible.stream().noneMatch(t -> t.startsWith("a: ") && (t.contains("y = 1") || t.contains("x = 1;"))),
                reversible::toString);
        assertTrue(irreversible.stream().noneMatch(t -> t.startsWith("d: ") || t.equals("a: x = x + 1")), irreversible::toString);
        assertTrue(reversible.stream().anyMatch(t -> t.startsWith("d: ")), reversible::toString);
    }

    /**
     * Which writes commute with a wait ({@code Access#reads}): its field's only writer's, when
     * they never make the wait false, whatever they write (raiser's {@code done = done + 1}, read
     * from the state, past a choice of 1 or 2); any thread's write of a constant that keeps it
     * true, though another thread writes the field too (c1's {@code clear = 0}); so too where the
     * wait reads another field besides. Not a write
     * that may lower done below 1, nor one of 1 to clear, nor a write of done by a second writer.
     */
    @Test
    void aWaitCommutesOnlyWithWritesThatKeepItTrue() {
        String scenario = """
                int(0..7) done = 0; int(0..1) clear = 0; int(0..1) y;
                thread raiser { either { done = 1; } or { done = 2; } while (done < 5) { done = done + 1; } done = done - 5; }
                thread waiter { wait_event(done >= 1); wait_event(clear == 0); wait_event(done >= 1 || clear == 0); y = 1; }
                thread c1 { clear = 0; }
                thread c2 { clear = 1; }
                """;
        // one reduction asked about each: actions of one access class share the answer of the first asked
        CompiledModel model = model(Scenarios.lower(scenario));
        PartialOrder por = new PartialOrder(model, true, bytes -> { }, () -> { });
        assertWaiterDependents(model, por, "done = done + 1", 0L, "the only writer raises done");
        assertWaiterDependents(model, por, "done = done - 5", 1L << 1, "it may lower done to 0");
        assertWaiterDependents(model, por, "clear = 0", 0L, "0 keeps clear == 0");
        assertWaiterDependents(model, por, "clear = 1", 1L << 1, "1 does not");
        CompiledModel second = model(Scenarios.lower(scenario + "thread other { done = 3; }\n"));
        assertWaiterDependents(second, new PartialOrder(second, true, bytes -> { }, () -> { }), "done = done + 1", 1L << 1,
                "done has a second writer: no values of raiser's alone to judge by");
    }

    /** Whether the waiter (thread 1) is among the dependents of each step whose text is {@code text}, at the start. */
    private static void assertWaiterDependents(CompiledModel model, PartialOrder por, String text, long expected, String why) {
        int[] v = model.system.initial().stream().mapToInt(Integer::intValue).toArray();
        // not the error step beside it, which writes nothing (the write out of range)
        List<Action> found = Arrays.stream(model.byId)
                .filter(a -> a.command.text().equals(text) && a.kind() == Command.Kind.STEP).toList();
        assertTrue(!found.isEmpty(), text);
        for (Action a : found) assertEquals(expected, dependents(por, a, v) & 1L << 1, text + ": " + why);
    }

    /**
     * b waits for go or x after raising go itself; c may lower go again in between, and a raises x
     * (so the wait never hangs) after writing y, as b does after its wait.
     */
    private static final String RAISES_ITSELF = """
            int(0..1) go; int(0..1) x; int(0..2) y;
            thread a { y = 1; x = 1; }
            thread b { go = 1; wait_event(go == 1 || x == 1); y = 2; }
            thread c { go = 0; }
            """;

    /**
     * A wait stands in for the waiter only when the waiter cannot end it itself: before b raises
     * go it is among the wait's enablers and joins for a's write of y (were it left out, a would
     * go alone and b's y = 2 never come before a's y = 1); past that write, with go lowered
     * again by c, only a (raising x) can end the wait, and a is already in the set: nothing joins
     * (a itself left out: the set's own thread, {@link ConjunctAnswers#enablers(int, int)}).
     */
    @Test
    void aWaiterThatRaisesTheConditionItselfHasNoStandIn() {
        CompiledModel model = model(Scenarios.lower(RAISES_ITSELF));
        PartialOrder por = new PartialOrder(model, true, bytes -> { }, () -> { });
        Action write = model.actions[0][model.system.initial().get(model.positionField[0])][0];
        int[] v = model.system.initial().stream().mapToInt(Integer::intValue).toArray();
        assertEquals(THE_THREAD_ITSELF, standIns(por, write, 1, v), "b raises go itself");
        v[model.positionField[1]] = model.system.threads().get(1).at(v[model.positionField[1]]).get(0).to();
        assertEquals(0L, standIns(por, write, 1, v), "go lowered by c after b raised it: a alone raises x, and a is in the set");
        v[field(model, "go")] = 1;
        assertEquals(THE_THREAD_ITSELF, standIns(por, write, 1, v), "the wait is over");
    }

    /**
     * A guard's "the owner is me" test stands in for nothing ({@code PartialOrder#passable}): b
     * may have taken m or not where the ways meet, so its unlock keeps the test (c takes m too:
     * no value of b's alone decides it), and every way of b to its write of x passes it. False
     * at the start, it has no enablers (Access leaves the read out), yet b makes it true itself
     * by taking m: b joins for a's write of x.
     */
    @Test
    void anOwnershipTestStandsInForNothing() {
        CompiledModel model = model(Scenarios.lower("""
                mutex m; int(0..1) x; int(0..1) y;
                thread a { x = 1; }
                thread b { either { mutex_lock(m); y = 1; } or { y = 0; } mutex_unlock(m); x = 0; }
                thread c { mutex_lock(m); mutex_unlock(m); }
                """));
        PartialOrder por = new PartialOrder(model, true, bytes -> { }, () -> { });
        Action write = model.actions[0][model.system.initial().get(model.positionField[0])][0];
        int[] v = model.system.initial().stream().mapToInt(Integer::intValue).toArray();
        assertEquals(THE_THREAD_ITSELF, standIns(por, write, 1, v));
    }

    /**
     * A conjunct its guard's earlier ones keep from failing (here the divisor's check) may fail
     * when a stand-in looks at it on its own: it then stands in for nothing, and the other one,
     * d != 0, does with its enablers other than a, whose set it is: c (b's wait ends in a
     * division-by-zero finding when d is 0, a path that never reaches b's write of y). Taken as
     * false, the division's conjunct would wait for a and c as well ({@link EnablingWrites}
     * answers "maybe" where the division fails): no fewer than d != 0, which comes first, so
     * this scenario cannot tell the two apart (the PIT mutant taking a failure as false survives
     * it; every guard the compiler writes puts the check first).
     */
    @Test
    void aConjunctThatFailsToEvaluateOnItsOwnStandsInForNothing() {
        String scenario = """
                int(0..2) d; int(0..1) y;
                thread a { y = 1; d = 1; }
                thread b { wait_event(2 / d == 2); y = 0; }
                thread c { d = 2; }
                """;
        assertEquals(1L << 2, standInsAtTheStart(scenario));
    }

    /**
     * Of the false conjuncts on the way, the one with the fewest enablers stands in, the first on
     * a tie: b waits for x == 1 and z == 1; c raises x, d raises x and z. Then z == 1, d alone;
     * with d raising z only, each has one enabler and x == 1 (the first) stands in, c alone.
     */
    @Test
    void theConjunctWithTheFewestEnablersStandsInTheFirstOnATie() {
        String waits = """
                int(0..1) x; int(0..1) z; int(0..2) y;
                thread a { y = 1; }
                thread b { wait_event(x == 1 && z == 1); y = 2; }
                thread c { x = 1; }
                """;
        assertEquals(1L << 3, standInsAtTheStart(waits + "thread d { x = 1; z = 1; }\n"));
        assertEquals(1L << 2, standInsAtTheStart(waits + "thread d { z = 1; }\n"));
    }

    /** The stand-ins for b (thread 1) and a's first move (thread 0) at the start. */
    private static long standInsAtTheStart(String scenario) {
        CompiledModel model = model(Scenarios.lower(scenario));
        PartialOrder por = new PartialOrder(model, true, bytes -> { }, () -> { });
        Action write = model.actions[0][model.system.initial().get(model.positionField[0])][0];
        return standIns(por, write, 1, model.system.initial().stream().mapToInt(Integer::intValue).toArray());
    }

    private static int field(CompiledModel model, String name) {
        return model.system.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().id();
    }

    /**
     * The stand-in is the lock's holder, in whichever context it took it (a token is thread + 1,
     * plus threads in a hard interrupt: OwnerWords), never the thread that waits behind it, and
     * none while the lock is free or held by that thread itself (it may unlock and lock again).
     */
    @Test
    void theStandInIsTheHolderOfTheLockInTheWay() {
        CompiledModel model = model(Scenarios.lower("""
                mutex m; int(0..1) x;
                thread a { x = 1; }
                thread b { mutex_lock(m); x = 0; mutex_unlock(m); }
                thread c { mutex_lock(m); mutex_unlock(m); }
                """));
        PartialOrder por = new PartialOrder(model, true, bytes -> { }, () -> { });
        Action write = model.actions[0][model.system.initial().get(model.positionField[0])][0];
        int m = field(model, "m");
        int[] v = model.system.initial().stream().mapToInt(Integer::intValue).toArray();
        long[] dependents = new long[1];
        por.dependents(write, v, dependents, 0);
        assertEquals(1L << 1, dependents[0] & ~1L, "b's write of x conflicts with a's, c's future does not");
        assertEquals(THE_THREAD_ITSELF, standIns(por, write, 1, v), "m free");
        v[m] = 3;
        assertEquals(1L << 2, standIns(por, write, 1, v), "c holds m");
        v[m] = 3 + 3;
        assertEquals(1L << 2, standIns(por, write, 1, v), "c holds m in a hard interrupt");
        v[m] = 2;
        assertEquals(THE_THREAD_ITSELF, standIns(por, write, 1, v), "b holds m itself");
    }

    /**
     * An enabler's stand-in: q queues the work (pending = 1) only past its waits for two and go
     * and its critical section under m. Each wait that is false stands in for q with its plain
     * enablers: a held lock first (its holder alone, found with one read of the state), else the
     * wait with the fewest (go's writer g, not two's t1 and t2); none past what holds, and none
     * for a lock q holds itself (it may unlock and lock again). The plain enablers stay q.
     */
    @Test
    void anEnablerBehindAFalseConjunctGivesWayToItsFewestEnablers() {
        assertEnablersGiveWay(0);
    }

    /**
     * The same past the 64th thread, where a set of threads takes a second word: 64 threads that
     * never move come first (each word's offset, the holder's word and the stand-in's words
     * were once computed with a sign or shift no test with fewer threads could see).
     */
    @Test
    void anEnablerPastTheSixtyFourthThreadGivesWayToo() {
        assertEnablersGiveWay(64);
    }

    /** {@link #anEnablerBehindAFalseConjunctGivesWayToItsFewestEnablers} after {@code idle} threads waiting for good. */
    private static void assertEnablersGiveWay(int idle) {
        StringBuilder scenario = new StringBuilder("mutex m; int(0..1) pending; int(0..1) go; int(0..1) two; int(0..1) never;\n");
        for (int i = 0; i < idle; i++) scenario.append("thread idle").append(i).append(" { wait_event(never == 1); }\n");
        CompiledModel model = model(Scenarios.lower(scenario + """
                thread worker { wait_event(pending == 1); }
                thread q { wait_event(two == 1); wait_event(go == 1); mutex_lock(m); mutex_unlock(m); pending = 1; }
                thread g { go = 1; }
                thread t1 { two = 1; }
                thread t2 { two = 1; }
                thread h { mutex_lock(m); mutex_unlock(m); }
                """));
        PartialOrder por = new PartialOrder(model, true, bytes -> { }, () -> { });
        int worker = idle;
        int pending = por.readClass(model.actions[worker][model.system.initial().get(model.positionField[worker])][0], 0);
        int[] v = model.system.initial().stream().mapToInt(Integer::intValue).toArray();
        int q = worker + 1;
        int g = worker + 2;
        int h = worker + 5;
        assertEquals(threads(g), enablerSets(por, v).get(pending), "go's one enabler, not two's two");
        assertEquals(threads(q), plainEnablerSets(por, v).get(pending));
        v[field(model, "m")] = h + 1;
        assertEquals(threads(h), enablerSets(por, v).get(pending), "h holds m");
        v[field(model, "m")] = q + 1;
        assertEquals(threads(g), enablerSets(por, v).get(pending), "q holds m itself");
        v[field(model, "m")] = 0;
        v[field(model, "go")] = 1;
        assertEquals(threads(worker + 3, worker + 4), enablerSets(por, v).get(pending), "go holds: two's enablers");
        v[field(model, "two")] = 1;
        assertEquals(threads(q), enablerSets(por, v).get(pending), "both hold: q itself");
    }

    /**
     * An enabler's stand-in is the false conjunct on its way with the fewest plain enablers, not
     * the fewest enablers with their own stand-ins: q raises pending only past its waits for two
     * (t1 and t2 raise it) and one (x raises it, but only past its own wait for w, which three
     * threads raise). one's plain enabler x stands in for q, though one's enablers, x's stand-ins,
     * are three.
     */
    @Test
    void anEnablersStandInHasTheFewestPlainEnablers() {
        CompiledModel model = model(Scenarios.lower("""
                int(0..1) pending; int(0..1) two; int(0..1) one; int(0..1) w;
                thread worker { wait_event(pending == 1); }
                thread q { wait_event(two == 1); wait_event(one == 1); pending = 1; }
                thread t1 { two = 1; }
                thread t2 { two = 1; }
                thread x { wait_event(w == 1); one = 1; }
                thread w1 { w = 1; }
                thread w2 { w = 1; }
                thread w3 { w = 1; }
                """));
        PartialOrder por = new PartialOrder(model, true, bytes -> { }, () -> { });
        int[] v = model.system.initial().stream().mapToInt(Integer::intValue).toArray();
        int pending = por.readClass(model.actions[0][v[model.positionField[0]]][0], 0);
        int one = readClassOf(model, por, "wait_event(one == 1)");
        assertEquals(threads(5, 6, 7), enablerSets(por, v).get(one), "x's wait stands in for it");
        assertEquals(threads(4), enablerSets(por, v).get(pending), "one's plain enabler x, not two's t1 and t2");
    }

    private static int readClassOf(CompiledModel model, PartialOrder por, String text) {
        Action a = Arrays.stream(model.byId).filter(x -> x.command.text().equals(text)).findFirst().orElseThrow();
        return por.readClass(a, 0);
    }

    private static BitSet threads(int... numbers) {
        BitSet out = new BitSet();
        for (int t : numbers) out.set(t);
        return out;
    }

    /**
     * A set's own thread needs no stand-in as an enabler: q and r may raise pending, q only past
     * m, which h holds. For a set that holds q (the closure of q's own disabled moves, or a
     * stand-in for a conflict with q's move), only r joins: q makes no move outside the set. For
     * one that holds r, h joins in q's place, and r is left out; for any other, h and r.
     */
    @Test
    void aSetsOwnThreadNeedsNoStandInAsAnEnabler() {
        PendingBehindM at = pendingBehindM("pending = 1;");
        PartialOrder por = at.por();
        int pending = at.pending();
        int[] v = at.v();
        ConjunctAnswers answers = new ConjunctAnswers(por);
        answers.at(v);
        assertEquals(1L << 3, answers.enablers[answers.enablers(pending, 0)], "r's own set: h stands in for q");
        assertEquals(1L << 0 | 1L << 2, answers.plain[answers.plain(pending)]);
        assertEquals(1L << 0 | 1L << 3, answers.enablers[answers.enablers(pending)], "h holds m");
        assertEquals(1L << 0, answers.enablers[answers.enablers(pending, 2)], "q's own set");
        assertEquals(1L << 3, answers.enablers[answers.enablers(pending, 0)], "r's own set, asked again after q's");
        assertEquals(1L << 0 | 1L << 3, answers.enablers[answers.enablers(pending, 1)], "the worker's set");
        assertEquals(1L << 0 | 1L << 3, answers.enablers[answers.enablers(pending, 3)], "h's set");
        assertEquals(1, answers.others(pending, 2));
        assertEquals(2, answers.others(pending, 1));
        assertEquals(1, answers.others(pending, 3));
    }

    /**
     * A set member's answer is kept apart from every class's own: asking one class for a member
     * (r, then q: the plain enablers of pending) leaves each other class's answer, and the member's answer
     * asked again, as a worker asking them alone finds them. The member answers live in a second
     * table of the same array; a slot computed wrongly there overwrites another class's answer,
     * whose stamp then says it is this state's (the PIT mutant {@code asked - readClass * ...} did,
     * unseen by the tests before this one).
     */
    @Test
    void aMembersAnswerLeavesEveryOtherClassesAnswer() {
        PendingBehindM at = pendingBehindM("wait_event(flag == 0); pending = 1;");
        PartialOrder por = at.por();
        int pending = at.pending();
        int[] v = at.v();
        List<Long> alone = enablers(por, v);
        // r's wait on flag comes first, so pending is not class 0, where a subtracted offset would equal the added one
        assertTrue(pending > 0 && por.readClassCount() > 2, "classes apart from pending's, before and after it");
        for (int member : new int[] {0, 2}) {
            ConjunctAnswers answers = new ConjunctAnswers(por);
            answers.at(v);
            long own = answers.enablers[answers.enablers(pending, member)];
            for (int c = 0; c < por.readClassCount(); c++) {
                assertEquals(alone.get(c), answers.enablers[answers.enablers(c)], "class " + c + " after member " + member);
            }
            assertEquals(own, answers.enablers[answers.enablers(pending, member)], "member " + member + " asked again");
        }
    }

    /** The worker's wait for pending (its read class), and the initial state with h holding m. */
    private record PendingBehindM(PartialOrder por, int pending, int[] v) { }

    /** r (runs {@code r}), the worker waiting for pending, q raising it past m, h; h holds m. */
    private static PendingBehindM pendingBehindM(String r) {
        CompiledModel model = model(Scenarios.lower("""
                mutex m; int(0..1) pending; int(0..1) flag;
                thread r { %s }
                thread worker { wait_event(pending == 1); }
                thread q { mutex_lock(m); mutex_unlock(m); pending = 1; }
                thread h { mutex_lock(m); mutex_unlock(m); }
                """.formatted(r)));
        PartialOrder por = new PartialOrder(model, true, bytes -> { }, () -> { });
        int pending = por.readClass(model.actions[1][model.system.initial().get(model.positionField[1])][0], 0);
        int[] v = model.system.initial().stream().mapToInt(Integer::intValue).toArray();
        v[field(model, "m")] = 3 + 1;
        return new PendingBehindM(por, pending, v);
    }

    /** Every read class's enablers in state {@code v}, stand-ins for enablers included ({@link PartialOrder#standInEnablers}). */
    private static List<Long> enablers(PartialOrder por, int[] v) {
        ConjunctAnswers answers = new ConjunctAnswers(por);
        answers.at(v);
        List<Long> out = new ArrayList<>();
        for (int c = 0; c < por.readClassCount(); c++) out.add(answers.enablers[answers.enablers(c)]);
        return out;
    }

    private static List<Long> plainEnablers(PartialOrder por, int[] v) {
        List<Long> out = new ArrayList<>();
        for (int c = 0; c < por.readClassCount(); c++) {
            long[] into = new long[1];
            por.enablers(c, v, into, 0);
            out.add(into[0]);
        }
        return out;
    }

    /** As {@link #enablers}, as sets of threads, however many words a set takes. */
    private static List<BitSet> enablerSets(PartialOrder por, int[] v) {
        ConjunctAnswers answers = new ConjunctAnswers(por);
        answers.at(v);
        List<BitSet> out = new ArrayList<>();
        for (int c = 0; c < por.readClassCount(); c++) {
            int from = answers.enablers(c);
            out.add(BitSet.valueOf(Arrays.copyOfRange(answers.enablers, from, from + answers.words)));
        }
        return out;
    }

    /** As {@link #plainEnablers}, as sets of threads. */
    private static List<BitSet> plainEnablerSets(PartialOrder por, int[] v) {
        List<BitSet> out = new ArrayList<>();
        for (int c = 0; c < por.readClassCount(); c++) {
            long[] into = new long[(por.threads() + 63) / 64];
            por.enablers(c, v, into, 0);
            out.add(BitSet.valueOf(into));
        }
        return out;
    }

    /** {@link PartialOrder#standIn}'s answer: the threads that join in place of u, or this when u itself joins. */
    static final long THE_THREAD_ITSELF = -1L;

    static long standIns(PartialOrder por, Action a, int u, int[] v) {
        long[] into = new long[1];
        ConjunctAnswers answers = new ConjunctAnswers(por);
        answers.at(v);
        return por.standIn(a, u, v, answers, into, 0) ? into[0] : THE_THREAD_ITSELF;
    }

    /**
     * The stand-ins from every conjunct of {@link PartialOrder#mustPass}, each asked whether it
     * holds and whom it waits for, without the tables that leave out the conjuncts u makes true
     * itself or the owner words read in place of the answers.
     */
    private static long standInsByDefinition(PartialOrder por, CompiledModel model, Action a, int u, int[] v) {
        int[] classes = por.mustPass(a, model.system.threads().get(u))[v[model.positionField[u]]];
        if (classes == null) return THE_THREAD_ITSELF;
        ConjunctAnswers answers = new ConjunctAnswers(por);
        answers.at(v);
        int best = -1;
        int fewest = Integer.MAX_VALUE;
        for (int c : classes) {
            if (answers.holds(c) || answers.waitsFor(answers.enablers(c, a.thread), u)) continue;
            int size = answers.others(c, a.thread);
            if (size < fewest) {
                best = c;
                fewest = size;
            }
        }
        return best < 0 ? THE_THREAD_ITSELF : answers.enablers[answers.enablers(best, a.thread)];
    }

    /** A budget whose deadline passes while the search is set up: incomplete, no state stored, the search named. */
    @Test
    void aDeadlinePassedDuringTheSetupStopsTheSearchBeforeItsFirstState() {
        IrProgram program = Scenarios.lower(manyThreads());
        CompiledModel model = model(program);
        AtomicLong reads = new AtomicLong();
        // the first read starts the budget; every later one is two seconds on
        Budget budget = Budget.onClock(1, Long.MAX_VALUE, () -> reads.getAndIncrement() == 0 ? 0 : 2_000_000_000L);
        Explorer.Options options = new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.COMPILED,
                1, false, new Explorer.Reductions(true, false), true);
        try (Workers workers = new Workers(1)) {
            CompiledSearch search = new CompiledSearch(new Semantics(program), model, options, workers, null, budget,
                    Phase.SEARCH);
            search.run();
            assertEquals(Optional.of("--max-seconds 1 reached in the search"), search.stoppedBy);
            assertEquals(0, search.stateCount());
            assertEquals(null, search.por, "the reduction's tables were not finished");
        }
    }
}
