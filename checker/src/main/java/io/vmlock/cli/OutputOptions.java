package io.vmlock.cli;

import io.vmlock.diag.FileNames;
import io.vmlock.diag.IoReasons;
import io.vmlock.report.Format;
import io.vmlock.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --format} / {@code -o} pairs, in command-line order: each {@code -o FILE} takes the
 * {@code --format} just before it; a format without {@code -o} goes to standard output. picocli
 * hands a repeated list option to its setter again after each occurrence, which is what keeps the order.
 */
public final class OutputOptions {
    /** One requested report: its format and where it goes (empty: standard output). */
    record Output(Format format, Optional<Path> file) {
    }

    private final List<Output> outputs = new ArrayList<>();
    private int formatsSeen;
    private int filesSeen;
    private String error;
    private String unknownFormat;
    private TerminalColour.When colour = TerminalColour.When.AUTO;

    @Option(names = "--format", paramLabel = "FORMAT", description = {
        "Report format: text (default), lockdep, json, dot, mermaid, sarif, junit or html. Repeatable.",
        "Each -o FILE writes the --format given just before it; a --format without -o goes to standard output,"
            + " e.g. --format text --format sarif -o vmlock.sarif."})
    void formats(List<String> all) {
        if (all.size() <= formatsSeen) return;
        formatsSeen = all.size();
        String id = all.get(all.size() - 1);
        Optional<Format> format = Format.byId(id);
        if (format.isEmpty() && unknownFormat == null) {
            unknownFormat = "unknown --format '" + id + "': use one of " + Format.ids();
        }
        // an unknown format still takes its place, so that an -o after it pairs as written; it is never rendered
        outputs.add(new Output(format.orElse(Format.TEXT), Optional.empty()));
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report of the preceding --format (text when none) to FILE instead of standard output.")
    void files(List<Path> all) {
        if (all.size() <= filesSeen) return;
        filesSeen = all.size();
        Path file = all.get(all.size() - 1);
        if (outputs.isEmpty()) outputs.add(new Output(Format.TEXT, Optional.empty()));
        Output last = outputs.get(outputs.size() - 1);
        if (last.file().isPresent()) {
            error = "-o " + file + " follows -o " + last.file().get() + ": give a --format before each -o";
            return;
        }
        outputs.set(outputs.size() - 1, new Output(last.format(), Optional.of(file)));
    }

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the text report on standard output: auto (on a terminal, unless NO_COLOR is set), always or never.")
    void colour(String when) {
        try {
            colour = TerminalColour.When.valueOf(when.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            error = "unknown --color '" + when + "': use auto, always or never";
        }
    }

    /** The usage error, if the options are inconsistent or name an unknown format. */
    Optional<String> problem() {
        return Optional.ofNullable(error != null ? error : unknownFormat);
    }

    /** The files the reports go to, for {@link OutputTargets}. */
    List<OutputTargets.Target> targets() {
        return outputs.stream().flatMap(o -> o.file().stream()).map(f -> new OutputTargets.Target("-o", f)).toList();
    }

    /** Whether any --format or -o was given: {@code test} prints reports only then. */
    boolean given() {
        return !outputs.isEmpty();
    }

    List<Output> requested() {
        return outputs.isEmpty() ? List.of(new Output(Format.TEXT, Optional.empty())) : outputs;
    }

    boolean needsGraph() {
        return requested().stream().anyMatch(o -> o.format().showsGraph());
    }

    /** Renders every requested format; false (with a message) when a file cannot be written. */
    boolean write(Report report, PrintWriter out, PrintWriter err) {
        for (Output o : requested()) {
            String text = o.format().render(report);
            if (o.file().isEmpty()) {
                boolean tint = o.format() == Format.TEXT
                        && TerminalColour.enabled(colour, System.getenv(), TerminalColour.stdoutIsTerminal());
                out.print(tint ? TerminalColour.colour(text) : text);
                out.flush();
                continue;
            }
            try {
                Path file = o.file().get();
                if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("vmlock: cannot write " + FileNames.shown(o.file().get()) + ": " + IoReasons.of(e));
                return false;
            }
        }
        return true;
    }
}
