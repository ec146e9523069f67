package io.vmlock.cli;

import io.vmlock.explore.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How far a running search got, once a second on one line of standard error, rewritten in place
 * with a carriage return and erased when the search ends. Only on a terminal (or when asked with
 * --progress): logs, pipes and tests never see it, so they stay byte-identical.
 */
final class TerminalProgress implements Progress {
    private final PrintWriter err;
    /** The length of the line on the screen, to overwrite or erase it all. */
    private int shown;

    private TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    /** {@code --progress} and {@code --no-progress}, for check and test. */
    static final class Options {
        @Option(names = "--progress", negatable = true,
                description = "Show states, states/s, depth, queue and heap once a second on stderr while a search runs "
                        + "(default: only when the terminal is interactive).")
        Boolean asked;

        /** Where the search reports: a line on {@code err}, or nowhere. */
        Progress on(PrintWriter err) {
            return shown(asked, TerminalColour.stdoutIsTerminal(), System.getenv()) ? new TerminalProgress(err) : Progress.NONE;
        }
    }

    /** Asked for or against, that wins; else only on a terminal that can move back to the start of a line. */
    static boolean shown(Boolean asked, boolean terminal, Map<String, String> env) {
        if (asked != null) return asked;
        return terminal && !"dumb".equals(env.getOrDefault("TERM", ""));
    }

    static String line(Snapshot s) {
        return String.format(Locale.ROOT, "%,d states, %,d states/s, depth %d, queue %,d, heap %,d MiB",
                s.states(), s.statesPerSecond(), s.depth(), s.queue(), s.heapBytes() >> 20);
    }

    /** {@code line} over what is on the screen: a carriage return, the line, blanks over the rest of the old one. */
    static String redraw(String line, int shown) {
        return "\r" + line + " ".repeat(Math.max(0, shown - line.length()));
    }

    /** What wipes a line of {@code shown} characters and leaves the cursor at its start. */
    static String erase(int shown) {
        return shown == 0 ? "" : "\r" + " ".repeat(shown) + "\r";
    }

    @Override
    public void update(Snapshot s) {
        String line = line(s);
        err.print(redraw(line, shown));
        err.flush();
        shown = Math.max(shown, line.length());
    }

    @Override
    public void end() {
        err.print(erase(shown));
        err.flush();
        shown = 0;
    }
}
