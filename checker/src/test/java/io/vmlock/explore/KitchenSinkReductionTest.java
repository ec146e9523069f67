package io.vmlock.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlock.findings.CheckResult;
import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.testing.ExternalTools;
import io.vmlock.testing.Scenarios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parts of the kitchen sink (bench/models/kitchen-sink.sh: the library's models, daemons looping,
 * so the livelock check runs) that the search without reductions finishes: partial-order
 * reduction, alone and with symmetry, finds the same findings with the same trace lengths
 * (symmetry alone is left out: no thread is a copy of another, so it stores every state). The
 * parts run every thread of the nine-thread scenario. bench/run's third part (app, mlocker and
 * direct reclaim) stores 5.5 million states unreduced, 15 CPU seconds from the command line, so
 * direct reclaim runs here beside app alone, which also meets filemap_fault()'s miss and retry.
 * Every part is clean with today's library, the last too, with the flusher looping as a daemon
 * (the library's older shape): it was once reported as the two idle daemons waiting for each
 * other, because jbd2, which only lowers nr_dirty, was taken to be able to make the flusher's
 * nr_dirty > 0 true (Monotonicity). Not timed: bench/run measures them.
 */
class KitchenSinkReductionTest {
    private static final Explorer.Reductions[] REDUCED = {new Explorer.Reductions(true, false), Explorer.Reductions.ALL_BUT_CHAINS};

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"writer,nodelalloc_writer,truncator,syncer | 0", "app,mlocker,truncator,syncer | 0",
        "app,allocator | 0", "app,allocator daemon-flusher | 0"})
    void reducedSearchFindsWhatTheUnreducedSearchFinds(String part, int findings, @TempDir Path dir) throws Exception {
        IrProgram ir = generate(part, dir);
        assertTrue(Transitions.needed(ir), "the daemons loop, so the livelock check runs");
        CheckResult full = search(ir, Explorer.Reductions.NONE);
        assertTrue(full.complete(), "the unreduced search finishes within the default limits");
        assertEquals(findings, full.findings().size(), () -> findings(full).toString());
        for (Explorer.Reductions way : REDUCED) {
            CheckResult reduced = search(ir, way);
            assertTrue(reduced.complete(), way::toString);
            assertEquals(findings(full), findings(reduced), way::toString);
            assertTrue(reduced.stats().states() < full.stats().states(),
                    () -> way + " reduces: " + reduced.stats().states() + " of " + full.stats().states());
        }
    }

    /** Each finding's kind, headline and trace length, in the report's order. */
    private static List<String> findings(CheckResult r) {
        return r.findings().stream().map(f -> f.verdict().id() + ": " + f.headline() + " (" + f.trace().size() + " steps)")
                .toList();
    }

    private static CheckResult search(IrProgram ir, Explorer.Reductions reductions) {
        return Explorer.check(ir, new Explorer.Options(Explorer.Order.BFS, Limits.defaults(), Explorer.Engine.COMPILED, 2,
                false, reductions));
    }

    /** The part as kitchen-sink.sh writes it on one page, compiled against the repository's models. */
    private static IrProgram generate(String part, Path dir) throws IOException, InterruptedException {
        ExternalTools.require(ExternalTools.onPath("bash"), "bash", "apt-get install bash");
        List<String> command = new ArrayList<>(List.of("bash",
                Scenarios.root().resolve("bench/models/kitchen-sink.sh").toString(), "1"));
        command.addAll(List.of(part.split(" ")));
        Path file = dir.resolve("kitchen-sink.vmlock");
        Process p = new ProcessBuilder(command).redirectOutput(file.toFile()).redirectErrorStream(false).start();
        String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> "kitchen-sink.sh " + part + ": " + errors);
        Compilation c = Pipeline.compile(file,
                new Loader.Options(List.of(), Optional.of(Scenarios.root().resolve("models")), dir));
        assertTrue(c.ok(), () -> Files.exists(file) ? c.renderedDiagnostics() : "no scenario written");
        return c.lower().orElseThrow();
    }
}
