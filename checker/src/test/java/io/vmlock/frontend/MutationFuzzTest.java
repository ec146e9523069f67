package io.vmlock.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vmlock.TestFiles;
import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.Severity;
import io.vmlock.sema.Analyzer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates every scenario and model file (and the golden parse inputs) at least 10,000 times in
 * all, with a fixed seed, and feeds each mutant through the loader and the semantic checks:
 * every run must end in success or in diagnostics that point into the file, never in an
 * exception. A failing mutant is kept under checker/target/fuzz-failures/ to reproduce it.
 */
class MutationFuzzTest {
    private static final long SEED = 0x766d6c6f636bL;
    private static final int MUTATIONS = 10_000;

    static List<Path> corpus() {
        Path root = TestFiles.repoRoot();
        List<Path> files = new ArrayList<>(TestFiles.find(root.resolve("examples"), Loader.EXTENSION));
        files.addAll(TestFiles.find(root.resolve("models"), Loader.EXTENSION));
        files.addAll(TestFiles.find(TestFiles.parseGoldens(), Loader.EXTENSION));
        return files;
    }

    @Test
    void mutantsEndInSuccessOrDiagnosticsWithValidPositions(@TempDir Path dir) throws Exception {
        List<Path> corpus = corpus();
        assertFalse(corpus.isEmpty());
        int perFile = (MUTATIONS + corpus.size() - 1) / corpus.size();
        Random random = new Random(SEED);
        Mutator mutator = new Mutator(random);
        int runs = 0;
        int analysed = 0;
        for (Path original : corpus) {
            byte[] text = Files.readAllBytes(original);
            Loader.Options options = options(original.getParent(), dir);
            for (int i = 0; i < perFile; i++, runs++) {
                byte[] mutant = mutator.mutate(text);
                String context = original.getFileName() + " mutant " + i;
                if (check(dir.resolve("mutant.vmlock"), mutant, options, context)) analysed++;
            }
        }
        assertTrue(runs >= MUTATIONS, runs + " runs");
        // the semantic checks must see many mutants too, not only the parser
        assertTrue(analysed >= runs / 5, analysed + " of " + runs + " mutants reached the semantic checks");
    }

    @Test
    void extremeInputs(@TempDir Path dir) {
        List<Supplier<String>> inputs = List.of(
                () -> "",
                () -> "(".repeat(10_000),
                () -> "invariant " + "(".repeat(10_000) + "true" + ")".repeat(10_000) + ";",
                () -> "invariant " + "!".repeat(100_000) + "true;",
                () -> "const x = " + "- ".repeat(100_000) + "1;",
                () -> "const x = 1" + " + 1".repeat(100_000) + ";",
                () -> "thread t { if (true) { } " + "else if (true) { } ".repeat(10_000) + "}",
                () -> "thread t { " + "if (true) { } else if (false) { } else { }\n".repeat(10_000) + "}",
                () -> "thread t { " + "{".repeat(150) + "}".repeat(150) + " }",
                () -> "thread t { " + "x = 1;\n".repeat(100_000) + "}",
                () -> "const x = 1" + " + 1".repeat(490) + ";\nthread t { if (x" + " + x".repeat(480) + " > 0) { } }",
                () -> "bool b;\nthread t { b = " + "!(".repeat(100) + "b" + ")".repeat(100) + "; }",
                () -> "int(0..1) n;\nthread t { " + "while (n == 0) { if (n < 1) { ".repeat(98) + "break;"
                        + " } }".repeat(98) + " }",
                () -> "const c0 = 1;\n" + java.util.stream.IntStream.range(1, 5_000)
                        .mapToObj(i -> "const c" + i + " = c" + (i - 1) + " + 1;\n").collect(java.util.stream.Collectors.joining())
                        + "thread t { repeat (c4999 - 4990) { } }",
                () -> "mutex m" + "m".repeat(5_000_000) + ";");
        Loader.Options options = options(dir, dir);
        for (int i = 0; i < inputs.size(); i++) {
            check(dir.resolve("extreme.vmlock"), inputs.get(i).get().getBytes(StandardCharsets.UTF_8), options,
                    "extreme input " + i);
        }
    }

    /** Not merely no exception: the large valid input is parsed and goes through the checks without an error. */
    @Test
    void aValidFiveMegabyteInputIsCheckedWithoutErrors(@TempDir Path dir) {
        byte[] input = validFiveMegabytes().getBytes(StandardCharsets.UTF_8);
        Loader.Loaded loaded = Loader.load(dir.resolve("large.vmlock"), input, options(dir, dir));
        List<Diagnostic> errors = new ArrayList<>(loaded.diagnostics());
        assertTrue(loaded.program().isPresent(), () -> "the valid 5 MB input is not parsed: " + loaded.diagnostics());
        errors.addAll(Analyzer.analyze(loaded.program().get()).diagnostics());
        errors.removeIf(d -> d.severity() != Severity.ERROR);
        assertEquals(List.of(), errors.stream().map(Diagnostic::headline).toList());
    }

    /** About 5 MB of valid declarations and threads: a large input that must still be checked. */
    private static String validFiveMegabytes() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < 5_000_000; i++) {
            b.append("mutex lock").append(i).append(";\nthread t").append(i).append(" { mutex_lock(lock").append(i)
                    .append("); mutex_unlock(lock").append(i).append("); }\n");
        }
        return b.toString();
    }

    private static Loader.Options options(Path includeDir, Path displayRoot) {
        Path models = TestFiles.repoRoot().resolve("models");
        return new Loader.Options(List.of(includeDir), Files.isDirectory(models) ? Optional.of(models) : Optional.empty(),
                displayRoot);
    }

    /** The mutant is given as the main file's text: thousands of disk writes would dominate the run time. */
    /** True when the input parsed and went through the semantic checks. */
    private static boolean check(Path file, byte[] input, Loader.Options options, String context) {
        try {
            Loader.Loaded loaded = Loader.load(file, input, options);
            List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
            if (loaded.program().isPresent()) {
                diagnostics.addAll(Analyzer.analyze(loaded.program().get()).diagnostics());
            } else if (diagnostics.isEmpty()) {
                fail(context + ": no program and no diagnostic");
            }
            DiagnosticPositions.assertValid(diagnostics, loaded.sources(), context);
            return loaded.program().isPresent();
        } catch (RuntimeException | StackOverflowError e) {
            keep(input, context);
            throw new AssertionError(context + ": " + e, e);
        } catch (AssertionError e) {
            keep(input, context);
            throw e;
        }
    }

    private static void keep(byte[] input, String context) {
        Path failures = TestFiles.repoRoot().resolve("checker/target/fuzz-failures");
        TestFiles.write(failures.resolve(context.replaceAll("[^A-Za-z0-9.-]+", "_") + ".vmlock"), input);
    }
}
