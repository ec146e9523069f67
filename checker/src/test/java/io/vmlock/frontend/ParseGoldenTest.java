package io.vmlock.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import io.vmlock.ast.AstDump;
import io.vmlock.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden AST dumps: every {@code parse/*.vmlock} beside its {@code .ast}. Run with
 * {@code -Dvmlock.updateGoldens=true} to rewrite the goldens on purpose, then review the diff.
 */
class ParseGoldenTest {
    static List<Path> inputs() {
        return TestFiles.find(TestFiles.parseGoldens(), ".vmlock");
    }

    static String dump(Path input) {
        String name = input.getFileName().toString();
        FileParser.Parsed parsed = FileParser.parse(name, TestFiles.read(input));
        String errors = parsed.diagnostics().stream().map(Diagnostic::headline).collect(Collectors.joining("\n"));
        assertTrue(parsed.diagnostics().isEmpty(), name + " must parse cleanly:\n" + errors);
        return AstDump.dump(parsed.file().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void astMatchesGolden(Path input) {
        String actual = dump(input);
        Path golden = sibling(input, ".vmlock", ".ast");
        if (TestFiles.updateGoldens()) {
            TestFiles.write(golden, actual.getBytes(StandardCharsets.UTF_8));
            return;
        }
        assertTrue(Files.isRegularFile(golden), "no golden " + golden.getFileName() + " for " + input.getFileName()
                + "; run mvn test -Dvmlock.updateGoldens=true and review it");
        assertEquals(TestFiles.read(golden), actual, "AST of " + input.getFileName());
    }

    @Test
    void everyGoldenHasItsInput() {
        List<Path> goldens = TestFiles.find(TestFiles.parseGoldens(), ".ast");
        assertFalse(goldens.isEmpty(), "no goldens found under " + TestFiles.parseGoldens());
        for (Path golden : goldens) {
            assertTrue(Files.isRegularFile(sibling(golden, ".ast", ".vmlock")),
                    "golden " + golden.getFileName() + " has no input .vmlock: delete it or add the input");
        }
    }

    static Path sibling(Path p, String from, String to) {
        String name = p.getFileName().toString();
        return p.resolveSibling(name.substring(0, name.length() - from.length()) + to);
    }
}
