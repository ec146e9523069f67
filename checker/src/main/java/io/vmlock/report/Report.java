package io.vmlock.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one run of {@code check} or {@code test} hands to the renderers: the scenarios in
 * the order given, the tool version (SARIF and JSON name it), whether timings were asked for,
 * the folder relative paths start from (SARIF's {@code %SRCROOT%}: where vmlock ran), the model
 * library's folder (SARIF names files in it relative to it when it lies elsewhere), the
 * baseline of known findings under {@code --baseline} (only new findings fail), and the inputs
 * that could not be checked, in the order given.
 */
public record Report(String command, String toolVersion, List<ScenarioReport> scenarios, boolean stats,
                     Path sourceRoot, Optional<Path> modelsRoot, Optional<Baseline> baseline,
                     List<InvalidInput> invalid) {
    public Report {
        Objects.requireNonNull(command);
        Objects.requireNonNull(toolVersion);
        scenarios = List.copyOf(scenarios);
        sourceRoot = sourceRoot.toAbsolutePath().normalize();
        modelsRoot = modelsRoot.map(p -> p.toAbsolutePath().normalize());
        Objects.requireNonNull(baseline);
        invalid = List.copyOf(invalid);
    }

    /** A run with no baseline whose model library is not named, every input valid. */
    public Report(String command, String toolVersion, List<ScenarioReport> scenarios, boolean stats, Path sourceRoot) {
        this(command, toolVersion, scenarios, stats, sourceRoot, Optional.empty(), Optional.empty(), List.of());
    }

    /** A run with no baseline whose model library is not named. */
    public Report(String command, String toolVersion, List<ScenarioReport> scenarios, boolean stats, Path sourceRoot,
                  List<InvalidInput> invalid) {
        this(command, toolVersion, scenarios, stats, sourceRoot, Optional.empty(), Optional.empty(), invalid);
    }

    /** Every input valid. */
    public Report(String command, String toolVersion, List<ScenarioReport> scenarios, boolean stats, Path sourceRoot,
                  Optional<Path> modelsRoot, Optional<Baseline> baseline) {
        this(command, toolVersion, scenarios, stats, sourceRoot, modelsRoot, baseline, List.of());
    }

    /** Each finding new or known against the baseline; all new without one. */
    public Triage triage() {
        return Triage.of(this);
    }
}
