package io.vmlock.explore;

import static io.vmlock.testing.Scenarios.check;
import static io.vmlock.testing.Scenarios.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.TraceStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/*
 * READ_ONCE(x), the kernel's racy read: where it stands in a condition or a local's initial value
 * the read is a step of its own, so a thread that read a flag and then waits in the branch it
 * chose stays there while another thread changes the flag. A plain condition is read with the
 * thread's next step (a test-and-act), which is why the same scenario without it is clean.
 */
class ReadOnceTest {
    /* t1 holds b, reads flag (true), waits for a; t2 holds a, clears flag, waits for b. */
    private static final String STALE = """
            mutex a;
            mutex b;
            bool flag = true;
            thread t1 { mutex_lock(b); READ mutex_unlock(b); }
            thread t2 { mutex_lock(a); flag = false; mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
            """;

    private static CheckResult checkWith(String read) {
        return check(STALE.replace("READ", read));
    }

    @Test
    void aThreadWaitsInTheBranchItReadEvenAfterTheFlagChanged() {
        CheckResult r = checkWith("if (READ_ONCE(flag)) { mutex_lock(a); mutex_unlock(a); }");
        assertEquals(List.of("deadlock"), kinds(r));
        List<String> ops = r.findings().get(0).trace().stream().map(TraceStep::operation).toList();
        assertTrue(ops.contains("reads flag"), ops.toString());
        // the read comes before t2 clears the flag
        assertTrue(ops.indexOf("reads flag") < ops.indexOf("flag = false"), ops.toString());
    }

    @Test
    void aPlainConditionIsATestAndAct() {
        assertEquals(List.of(), kinds(checkWith("if (flag) { mutex_lock(a); mutex_unlock(a); }")));
    }

    /* Wherever the READ_ONCE() stands in the condition, under a ! or a comparison, the whole condition is read once. */
    @Test
    void aReadOnceInsideTheConditionSplitsItToo() {
        assertEquals(List.of("deadlock"),
                kinds(checkWith("if (!READ_ONCE(flag) == false) { mutex_lock(a); mutex_unlock(a); }")));
        assertEquals(List.of("deadlock"), kinds(check("""
                set page { P0 };
                mutex a;
                mutex b;
                int(0..1) count[page];
                thread t1 { mutex_lock(b); if (READ_ONCE(count[P0]) == 0) { mutex_lock(a); mutex_unlock(a); } mutex_unlock(b); }
                thread t2 { mutex_lock(a); count[P0] = 1; mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
                """)));
        assertEquals(List.of(), kinds(checkWith("if (!flag == false) { mutex_lock(a); mutex_unlock(a); }")));
    }

    @Test
    void aReadIntoALocalsInitialValueIsAStep() {
        assertEquals(List.of("deadlock"),
                kinds(checkWith("bool seen = READ_ONCE(flag); if (seen) { mutex_lock(a); mutex_unlock(a); }")));
        // without it the initial value is read with the next step, here the test-and-act above
        assertEquals(List.of(), kinds(checkWith("bool seen = flag; if (seen) { mutex_lock(a); mutex_unlock(a); }")));
    }

    @Test
    void aLoopConditionIsReadEachTimeRound() {
        CheckResult r = checkWith("while (READ_ONCE(flag)) { mutex_lock(a); mutex_unlock(a); }");
        assertEquals(List.of("deadlock"), kinds(r));
        assertEquals(List.of(), kinds(checkWith("while (flag) { mutex_lock(a); mutex_unlock(a); }")));
    }

    @Test
    void itsValueIsTheVariables() {
        assertEquals(List.of(), kinds(check("""
                int(0..3) n = 2;
                thread t { int(0..3) m = READ_ONCE(n) + 1; assert(m == 3); n = READ_ONCE(n) - 1; assert(n == 1); }
                """)));
        assertEquals(List.of("assertion"), kinds(check("""
                int(0..3) n = 2;
                thread t { int(0..3) m = READ_ONCE(n); assert(m == 3); }
                """)));
    }
}
