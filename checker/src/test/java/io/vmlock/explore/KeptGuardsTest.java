package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.explore.system.Command;
import io.vmlock.explore.system.Expr;
import io.vmlock.explore.system.SystemCompiler;
import io.vmlock.explore.system.ThreadSystem;
import io.vmlock.explore.system.TransitionSystem;
import io.vmlock.testing.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which writes of a field's only writer can turn another thread's guard on it false. */
class KeptGuardsTest {
    /** kjournald2's sequence, jbd2_log_wait_commit()'s wait, and writers that can lower what it waits for. */
    private static final TransitionSystem SYSTEM = SystemCompiler.compile(Scenarios.lower("""
            int(0..3) next = 1; int(0..3) done = 0; int(0..3) other = 0; int(0..3) shared = 0; int(0..3) both = 0;
            thread committer {
                int(0..3) tid = 0;
                tid = next; next = next + 1; done = tid;
                tid = next; next = next + 1; done = tid;
            }
            thread waiter { wait_event(done >= 1); wait_event(other >= 1); wait_event(shared >= 1); }
            thread lowerer { other = 1; other = 0; }
            thread copier { shared = next; }
            thread first { both = 1; }
            thread second { both = 2; }
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
        assertEquals(true, kept.keepable(field("shared")));
        assertEquals(true, kept.mayFalsify(command("shared = next", 0), waitFor("shared")));
    }

    @Test
    void aFieldWithTwoWritersHasNoOnlyWriter() {
        assertEquals(false, kept.keepable(field("both")));
        assertEquals(false, kept.onlyWriter(field("both"), 4));
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

    /** The wait's guard conjunct reading {@code name}. */
    private static Expr waitFor(String name) {
        int f = field(name);
        for (ThreadSystem t : SYSTEM.threads()) {
            for (List<Command> at : t.commands()) {
                for (Command c : at) {
                    for (Expr g : c.guard()) {
                        boolean[] reads = {false};
                        g.fields(x -> reads[0] |= x == f);
                        if (reads[0] && c.text().startsWith("wait_event")) return g;
                    }
                }
            }
        }
        throw new AssertionError("no wait for " + name);
    }
}
