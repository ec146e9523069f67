package io.vmlock.frontend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import io.vmlock.ast.BuiltinOp;
import io.vmlock.ast.Decl;
import io.vmlock.ast.Expr;
import io.vmlock.ast.Gfp;
import io.vmlock.ast.ObjectKind;
import io.vmlock.ast.Stmt;
import io.vmlock.diag.Severity;
import io.vmlock.pipeline.Compilation;
import io.vmlock.verdict.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The golden inputs cover every construct of the language reference, and are valid scenarios. */
class GoldenCoverageTest {
    private static String allDumps() {
        return ParseGoldenTest.inputs().stream().map(ParseGoldenTest::dump).collect(Collectors.joining());
    }

    @Test
    void everyNodeTypeOperatorAndBuiltinAppears() {
        String dumps = allDumps();
        List<String> wanted = new ArrayList<>();
        for (Class<?> c : List.of(Decl.class, Stmt.class, Expr.class)) {
            Arrays.stream(c.getPermittedSubclasses()).map(s -> c.getSimpleName() + "." + s.getSimpleName() + " ")
                    .forEach(wanted::add);
        }
        Arrays.stream(BuiltinOp.values()).map(op -> "op=" + op.spelling() + " ").forEach(wanted::add);
        Arrays.stream(Expr.BinaryOp.values()).map(op -> "Expr.Binary op=" + op.name() + " ").forEach(wanted::add);
        Arrays.stream(Expr.UnaryOp.values()).map(op -> "Expr.Unary op=" + op.name() + " ").forEach(wanted::add);
        Arrays.stream(ObjectKind.values()).map(k -> "kind=" + k.name() + " ").forEach(wanted::add);
        Arrays.stream(ObjectKind.values()).map(k -> "type=" + k.keyword() + " ").forEach(wanted::add);
        List.of("type=int ", "type=bool ", "type=mapping ", "type=page ", "negated=true", "daemon=true", "count=3")
                .forEach(wanted::add);
        Gfp.contexts().stream().map(g -> "name=" + g + " ").forEach(wanted::add);
        Arrays.stream(Verdict.values()).filter(v -> v != Verdict.INCOMPLETE)
                .map(v -> "verdict=" + v.id() + " ").forEach(wanted::add);
        List<String> missing = wanted.stream().filter(w -> !dumps.contains(w)).toList();
        assertTrue(missing.isEmpty(), "no golden parse input uses: " + missing);
    }

    @Test
    void everyGoldenInputPassesTheSemanticChecks() {
        Path dir = TestFiles.parseGoldens();
        for (Path input : ParseGoldenTest.inputs()) {
            Compilation c = TestFiles.compile(input, dir);
            boolean errors = c.diagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR);
            assertTrue(!errors && c.ok(), input.getFileName() + ":\n" + c.renderedDiagnostics());
        }
    }
}
