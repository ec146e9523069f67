package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import io.vmlock.explore.system.SystemCompiler;
import io.vmlock.explore.system.ThreadSystem;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.testing.Scenarios;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which writes of a field's only writer can turn another thread's guard on it false. */
class KeptGuardsTest {
    /** kjournald2's sequence, jbd2_log_wait_commit()'s wait, and writers that can lower what it waits for. */
    private static final TransitionSystem SYSTEM = SystemCompiler.compile(Scenarios.lower("""
            int(0..3) next = 1; int(0..3) done = 0; int(0..3) other = 0; int(0..3) copied = 0; int(0..3) both = 0;
            int(0..3) copy = 0; int(0..3) level = 1; int(0..3) gate = 0; int(0..1) flag = 0; int(0..1) common = 0;
            thread committer {
                int(0..3) tid = 0;
                tid = next; next = next + 1; done = tid;
                tid = next; next = next + 1; done = tid;
            }
            thread waiter { wait_event(done >= 1); wait_event(other >= 1); wait_event(copied >= 1); }
            thread lowerer { other = 1; other = 0; }
            thread copier { copied = next; }
            thread first { both = 1; }
            thread second { both = 2; }
            thread reader { copy = done; }
            thread mine { int(0..3) t = 2; wait_event(other >= t); wait_event(done >= t); }
            thread dropper { level = level + 1; level = level - 2; }
            thread opener { flag = 1; }
            thread guarded { gate = 1; wait_event(flag == 1); gate = 0; }
            thread levels { wait_event(level >= 1); wait_event(gate >= 1); }
            thread apart { wait_event(level != 1); }
            thread clearer { common = 0; }
            thread alsoClearer { common = 0; }
            thread whenClear { wait_event(common <= 0); }
            thread whenSet { wait_event(common >= 1); }
            thread whenBoth { wait_event(!(common >= 1 || flag == 0)); }
            """));

    private final KeptGuards kept = new KeptGuards(SYSTEM);

    @Test
    void aCopyOfASequenceItOnlyRaisesNeverShutsAWaiterOut() {
        assertEquals(false, kept.mayFalsify(command("done = tid", 0), waitFor("done")));
        assertEquals(false, kept.mayFalsify(command("done = tid", 1), waitFor("done")));
        assertEquals(true, kept.onlyWriter(field("done"), 0));
        assertEquals(true, kept.keepable(field("done")));
    }

    @Test
    void aWriteOfALowerValueCan() {
        assertEquals(false, kept.mayFalsify(command("other = 1", 0), waitFor("other")));
        assertEquals(true, kept.mayFalsify(command("other = 0", 0), waitFor("other")));
    }

    /** copier's write reads next, which the committer writes: its values are not copier's alone to find. */
    @Test
    void aWriteOfWhatAnotherThreadWritesMay() {
        assertEquals(true, kept.keepable(field("copied")));
        assertEquals(true, kept.mayFalsify(command("copied = next", 0), waitFor("copied")));
    }

    /** The waiter's own tid takes every value: no write of the committer's shuts out a waiter at any. */
    @Test
    void theWaitersOtherFieldsTakeEveryValue() {
        assertEquals(false, kept.mayFalsify(command("done = tid", 1), waitFor("done", "mine")));
        assertEquals(true, kept.mayFalsify(command("other = 0", 0), waitFor("other", "mine")));
    }

    /** dropper raises level from 1 to 2, then lowers it to 0, below what the waiter needs. */
    @Test
    void aRiseKeepsTheWaiterPastItsWaitAFallBelowItMayNot() {
        assertEquals(false, kept.mayFalsify(command("level = level + 1", 0), waitFor("level", "levels")));
        assertEquals(true, kept.mayFalsify(command("level = level - 2", 0), waitFor("level", "levels")));
    }

    /** guarded's wait for flag, which opener writes, may pass in its runs: its gate = 0 may follow gate = 1. */
    @Test
    void aGuardOnAnotherThreadsFieldMayHold() {
        assertEquals(false, kept.mayFalsify(command("gate = 1", 0), waitFor("gate", "levels")));
        assertEquals(true, kept.mayFalsify(command("gate = 0", 0), waitFor("gate", "levels")));
    }

    /** A wait reads done only in its guard; a copy of it reads it in an effect, which a commit changes. */
    @Test
    void onlyAGuardsReadCommutesWithTheOnlyWriter() {
        Access commit = access(command("done = tid", 1));
        assertEquals(false, access(waitCommand("done", "waiter")).dependent(commit));
        assertEquals(false, commit.dependent(access(waitCommand("done", "waiter"))));
        assertEquals(true, access(command("copy = done", 0)).dependent(commit));
        assertEquals(true, commit.dependent(access(command("copy = done", 0))));
        assertEquals(true, access(waitCommand("other", "waiter")).dependent(access(command("other = 0", 0))));
    }

    @Test
    void aFieldWithTwoWritersHasNoOnlyWriter() {
        assertEquals(false, kept.keepable(field("both")));
        assertEquals(false, kept.onlyWriter(field("both"), 4));
    }

