package io.vmlock.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run of {@code check} or {@code test} hands to the renderers: the scenarios in
 * the order given, the tool version (SARIF and JSON name it), whether timings were asked for, the
 * folder relative paths start from (SARIF's {@code %SRCROOT%}: where vmlock ran), and the inputs
 * that could not be checked, in the order given.
 */
public record Report(String command, String toolVersion, List<ScenarioReport> scenarios, boolean stats,
                     Path sourceRoot, List<InvalidInput> invalid) {
    public Report {
        Objects.requireNonNull(command);
        Objects.requireNonNull(toolVersion);
        scenarios = List.copyOf(scenarios);
        sourceRoot = sourceRoot.toAbsolutePath().normalize();
        invalid = List.copyOf(invalid);
    }

    /** A report of scenarios that were all valid. */
    public Report(String command, String toolVersion, List<ScenarioReport> scenarios, boolean stats, Path sourceRoot) {
        this(command, toolVersion, scenarios, stats, sourceRoot, List.of());
    }
}
