package io.vmlock.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Colour for the text report on a terminal: verdict words and headlines stand out, locations
 * recede. Only the text report on standard output is coloured, only on a terminal, and never when
 * NO_COLOR is set (https://no-color.org) or TERM is dumb, unless {@code --color always} asks.
 * It colours the finished text line by line, so the report itself stays plain and golden-tested.
 */
final class TerminalColour {
    /** {@code --color}: auto (a terminal without NO_COLOR), always or never. */
    enum When { AUTO, ALWAYS, NEVER }

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED = "\u001b[1;31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String DIM = "\u001b[2m";

    /** "FILE: 1 deadlock", "FILE: clean", "FILE: incomplete ..." */
    private static final Pattern SUMMARY = Pattern.compile("^(\\S.*?): (clean|incomplete|invalid|\\d+ .*)$");
    /** "[1] deadlock: writer and jbd2 wait for each other" */
    private static final Pattern HEADLINE = Pattern.compile("^(\\[\\d+\\] )([a-z-]+)(:.*)$");
    /** "    at examples/x.vmlock:14:5" */
    private static final Pattern LOCATION = Pattern.compile("^(\\s+)(at \\S+:\\d+:\\d+.*)$");

    private TerminalColour() {
    }

    static boolean enabled(When when, Map<String, String> env, boolean terminal) {
        return switch (when) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> terminal && env.getOrDefault("NO_COLOR", "").isEmpty()
                    && !"dumb".equals(env.getOrDefault("TERM", ""));
        };
    }

    /** Whether standard output is a terminal: the JVM has a console only when it is (and stdin is). */
    static boolean stdoutIsTerminal() {
        return System.console() != null;
    }

    static String colour(String text) {
        StringBuilder s = new StringBuilder(text.length() + 256);
        for (String line : text.split("\n", -1)) {
            if (s.length() > 0) s.append('\n');
            s.append(colourLine(line));
        }
        return s.toString();
    }

    private static String colourLine(String line) {
        Matcher m = SUMMARY.matcher(line);
        if (m.matches()) {
            String verdict = m.group(2);
            String tint = verdict.equals("clean") ? GREEN : verdict.startsWith("incomplete") ? YELLOW : RED;
            return BOLD + m.group(1) + RESET + ": " + tint + verdict + RESET;
        }
        m = HEADLINE.matcher(line);
        if (m.matches()) return BOLD + m.group(1) + RESET + RED + m.group(2) + RESET + BOLD + m.group(3) + RESET;
        m = LOCATION.matcher(line);
        if (m.matches()) return m.group(1) + DIM + m.group(2) + RESET;
        return line;
    }
}
