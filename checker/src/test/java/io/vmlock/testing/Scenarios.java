package io.vmlock.testing;

import io.vmlock.explore.Explorer;
import io.vmlock.findings.CheckResult;
import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.Compilation;
import io.vmlock.pipeline.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Compiles scenario text written inline in a test. */
public final class Scenarios {
    private Scenarios() {
    }

    /** Three threads in a cycle over three locks, one an rwsem: lockdep's table with "Chain exists of:". */
    public static final String THREE_LOCK_CYCLE = """
            mutex a;
            mutex b;
            rwsem c;
            thread t1 { mutex_lock(a); mutex_lock(b); mutex_unlock(b); mutex_unlock(a); }
            thread t2 { mutex_lock(b); down_read(c); up_read(c); mutex_unlock(b); }
            thread t3 { down_write(c); mutex_lock(a); mutex_unlock(a); up_write(c); }
            """;

    /** The repository root: surefire passes it; from an IDE the working folder's parent. */
    public static Path root() {
        String prop = System.getProperty("vmlock.root");
        if (prop != null && !prop.isBlank() && !prop.startsWith("${")) return Path.of(prop).toAbsolutePath();
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("examples")) ? here : here.getParent();
    }

    /** Compiles a file of the repository, with paths shown relative to the root as in reports. */
    public static Compilation compile(Path file) {
        Path models = root().resolve("models");
        Optional<Path> modelsDir = Files.isDirectory(models) ? Optional.of(models) : Optional.empty();
        return Pipeline.compile(file, new Loader.Options(List.of(), modelsDir, root()));
    }

    /** What {@code vmlock check} reports on a file of the repository: the graph pass, then the search. */
    public static CheckResult checkFile(Path file) {
        Compilation c = compile(file);
        if (!c.ok()) throw new IllegalArgumentException(c.renderedDiagnostics());
        return Pipeline.check(c.lower().orElseThrow(), io.vmlock.pipeline.CheckOptions.of(AS_THE_COMMAND_LINE));
    }

    /**
     * The command line's default search on one thread (the report does not depend on the thread
     * count): every reduction on, where the explorer's own defaults have none; unreduced, the
     * library's all-paths examples store millions of states (LockdepReportTest's pass over every
     * example took 240 of a CI run's 1,825 test-class seconds that way).
     */
    private static final Explorer.Options AS_THE_COMMAND_LINE = new Explorer.Options(Explorer.Order.BFS,
            io.vmlock.explore.Limits.defaults(), Explorer.Engine.COMPILED, 1, false, Explorer.Reductions.ALL);

    /** Explores with the default limits. */
    public static CheckResult check(String source) {
        return Explorer.check(lower(source), Explorer.Options.defaults());
    }

    /** The kinds of finding, sorted, e.g. [deadlock]. */
    public static List<String> kinds(CheckResult r) {
        return r.findings().stream().map(f -> f.verdict().id()).distinct().sorted().toList();
    }

    public static IrProgram lower(String source) {
        try {
            Path dir = Files.createTempDirectory("vmlock-test");
            Path file = dir.resolve("t.vmlock");
            Files.writeString(file, source);
            Compilation c = Pipeline.compile(file, new Loader.Options(List.of(), Optional.empty(), dir));
            return c.lower().orElseThrow(() -> new AssertionError("scenario does not compile:\n" + c.renderedDiagnostics()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
