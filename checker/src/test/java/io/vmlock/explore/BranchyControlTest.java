package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.explore.system.SystemCompiler;
import io.vmlock.explore.system.Unsupported;
import io.vmlock.findings.CheckResult;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.Scenarios;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A loop without a step that tests a flag per page forks the compiler's walk per page (2^N
 * paths): past its bound the compiler gives up, naming the condition, and the reference
 * semantics, which follows only the flags a state has, checks the scenario to the same verdict.
 */
class BranchyControlTest {
    /** A scanner skipping flagged pages, then an ABBA deadlock with the thread that flags them. */
    private static String scenario(int pages) {
        String names = IntStream.range(0, pages).mapToObj(i -> "P" + i).collect(Collectors.joining(", "));
        return "set page { " + names + " };\n"
                + "bool flag[page];\n"
                + "mutex a;\n"
                + "mutex b;\n"
                + "thread scanner {\n"
                + "    foreach (p in page) {\n"
                + "        if (flag[p]) { continue; }\n"
                + "    }\n"
                + "    mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a);\n"
                + "}\n"
                + "thread setter {\n"
                + "    mutex_lock(b);\n"
                + "    foreach (p in page) { flag[p] = true; }\n"
                + "    mutex_lock(a); mutex_unlock(a); mutex_unlock(b);\n"
                + "}\n";
    }

    private static CheckResult check(IrProgram ir) {
        return Explorer.check(ir, new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.COMPILED,
                1, false, Explorer.Reductions.NONE, true));
    }

    private static boolean fellBack(CheckResult r) {
        return r.notes().stream().anyMatch(n -> n.startsWith("compiled engine not used:"));
    }

    @Test
    void manyFlagsFallBackToTheReferenceWithTheVerdictOfFew() {
        CheckResult few = check(Scenarios.lower(scenario(3)));
        CheckResult many = check(Scenarios.lower(scenario(40)));
        assertFalse(fellBack(few), "three flags compile: " + few.notes());
        assertTrue(fellBack(many), "forty flags fork past the bound: " + many.notes());
        assertTrue(few.complete());
        assertTrue(many.complete());
        assertEquals(List.of("deadlock"), Scenarios.kinds(few));
        assertEquals(Scenarios.kinds(few), Scenarios.kinds(many));
    }

    @Test
    void theCompilerNamesTheConditionThatForks() {
        Unsupported e = assertThrows(Unsupported.class, () -> SystemCompiler.compile(Scenarios.lower(scenario(40))));
        assertEquals(Unsupported.Reason.TOO_MANY_PATHS, e.reason());
        assertEquals(7, e.span().line());
        assertTrue(e.getMessage().startsWith("thread scanner forks into more than"), e.getMessage());
        assertTrue(e.getMessage().contains("'if (flag[P"), e.getMessage());
    }
}
