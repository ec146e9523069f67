package io.vmlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.TestFiles;
import io.vmlock.importer.SplatKind;
import io.vmlock.importer.SplatParser;
import io.vmlock.importer.UnreadableReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lockdep corpus (public reports, each citing its source): every report imports to its
 * golden skeleton (or, when it lacks what a skeleton needs, to its golden error), and every
 * skeleton passes {@code vmlock test}: check finds exactly the verdict the report implies.
 * Regenerate goldens with -Dvmlock.updateGoldens=true and read the diff.
 */
class ImportLockdepCorpusTest {
    static final Path CORPUS = TestFiles.repoRoot().resolve("checker/src/test/resources/lockdep");

    static List<Path> reports() {
        return TestFiles.find(CORPUS, ".txt").stream().filter(p -> !p.toString().endsWith(".error.txt")).toList();
    }

    @Test
    void theCorpusHoldsTwentyFivePublicReportsOfEveryKind() throws Exception {
        List<Path> reports = reports();
        assertTrue(reports.size() >= 25, "only " + reports.size() + " reports");
        Set<SplatKind> kinds = EnumSet.noneOf(SplatKind.class);
        for (Path p : reports) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("# source: http"), p.getFileName() + " cites no source on its first line");
            try {
                kinds.add(SplatParser.parse(text).kind());
            } catch (UnreadableReport e) {
                assertTrue(Files.exists(errorGolden(p)), p.getFileName() + " does not import: " + e.getMessage());
            }
        }
        assertEquals(EnumSet.allOf(SplatKind.class), kinds);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void importsToItsGoldenSkeletonAndTheSkeletonMeetsItsExpectation(Path report) {
        Cli imported = Cli.run("import", "lockdep", report.toString());
        assertFalse(imported.err().contains("Exception"), imported.toString());
        Path skeleton = skeletonGolden(report);
        if (imported.code() == ExitCodes.INVALID_INPUT) {
            String error = imported.err().replace(report.toString(), report.getFileName().toString());
            assertFalse(Files.exists(skeleton), "an error golden and a skeleton golden for " + report.getFileName());
            compareOrUpdate(errorGolden(report), error);
            return;
        }
        assertEquals(ExitCodes.CLEAN, imported.code(), imported.toString());
        compareOrUpdate(skeleton, imported.out());
        Cli tested = Cli.run("test", skeleton.toString());
        assertEquals(ExitCodes.CLEAN, tested.code(), tested.toString());
        assertTrue(tested.out().startsWith("PASS"), tested.toString());
    }

    private static void compareOrUpdate(Path golden, String actual) {
        if (TestFiles.updateGoldens()) {
            TestFiles.write(golden, actual.getBytes(StandardCharsets.UTF_8));
            return;
        }
        assertTrue(Files.exists(golden), "no golden " + golden.getFileName() + "; run with -Dvmlock.updateGoldens=true");
        assertEquals(TestFiles.read(golden), actual, golden.getFileName().toString());
    }

    private static Path skeletonGolden(Path report) {
        return report.resolveSibling(report.getFileName().toString().replaceAll("\\.txt$", ".vmlock"));
    }

    private static Path errorGolden(Path report) {
        return report.resolveSibling(report.getFileName().toString().replaceAll("\\.txt$", ".error.txt"));
    }
}
