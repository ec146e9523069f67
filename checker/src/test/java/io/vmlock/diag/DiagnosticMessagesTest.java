package io.vmlock.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import io.vmlock.diag.DiagnosticCases.Case;
import io.vmlock.pipeline.Compilation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the table of {@link DiagnosticCases}: one row per message shape, every code at least once. */
class DiagnosticMessagesTest {
    static Stream<Case> cases() {
        return DiagnosticCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersExactly(Case c, @TempDir Path dir) {
        c.files().forEach((name, bytes) -> TestFiles.write(dir.resolve(name), bytes));
        Compilation result = TestFiles.compile(dir.resolve("t.vmlock"), dir);
        List<Diagnostic> ofCode = result.diagnostics().stream().filter(d -> d.code().id().equals(c.code())).toList();
        assertEquals(c.expected(), new DiagnosticRenderer(result.sources()).render(ofCode));
        Set<String> others = result.diagnostics().stream().map(d -> d.code().id())
                .filter(id -> !id.equals(c.code()) && !c.alsoAllowed().contains(id)).collect(Collectors.toSet());
        assertTrue(others.isEmpty(), "the input also gives " + others + ":\n" + result.renderedDiagnostics());
    }

    /** Export-time codes come from {@code vmlock export}, not the front end: tested on their own below. */
    private static final Set<String> EXPORT_CODES = Set.of("not-exportable");

    @Test
    void notExportableRendersExactly(@TempDir Path dir) {
        StringBuilder src = new StringBuilder("mutex m;\n");
        for (int i = 0; i < 5; i++) src.append("thread w").append(i).append("[64] { mutex_lock(m); }\n");
        TestFiles.write(dir.resolve("t.vmlock"), src.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Compilation c = TestFiles.compile(dir.resolve("t.vmlock"), dir);
        var export = io.vmlock.promela.PromelaExport.export(io.vmlock.ir.Lowering.lower(c.program().orElseThrow()));
        assertEquals("""
                t.vmlock:5:1: error: [not-exportable] 320 threads: SPIN runs at most 255 processes
                    5 | thread w3[64] { mutex_lock(m); }
                      | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
                """, new DiagnosticRenderer(c.sources()).render(export.diagnostics()));
    }

    @Test
    void everyCodeHasACase() {
        Set<String> covered = cases().map(Case::code).collect(Collectors.toCollection(java.util.HashSet::new));
        covered.addAll(EXPORT_CODES);
        List<String> missing = Arrays.stream(DiagnosticCode.values()).map(DiagnosticCode::id)
                .filter(id -> !covered.contains(id)).toList();
        assertTrue(missing.isEmpty(), "no case in the table for: " + missing);
    }

    @Test
    void theReadmeListsEveryCodeWithItsSummary() {
        String readme = TestFiles.read(TestFiles.repoRoot().resolve("README.md"));
        for (DiagnosticCode c : DiagnosticCode.values()) {
            String row = "| `" + c.id() + "` | " + c.summary() + " |";
            assertTrue(readme.contains(row), "README.md lacks the row: " + row);
        }
    }

    @Test
    void everyCodeHasAUniqueKebabIdAndASummary() {
        Set<String> ids = Arrays.stream(DiagnosticCode.values()).map(DiagnosticCode::id).collect(Collectors.toSet());
        assertEquals(DiagnosticCode.values().length, ids.size());
        for (DiagnosticCode c : DiagnosticCode.values()) {
            assertTrue(c.id().matches("[a-z]+(-[a-z]+)*"), c.id());
            assertTrue(!c.summary().isBlank(), c.id());
        }
    }

}
