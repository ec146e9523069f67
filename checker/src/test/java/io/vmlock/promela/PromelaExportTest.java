package io.vmlock.promela;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.explore.Explorer;
import io.vmlock.findings.CheckResult;
import io.vmlock.ir.IrProgram;
import io.vmlock.testing.Scenarios;
import io.vmlock.testing.Spin;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromelaExportTest {
    private static IrProgram philosophers(int n) {
        return Scenarios.compile(Scenarios.root().resolve("examples/philosophers/philosophers" + n + ".vmlock"))
                .lower().orElseThrow();
    }

    @Test
    void eachThreadIsAnActiveProctypeAndEachStepAnAtomicOption() {
        String text = PromelaExport.export(philosophers(3)).text().orElseThrow();
        assertTrue(text.contains("active proctype t_phil0() {  /* daemon thread phil0 */"), text);
        assertTrue(text.contains(":: atomic { o_fork_F0 == 0 -> o_fork_F0 = 1; goto P"), text);
        assertTrue(text.contains("byte o_fork_F2 = 0;"), text);
    }

    @Test
    void tooManyThreadsAreReportedNotDropped() {
        StringBuilder src = new StringBuilder("mutex m;\n");
        for (int i = 0; i < 5; i++) src.append("thread w").append(i).append("[64] { mutex_lock(m); mutex_unlock(m); }\n");
        PromelaExport.Result r = PromelaExport.export(Scenarios.lower(src.toString()));
        assertTrue(r.text().isEmpty());
        assertTrue(r.diagnostics().get(0).headline().contains("[not-exportable] 320 threads: SPIN runs at most"),
                r.diagnostics().get(0).headline());
    }

    /** Calls nested past what can be inlined (as only recursion does in practice): a diagnostic, not a silent cut. */
    @Test
    void tooDeepCallsAreReportedNotDropped() {
        StringBuilder source = new StringBuilder("mutex m;\nproc p60() { mutex_lock(m); mutex_unlock(m); }\n");
        for (int i = 59; i >= 0; i--) source.append("proc p").append(i).append("() { p").append(i + 1).append("(); }\n");
        source.append("thread t { p0(); }\n");
        PromelaExport.Result r = PromelaExport.export(Scenarios.lower(source.toString()));
        assertTrue(r.text().isEmpty());
        assertTrue(r.diagnostics().get(0).headline().matches(
                "t\\.vmlock:[0-9]+:1: error: \\[not-exportable\\] calls nest deeper than 48 frames \\(recursion\\?\\)"),
                r.diagnostics().get(0).headline());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5})
    void spinStoresExactlyVmlocksStates(int n, @TempDir Path dir) throws Exception {
        Spin.require();
        IrProgram ir = philosophers(n);
        CheckResult r = Explorer.check(ir, Explorer.Options.defaults());
        Spin.Outcome spin = Spin.run(PromelaExport.export(ir).text().orElseThrow(), dir);
        assertEquals(r.stats().states(), spin.states());
        assertEquals(r.stats().transitions() + 1, spin.transitions(), "SPIN counts the initial state as a transition");
        assertTrue(spin.invalidEndState(), "the deadlock");
    }
}
