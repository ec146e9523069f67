package io.vmlock.cli;

import io.vmlock.findings.CheckResult;
import io.vmlock.findings.Finding;
import io.vmlock.frontend.Loader;
import io.vmlock.ir.IrProgram;
import io.vmlock.ir.Lowering;
import io.vmlock.lockorder.GraphFirstCheck;
import io.vmlock.report.Report;
import io.vmlock.report.ScenarioReport;
import io.vmlock.report.TestOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs every scenario under the given paths and checks its findings against its expect clauses. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Check every .vmlock file under each PATH against its expect clauses; "
                + "files that declare no thread and no expect (model libraries) are skipped.")
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    SearchOptions search;

    @Mixin
    OutputOptions output;

    /** What the reports asked for with --format show: each scenario with how it met its expectations. */
    private final List<ScenarioReport> reports = new ArrayList<>();

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders (searched recursively).")
    List<Path> paths;

    @Override
    public Integer call() {
        Optional<String> usage = output.problem();
        if (!search.valid() || usage.isPresent()) {
            spec.commandLine().getErr().println("vmlock test: " + usage.orElse("--search is bfs or dfs"));
            return ExitCodes.INVALID_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        for (Path file : scenarios()) {
            Optional<String> line = run(file);
            if (line.isEmpty()) continue;
            out.println(line.get());
            out.flush();
            if (line.get().startsWith("PASS")) passed++;
            else failed++;
        }
        out.println(passed + " passed, " + failed + " failed");
        Report report = new Report("test", ScenarioRun.toolVersion(), reports, false, Path.of(""));
        if (output.given() && !output.write(report, out, spec.commandLine().getErr())) return ExitCodes.INVALID_INPUT;
        return failed == 0 ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }

    private List<Path> scenarios() {
        TreeSet<Path> files = new TreeSet<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                files.add(p.normalize());
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(f -> f.toString().endsWith(Loader.EXTENSION) && Files.isRegularFile(f))
                        .forEach(f -> files.add(f.normalize()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ArrayList<>(files);
    }

    /** The file's PASS/FAIL line, or empty for a model library. */
    private Optional<String> run(Path file) {
        Compilation c = Compilation.of(file, input.loaderOptions());
        if (!c.ok()) {
            spec.commandLine().getErr().print(c.renderedDiagnostics());
            return Optional.of("FAIL " + file + ": invalid input");
        }
        IrProgram ir = Lowering.lower(c.program().get());
        if (ir.threads().isEmpty() && ir.expectations().isEmpty()) return Optional.empty();
        CheckResult r = GraphFirstCheck.run(ir, search.explorerOptions(), false);
        Optional<String> unmet = Expectations.unmet(ir.expectations(), r);
        ScenarioReport s = ScenarioReport.of(r).withTest(new TestOutcome(
                ir.expectations().stream().map(Object::toString).toList(), unmet));
        reports.add(output.needsGraph() ? s.withGraph(GraphSummaries.of(ir)) : s);
        if (unmet.isPresent()) return Optional.of("FAIL " + file + ": " + unmet.get());
        TreeSet<String> got = new TreeSet<>();
        for (Finding f : r.findings()) got.add(f.verdict().id());
        return Optional.of("PASS " + file + " (" + Expectations.describe(got) + ")");
    }
}
