package io.vmlock.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlock.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hints of the hook checks: what a hook's definition must look like, with the hook's whole
 * signature (every parameter) and what a {@code proc} definition gives for its result type.
 */
class HookCheckTest {
    @TempDir
    Path dir;

    /** Each diagnostic's headline followed by its notes. */
    private List<List<String>> diagnostics(String scenario) {
        TestFiles.write(dir.resolve("t.vmlock"), scenario.getBytes(StandardCharsets.UTF_8));
        return TestFiles.compile(dir.resolve("t.vmlock"), dir).diagnostics().stream()
                .map(d -> {
                    List<String> lines = new ArrayList<>();
                    lines.add(d.headline());
                    lines.addAll(d.notes());
                    return List.copyOf(lines);
                })
                .toList();
    }

    /* The definition to write names every parameter, in order, with its type. */
    @Test
    void anUnboundHooksHintSpellsItsWholeSignature() {
        assertEquals(List.of(List.of(
                "t.vmlock:1:6: error: [unbound-hook] hook 'h' is declared but no file defines it",
                "define it: bool h(bool w, int n) { ... }")),
                diagnostics("bool h(bool w, int n);\nthread t { }\n"));
    }

    /* A proc binding of a bool hook gives false (of an int hook 0: DiagnosticCases' hook-mismatch). */
    @Test
    void aBoolHooksMismatchSaysAProcDefinitionGivesFalse() {
        assertEquals(List.of(List.of(
                "t.vmlock:2:5: error: [hook-mismatch] 'h' does not match the hook it defines: it returns int, the hook bool",
                "the hook is declared at t.vmlock:1:6: bool h(bool w, int n) (a proc definition gives false)")),
                diagnostics("bool h(bool w, int n);\nint h(bool w, int n) { return 0; }\nthread t { }\n"));
    }

    /* Parameters that differ are listed for both sides, joined as written. */
    @Test
    void aParameterMismatchListsBothParameterLists() {
        assertEquals(List.of(List.of(
                "t.vmlock:2:6: error: [hook-mismatch] 'h' does not match the hook it defines: it takes (int, bool), the hook (bool, int)",
                "the hook is declared at t.vmlock:1:5: int h(bool w, int n) (a proc definition gives 0)")),
                diagnostics("int h(bool w, int n);\nproc h(int n, bool w) { }\nthread t { }\n"));
    }

    /* A name that is not a procedure cannot be the hook's body: the error is at that declaration. */
    @Test
    void aHookDefinedByALockIsAMismatchAtTheLock() {
        assertEquals(List.of(List.of(
                "t.vmlock:2:7: error: [hook-mismatch] hook 'h' must be defined by a procedure, but 'h' is a mutex",
                "the hook is declared at t.vmlock:1:5")),
                diagnostics("int h(bool w);\nmutex h;\nthread t { }\n"));
    }
}
