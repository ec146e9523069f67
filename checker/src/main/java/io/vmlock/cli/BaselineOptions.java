package io.vmlock.cli;

import io.vmlock.diag.FileNames;
import io.vmlock.diag.IoReasons;
import io.vmlock.diag.Utf8;
import io.vmlock.report.Baseline;
import io.vmlock.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --baseline} and {@code --write-baseline}: accept known findings, fail on new ones. */
public final class BaselineOptions {
    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Fail (exit 1) only on findings not recorded in FILE; list the recorded ones that are gone.")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Record the findings of this run in FILE, by fingerprint (kind, lock classes, procedures).")
    Path writeBaseline;

    private Optional<Baseline> known = Optional.empty();

    /**
     * Reads {@code --baseline} before anything runs, so the reports can mark new and known
     * findings; false (the reason printed) when the file cannot be read.
     */
    boolean load(PrintWriter err) {
        if (baseline == null) return true;
        try {
            byte[] bytes = Files.readAllBytes(baseline);
            Optional<String> text = Utf8.decode(bytes);
            if (text.isEmpty()) {
                int at = Utf8.firstInvalidByte(bytes, new StringBuilder());
                throw new IllegalArgumentException("not valid UTF-8 at byte " + at);
            }
            known = Optional.of(Baseline.parse(text.get()));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            String why = e instanceof IOException io ? IoReasons.of(io) : e.getMessage();
            err.println("vmlock: cannot read baseline " + FileNames.shown(baseline) + ": " + why);
            return false;
        }
    }

    /** The findings accepted by {@code --baseline}, once {@link #load} has read them. */
    Optional<Baseline> known() {
        return known;
    }

    /**
     * Writes and compares as asked. Returns the exit code for findings: FINDINGS only for new
     * ones when a baseline is given, else {@code findingsCode} unchanged; INVALID_INPUT when the
     * new baseline cannot be written.
     */
    int apply(Report report, int findingsCode, PrintWriter err) {
        Baseline current = Baseline.of(report);
        if (writeBaseline != null) {
            try {
                Files.writeString(writeBaseline, current.toJson(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("vmlock: cannot write " + FileNames.shown(writeBaseline) + ": " + IoReasons.of(e));
                return ExitCodes.INVALID_INPUT;
            }
            err.println("baseline: wrote " + current.entries().size() + " finding(s) to " + FileNames.shown(writeBaseline));
        }
        if (known.isEmpty()) return findingsCode;
        Baseline.Comparison c = known.get().compare(current);
        for (Baseline.Entry e : c.introduced()) err.println("new: " + describe(e));
        for (Baseline.Entry e : c.gone()) err.println("gone: " + describe(e));
        err.println("baseline: " + c.introduced().size() + " new, " + c.known().size() + " known, " + c.gone().size()
                + " gone");
        return c.introduced().isEmpty() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
    }

    /** The baseline written, for {@link OutputTargets}. */
    List<OutputTargets.Target> targets() {
        return writeBaseline == null ? List.of() : List.of(new OutputTargets.Target("--write-baseline", writeBaseline));
    }

    /** The baseline read, an input no report may overwrite. */
    List<Path> inputs() {
        return baseline == null ? List.of() : List.of(baseline);
    }

    private static String describe(Baseline.Entry e) {
        return e.file() + ": " + e.kind() + ": " + e.headline() + " [" + e.fingerprint() + "]";
    }
}
