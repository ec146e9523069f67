package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.ir.IrProgram;
import io.vmlock.ir.Op;
import io.vmlock.ir.Procedure;
import io.vmlock.testing.Scenarios;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which writes may turn a waited condition true: only a write that steps one variable by a
 * constant against the condition's slope in it cannot; every other write may.
 */
class MonotonicityTest {
    private static final String DECLS = """
            set page { P0, P1 };
            int(0..3) n = 0; int(0..3) m = 0; int(0..1) i = 0; int(0..3) c[page]; bool flag = false;
            current bool mine[page];
            """;

    /** Lowers a waiter on {@code condition} and a thread doing {@code write}, and asks about the two. */
    private static boolean mayMakeTrue(String condition, String write) {
        IrProgram program = Scenarios.lower(DECLS + "thread w { wait_event(" + condition + "); }\nthread r { "
                + write + "; }\n");
        Op.WaitEvent wait = null;
        Op.Assign assign = null;
        for (Procedure p : program.procedures()) {
            for (Op op : p.nodes()) {
                if (op instanceof Op.WaitEvent e) wait = e;
                if (op instanceof Op.Assign a) assign = a;
            }
        }
        return Monotonicity.mayMakeTrue(assign, wait.condition());
    }

    @ParameterizedTest(name = "wait_event({0}) after {1}: {2}")
    @CsvSource(delimiterString = " : ", value = {
        // a constant step against the slope cannot; along it, it may
        "n > 0 : n-- : false", "n > 0 : n = n - 2 : false", "n > 0 : n++ : true", "n > 0 : n = 1 + n : true",
        "n >= 1 : n-- : false", "0 < n : n-- : false", "1 <= n : n-- : false",
        "n < 2 : n++ : false", "n <= 2 : n++ : false", "2 > n : n++ : false", "n < 2 : n-- : true", "n < 2 : n = 1 + n : false",
        // a step of zero changes nothing, but is no step the search tells apart: it may
        "n > 0 : n = n - 0 : true",
        // not a step of the target: any value may be written
        "n > 0 : n = 2 : true", "n > 0 : n = m - 1 : true", "n > 0 : n = n * 2 : true", "n > 0 : n = n - m : true",
        "c[P0] > 0 : c[P0] = c[P1] - 1 : true", "c[P0] > 0 : c[P0]-- : false", "c[P1] > 0 : c[P0]-- : false",
        // negation, sums and differences carry the slope; products and equalities do not
        "!(n <= 0) : n-- : false", "!(n <= 0) : n++ : true", "-n < 0 : n-- : false", "-n > -2 : n++ : false",
        "m - n > 0 : n++ : false", "m - n > 0 : n-- : true", "n + m > 1 : n-- : false", "n * 2 > 0 : n-- : true",
        "n > 0 && n * 2 > 1 : n-- : true", "(!flag) == (m > 0) && n > 0 : n-- : false",
        "n == 0 : n-- : true", "n == 2 : n++ : true", "n != 0 : n-- : true",
        // other variables do not matter, whatever they are compared with; the same variable both ways does
        "m == 1 && n > 0 : n-- : false", "flag && n > 0 : n-- : false", "flag || n > 0 : n-- : false",
        "!flag && n > 0 : n-- : false", "n > 1 || n < 1 : n-- : true", "n > n - 1 : n-- : true",
        "n < 2 && m > 0 : m-- : false", "n < 2 && m > 0 : m++ : true", "current->mine[P0] || n > 0 : n-- : false",
        // an element against a variable: each has its own slope
        "c[P0] > i : c[P0]-- : false", "c[P0] > i : i-- : true", "c[P0] > i : i++ : false",
        // a write to something the condition does not read: Monotonicity lets it through (EventWriters
        // asks whether the write touches a read slot first)
        "n > 0 : m-- : true"})
    void aStepAgainstTheSlopeCannotMakeTheConditionTrue(String condition, String write, boolean expected) {
        assertEquals(expected, mayMakeTrue(condition, write));
    }
}
