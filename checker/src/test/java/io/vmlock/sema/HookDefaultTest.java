package io.vmlock.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.TestFiles;
import io.vmlock.diag.Diagnostic;
import io.vmlock.explore.Explorer;
import io.vmlock.findings.CheckResult;
import io.vmlock.pipeline.Compilation;
import io.vmlock.testing.Scenarios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code default int f(...) { ... }}: the hook's body unless exactly one other declaration defines it. */
class HookDefaultTest {
    /** A library calling a hook whose default does nothing, as linux/mm calls ->pfn_mkwrite. */
    private static final String LIBRARY = """
            mutex a;
            mutex b;
            default int pfn_mkwrite(bool write) {
                return 0;
            }
            proc fault() { mutex_lock(a); if (pfn_mkwrite(true) == 0) { } mutex_unlock(a); }
            """;

    @TempDir
    Path dir;

    private Compilation compile(String scenario) {
        TestFiles.write(dir.resolve("lib.vmlock"), LIBRARY.getBytes(StandardCharsets.UTF_8));
        TestFiles.write(dir.resolve("t.vmlock"), scenario.getBytes(StandardCharsets.UTF_8));
        return TestFiles.compile(dir.resolve("t.vmlock"), dir);
    }

    private List<String> headlines(String scenario) {
        return compile(scenario).diagnostics().stream().map(Diagnostic::headline).toList();
    }

    /** Where the name a call resolves to is declared: the definition in use. */
    private String definitionOf(String scenario, String name) {
        Compilation c = compile(scenario);
        return c.program().orElseThrow(() -> new AssertionError(c.renderedDiagnostics()))
                .symbols().lookup(name).orElseThrow().name().span().position();
    }

    @Test
    void theDefaultIsUsedWhenNoFileDefinesTheHook() {
        String scenario = "import \"lib\";\nthread t { fault(); }\n";
        assertEquals(List.of(), headlines(scenario));
        assertEquals("lib.vmlock:3:13", definitionOf(scenario, "pfn_mkwrite"));
    }

    @Test
    void aDefinitionReplacesTheDefault() {
        String scenario = "import \"lib\";\nint pfn_mkwrite(bool write) { return 256; }\nthread t { fault(); }\n";
        assertEquals(List.of(), headlines(scenario));
        assertEquals("t.vmlock:2:5", definitionOf(scenario, "pfn_mkwrite"));
    }

    @Test
    void aProcDefinitionIsCompatibleAsWithAHookWithoutBody() {
        assertEquals(List.of(), headlines("import \"lib\";\nproc pfn_mkwrite(bool write) { }\nthread t { fault(); }\n"));
    }

    /** (A hook nobody calls, so that only the definition is wrong, not also the calls.) */
    @Test
    void aDefinitionThatDoesNotMatchTheDefaultsSignatureIsHookMismatch() {
        TestFiles.write(dir.resolve("hooks.vmlock"), "default int h(bool w) { return 0; }\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(
                "t.vmlock:2:6: error: [hook-mismatch] 'h' does not match the hook it defines: it returns bool, the hook int"),
                headlines("import \"hooks\";\nbool h(bool w) { return true; }\nthread t { }\n"));
        assertEquals(List.of(
                "t.vmlock:2:6: error: [hook-mismatch] 'h' does not match the hook it defines: it takes (int), the hook (bool)"),
                headlines("import \"hooks\";\nproc h(int w) { }\nthread t { }\n"));
    }

    @Test
    void twoDefinitionsAreStillADuplicateName() {
        TestFiles.write(dir.resolve("other.vmlock"), "int pfn_mkwrite(bool write) { return 0; }\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("t.vmlock:3:5: error: [duplicate-name] 'pfn_mkwrite' is already declared as a procedure"),
                headlines("import \"lib\";\nimport \"other\";\nint pfn_mkwrite(bool write) { return 0; }\nthread t { fault(); }\n"));
    }

    @Test
    void twoDefaultsAreOneDuplicateName() {
        TestFiles.write(dir.resolve("other.vmlock"), "default int pfn_mkwrite(bool write) { return 0; }\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("other.vmlock:1:13: error: [duplicate-name] hook 'pfn_mkwrite' is already declared"),
                headlines("import \"lib\";\nimport \"other\";\nthread t { fault(); }\n"));
    }

    @Test
    void aDefaultBodyIsCheckedEvenWhenReplaced() {
        TestFiles.write(dir.resolve("bad.vmlock"), "default int h(bool w) { if (w) { return 1; } }\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("bad.vmlock:1:46: error: [missing-return] 'h' is declared int but can reach its end without returning a value"),
                headlines("import \"bad\";\nint h(bool w) { return 0; }\nthread t { if (h(true) == 0) { } }\n"));
    }

    /** The body that runs is the definition's: only it takes b inside a, against a thread taking b then a. */
    @Test
    void theDefinitionsBodyRunsInsteadOfTheDefault() {
        String abba = "thread u { mutex_lock(b); mutex_lock(a); mutex_unlock(a); mutex_unlock(b); }\n";
        String withDefault = "import \"lib\";\nthread t { fault(); }\n" + abba;
        String withDefinition = "import \"lib\";\nint pfn_mkwrite(bool write) { mutex_lock(b); mutex_unlock(b); return 0; }\n"
                + "thread t { fault(); }\n" + abba;
        assertEquals(List.of(), Scenarios.kinds(search(withDefault)));
        assertEquals(List.of("deadlock"), Scenarios.kinds(search(withDefinition)));
    }

    private CheckResult search(String scenario) {
        Compilation c = compile(scenario);
        return Explorer.check(c.lower().orElseThrow(() -> new AssertionError(c.renderedDiagnostics())),
                Explorer.Options.defaults());
    }
}
