package io.vmlock.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.report.ScenarioReport;
import io.vmlock.testing.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phases as one API: diagnostics as values, the graph summary only when asked, expect clauses judged. */
class PipelineTest {
    private static final String ABBA = """
            mutex a; mutex b;
            thread t1 { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
            thread t2 { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }
            """;

    private static Compilation compile(Path dir, String source) throws IOException {
        Path file = dir.resolve("t.vmlock");
        Files.writeString(file, source);
        return Pipeline.compile(file, new Loader.Options(List.of(), Optional.empty(), dir));
    }

    @Test
    void anInvalidFileGivesDiagnosticsAndNoProgram(@TempDir Path dir) throws IOException {
        Compilation c = compile(dir, "thread t { mutex_lock(nothing); }\n");
        assertFalse(c.ok());
        assertTrue(c.lower().isEmpty());
        assertTrue(c.renderedDiagnostics().contains("t.vmlock:1:23: error: [undeclared-name]"), c.renderedDiagnostics());
    }

    @Test
    void theGraphSummaryIsBuiltOnlyWhenAsked() {
        IrProgram abba = Scenarios.lower(ABBA);
        assertTrue(Pipeline.report(abba, CheckOptions.defaults()).graph().isEmpty());
        ScenarioReport shown = Pipeline.report(abba, CheckOptions.defaults().withGraphSummary(true));
        assertEquals(List.of(List.of("a", "b")), shown.graph().orElseThrow().cycles());
        assertEquals("deadlock", shown.result().findings().get(0).verdict().id());
    }

    @Test
    void aTestRunJudgesTheExpectClauses() {
        ScenarioReport met = Pipeline.test(Scenarios.lower(ABBA + "expect deadlock;\n"), CheckOptions.defaults());
        assertTrue(met.test().orElseThrow().passed());
        assertEquals("deadlock", Expectations.describe(met.result()));
        ScenarioReport unmet = Pipeline.test(Scenarios.lower(ABBA + "expect clean;\n"), CheckOptions.defaults());
        assertEquals(Optional.of("expected clean, got deadlock"), unmet.test().orElseThrow().unmet());
    }

    @Test
    void aFileOfDeclarationsOnlyIsALibrary() {
        assertTrue(Pipeline.isLibrary(Scenarios.lower("mutex a;\n")));
        assertFalse(Pipeline.isLibrary(Scenarios.lower(ABBA)));
    }
}