    /**
     * A write of a constant keeps a conjunct true that holds at that value whatever the rest (two
     * threads write common: neither is its only writer); one it makes false, or a write whose value
     * is read from the state, may shut the waiter out. Keyed apart, as their answers differ: the
     * two waits have equal sets.
     */
    @Test
    void aWriteOfAConstantThatKeepsAConjunctTrueNeedsNoOnlyWriter() {
        Command clear = command("common = 0", 0);
        assertEquals(false, kept.keepable(field("common")));
        assertEquals(false, kept.constantsMayFalsify(clear, waitFor("common", "whenClear")));
        assertEquals(true, kept.constantsMayFalsify(clear, waitFor("common", "whenSet")));
        assertEquals(false, kept.constantsMayFalsify(clear, waitFor("common", "whenBoth")), "false before, false after: kept");
        assertEquals(true, kept.constantsMayFalsify(command("copied = next", 0), waitFor("copied")));
        assertEquals(false, access(clear).dependent(access(waitCommand("common", "whenClear"))));
        assertEquals(true, access(clear).dependent(access(waitCommand("common", "whenSet"))));
        assertEquals(false, access(waitCommand("common", "whenClear")).key.equals(access(waitCommand("common", "whenSet")).key));
    }

    /**
     * PartialOrder classes accesses by their sets and {@link Access#key}, and gives a class one
     * answer: so accesses of one class must answer {@link Access#dependent} alike, against every
     * access. Without the key, classes by the sets alone would not (checked below, so the test
     * cannot pass with a key that distinguishes nothing): the waits of levels and apart read the
     * same field, yet dropper's fall from 2 to 0 may shut out only the first.
     */
    @Test
    void accessesOfEqualSetsAndKeysAnswerAlike() {
        List<Access> all = SYSTEM.threads().stream().map(ThreadSystem::commands).flatMap(List::stream)
                .flatMap(List::stream).filter(c -> c.kind() == Command.Kind.STEP).map(this::access).toList();
        java.util.Map<List<Object>, List<Access>> byKey = new java.util.HashMap<>();
        java.util.Map<List<Object>, List<Access>> bySets = new java.util.HashMap<>();
        for (Access a : all) {
            byKey.computeIfAbsent(List.of(a.writes, a.reads, a.requires, a.constants, a.key), k -> new java.util.ArrayList<>()).add(a);
            bySets.computeIfAbsent(List.of(a.writes, a.reads, a.requires, a.constants), k -> new java.util.ArrayList<>()).add(a);
        }
        for (List<Access> same : byKey.values()) {
            for (Access x : same) {
                assertEquals(List.of(), disagreements(x, same.get(0), all), x.command.text() + " and " + same.get(0).command.text());
            }
        }
        boolean setsAloneDisagree = bySets.values().stream()
                .anyMatch(same -> same.stream().anyMatch(x -> !disagreements(x, same.get(0), all).isEmpty()));
        assertEquals(true, setsAloneDisagree, "no two accesses of equal sets answer differently: the key is not exercised");
    }

    /** The accesses of other threads that {@code x} and {@code y} answer differently about. */
    private static List<String> disagreements(Access x, Access y, List<Access> all) {
        return all.stream().filter(o -> o.thread != x.thread && o.thread != y.thread)
                .filter(o -> x.dependent(o) != y.dependent(o) || o.dependent(x) != o.dependent(y))
                .map(o -> o.command.text()).toList();
    }

    private static int field(String name) {
        return SYSTEM.fields().stream().filter(f -> f.name().equals(name)).mapToInt(f -> f.id()).findFirst().orElseThrow();
    }

    /** The {@code nth} step whose text is {@code text} (not the range check beside it). */
    private static Command command(String text, int nth) {
        List<Command> found = SYSTEM.threads().stream().map(ThreadSystem::commands).flatMap(List::stream)
                .flatMap(List::stream).filter(c -> c.text().equals(text) && c.kind() == Command.Kind.STEP).distinct().toList();
        return found.get(nth);
    }

    private Access access(Command c) {
        return new Access(c, new BitSet(), SYSTEM.threads().size(), kept);
    }

    /** The waiter's guard conjunct reading {@code name}. */
    private static Expr waitFor(String name) {
        return waitFor(name, "waiter");
    }

    private static Expr waitFor(String name, String thread) {
        int f = field(name);
        for (Expr g : waitCommand(name, thread).guard()) {
            boolean[] reads = {false};
            g.fields(x -> reads[0] |= x == f);
            if (reads[0]) return g;
        }
        throw new AssertionError("no wait for " + name);
    }

    /** The wait of {@code thread} (by its position field's thread) whose guard reads {@code name}. */
    private static Command waitCommand(String name, String thread) {
        int f = field(name);
        int index = SYSTEM.program().threads().stream().map(t -> t.name()).toList().indexOf(thread);
        for (List<Command> at : SYSTEM.threads().get(index).commands()) {
            for (Command c : at) {
                boolean[] reads = {false};
                c.guard().forEach(g -> g.fields(x -> reads[0] |= x == f));
                if (reads[0] && c.text().startsWith("wait_event") && c.kind() == Command.Kind.STEP) return c;
            }
        }
        throw new AssertionError("no wait for " + name + " in " + thread);
    }
}
