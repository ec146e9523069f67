package io.vmlock.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -o OUT} of the commands that write one text (graph, export): a file, else standard output. */
public final class OutputFile {
    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write to OUT instead of standard output.")
    Path path;

    void write(String text, PrintWriter out) throws IOException {
        if (path != null) Files.writeString(path, text, StandardCharsets.UTF_8);
        else out.print(text);
    }
}
