package io.vmlock.cli;

import io.vmlock.importer.SkeletonWriter;
import io.vmlock.importer.Splat;
import io.vmlock.importer.SplatParser;
import io.vmlock.importer.UnreadableReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmlock import lockdep FILE|-}: a lockdep report in, a scenario skeleton out. */
@Command(name = "import", mixinStandardHelpOptions = true, subcommands = ImportCommand.Lockdep.class,
        description = "Turn another tool's report into a scenario skeleton.")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("vmlock import: name what to import: vmlock import lockdep FILE|-");
        return ExitCodes.INVALID_INPUT;
    }

    @Command(name = "lockdep", mixinStandardHelpOptions = true,
            description = "Read a lockdep report as pasted (dmesg, syslog, syzbot, mail; noise around it is skipped) "
                    + "and print a .vmlock skeleton that replays it; what the report lacks is said on stderr.")
    static final class Lockdep implements Callable<Integer> {
        /** Larger input is refused rather than read: a log of a whole boot is a few megabytes. */
        static final int MAX_BYTES = 64 * 1024 * 1024;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE|-", description = "The report, or - for standard input.")
        String file;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the skeleton to FILE.")
        Path output;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            String name = file.equals("-") ? "<stdin>" : file;
            String text;
            try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    err.println(name + ": error: [unreadable-lockdep-report] larger than " + MAX_BYTES / (1024 * 1024)
                            + " MB: cut the log around the report");
                    return ExitCodes.INVALID_INPUT;
                }
                text = new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                err.println(name + ": error: cannot read: " + e.getMessage());
                return ExitCodes.INVALID_INPUT;
            }
            Splat splat;
            try {
                splat = SplatParser.parse(text);
            } catch (UnreadableReport e) {
                err.print(render(name, e));
                return ExitCodes.INVALID_INPUT;
            }
            for (String dropped : splat.header().dropped()) {
                err.println(name + ":" + splat.header().bannerLine() + ": warning: dropped: " + dropped);
            }
            String skeleton = SkeletonWriter.write(splat, name.equals("<stdin>") ? name : Path.of(name).getFileName().toString());
            if (output == null) {
                spec.commandLine().getOut().print(skeleton);
                return ExitCodes.CLEAN;
            }
            try {
                Files.writeString(output, skeleton, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("vmlock import lockdep: cannot write " + output + ": " + e.getMessage());
                return ExitCodes.INVALID_INPUT;
            }
            return ExitCodes.CLEAN;
        }

        /** {@code file:line:1: error: ...}, the line as read and a caret, as the language's diagnostics. */
        static String render(String name, UnreadableReport e) {
            if (e.line() == 0) return name + ": error: [unreadable-lockdep-report] " + e.getMessage() + "\n";
            StringBuilder out = new StringBuilder(name + ":" + e.line() + ":1: error: [unreadable-lockdep-report] "
                    + e.getMessage() + "\n");
            String shown = e.sourceLine().codePoints().limit(200)
                    .collect(StringBuilder::new, (b, cp) -> b.appendCodePoint(cp == '\t' || (cp >= 0x20 && cp != 0x7f
                            && !Character.isISOControl(cp) && Character.isBmpCodePoint(cp)) ? cp : '?'),
                            StringBuilder::append).toString();
            String gutter = String.format(Locale.ROOT, " %4d | ", e.line());
            out.append(gutter).append(shown).append('\n');
            out.append(" ".repeat(gutter.length() - 2)).append("| ^\n");
            return out.toString();
        }
    }
}
