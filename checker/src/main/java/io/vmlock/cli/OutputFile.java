package io.vmlock.cli;

import io.vmlock.diag.FileNames;
import io.vmlock.diag.IoReasons;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code -o OUT} of the commands that write one text (graph, export): a file, else standard output. */
public final class OutputFile {
    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write to OUT instead of standard output.")
    Path path;

    /** Why OUT may not be written, checked before {@code input} is read: it must not be a scenario. */
    Optional<String> problem(Path input) {
        if (path == null) return Optional.empty();
        return OutputTargets.problem(List.of(new OutputTargets.Target("-o", path)), List.of(input));
    }

    /** Writes the text; false (with the reason on {@code err}) when the file cannot be written. */
    boolean write(String text, PrintWriter out, PrintWriter err) {
        if (path == null) {
            out.print(text);
            return true;
        }
        try {
            Files.writeString(path, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("vmlock: cannot write " + FileNames.shown(path) + ": " + IoReasons.of(e));
            return false;
        }
    }
}
