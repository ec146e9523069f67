package io.vmlock.cli;

import io.vmlock.diag.FileNames;
import io.vmlock.ir.IrProgram;
import io.vmlock.pipeline.CheckOptions;
import io.vmlock.pipeline.Pipeline;
import io.vmlock.report.ChangeDiff;
import io.vmlock.report.ScenarioReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Compares two versions of scenarios (two files, or two trees such as checkouts of the target
 * branch and of a proposed change): lock-order edges added and removed, findings introduced and
 * fixed. Files in two trees are matched by their path inside the tree.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare the scenarios of OLD and NEW (two .vmlock files, or two folders searched recursively):",
            "lock-order edges added and removed, findings introduced and fixed.",
            "Exit 1 only when NEW introduces a finding; 3 when a search of NEW was incomplete."})
final class DiffCommand extends ScenarioCommand {
    @Mixin
    SearchOptions search;

    @Option(names = "--old-models", paramLabel = "DIR",
            description = "The model library OLD's scenarios import from (default: the one NEW uses).")
    Path oldModels;

    @Parameters(index = "0", paramLabel = "OLD", description = "The scenarios before the change.")
    Path oldSide;

    @Parameters(index = "1", paramLabel = "NEW", description = "The scenarios after the change.")
    Path newSide;

    @Override
    public Integer call() {
        Optional<String> usage = search.problem();
        if (usage.isPresent()) return usageError(usage.get());
        if (Files.isDirectory(oldSide) != Files.isDirectory(newSide)) {
            return usageError("OLD and NEW must both be files or both be folders");
        }
        CheckOptions options = CheckOptions.of(search.explorerOptions()).withGraphSummary(true);
        InputOptions oldInput = oldModels == null ? input : input.withModels(oldModels);
        Optional<Map<String, ScenarioReport>> before = side(oldSide, oldInput, options);
        Optional<Map<String, ScenarioReport>> after = side(newSide, input, options);
        if (before.isEmpty() || after.isEmpty()) return ExitCodes.INVALID_INPUT;
        ChangeDiff diff = new ChangeDiff();
        for (String file : union(before.get(), after.get())) {
            diff.compare(file, Optional.ofNullable(before.get().get(file)), Optional.ofNullable(after.get().get(file)));
        }
        PrintWriter out = out();
        out.print(diff.render());
        out.flush();
        if (after.get().values().stream().anyMatch(s -> !s.result().complete())) return ExitCodes.INCOMPLETE;
        return diff.introducedCount() > 0 ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
    }

    /** Every checked scenario of one side by its name for matching; empty when any file is invalid. */
    private Optional<Map<String, ScenarioReport>> side(Path root, InputOptions inputs, CheckOptions options) {
        Map<String, ScenarioReport> byName = new TreeMap<>();
        boolean valid = true;
        for (Path file : files(root)) {
            var budget = options.startBudget(stop());
            Optional<IrProgram> program = inputs.lower(file, err());
            if (program.isEmpty()) {
                valid = false;
            } else if (!Pipeline.isLibrary(program.get())) {
                byName.put(name(root, file), Pipeline.report(program.get(), options, budget));
            }
        }
        return valid ? Optional.of(byName) : Optional.empty();
    }

    /** Two files are one scenario in two versions: they share the new file's name. */
    private String name(Path root, Path file) {
        if (!Files.isDirectory(root)) return newSide.getFileName().toString();
        return FileNames.shown(root.relativize(file));
    }

    private static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) return List.of(root);
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".vmlock") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SortedSet<String> union(Map<String, ?> a, Map<String, ?> b) {
        TreeSet<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
