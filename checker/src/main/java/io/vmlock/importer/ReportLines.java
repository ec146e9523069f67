package io.vmlock.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The input as lines without the prefixes logs put before the kernel's text: syslog and journald
 * headers, /dev/kmsg records, printk levels, dmesg timestamps, caller tags ({@code [ T1234]},
 * {@code [ C0]}), mail quotes and markdown fences. Line numbers stay those of the input.
 */
public final class ReportLines {
    /** Longer lines are cut: no kernel line is this long, and random input must stay cheap. */
    static final int MAX_LINE = 4096;

    private static final List<Pattern> PREFIXES = List.of(
            Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?\\s+\\S+\\s+kernel:\\s?"),
            Pattern.compile("^[A-Z][a-z]{2}\\s+\\d{1,2}\\s+\\d\\d:\\d\\d:\\d\\d\\s+\\S+\\s+kernel:\\s?"),
            Pattern.compile("^\\d,\\d+,\\d+,[^;]{0,16};"),
            Pattern.compile("^<\\d>"),
            // a dmesg timestamp, also as a commit message indents the log it quotes ("  [ 9482.1] ...")
            Pattern.compile("^[ \\t]*\\[\\s*\\d+\\.\\d*\\]\\s?"),
            Pattern.compile("^\\[\\s*[TC]\\d+\\]\\s?"),
            Pattern.compile("^>(?: ?>)* ?"));
    /**
     * A dmesg timestamp a commit message blanked out (" [] ...", corpus 92), only where a line starts:
     * after a real timestamp, "[]" is a frame's blanked address (corpus 32's "[] 0xffffffffffffffff").
     */
    private static final Pattern BLANKED_TIMESTAMP = Pattern.compile("^[ \\t]*\\[\\]\\s?");
    private static final Pattern SYSLOG_NEWLINE = Pattern.compile("#012");
    /**
     * A lock class cut by a mail client before its usage string, a lock line cut after "at:", or a
     * lock line cut before it (its comma last, the next line starting "at:").
     */
    private static final Pattern CUT_CLASS = Pattern.compile("^\\s*(?:-> #\\d+ |#\\d+:\\s+)?(?:[0-9a-f]{8,16}\\s+)?\\([^{}]*$");
    private static final Pattern CUT_AT = Pattern.compile("\\)\\{[^{}]*\\}(?:-\\{\\d+:\\d+\\})?, at:$");
    private static final Pattern CUT_BEFORE_AT = Pattern.compile("\\)\\{[^{}]*\\}(?:-\\{\\d+:\\d+\\})?,$");
    private static final Pattern AT_LINE = Pattern.compile("^at: \\S");
    /** A held-lock line cut after the lock's address, its class opening the next line. */
    private static final Pattern CUT_AFTER_ADDRESS = Pattern.compile("^\\s*#\\d+:\\s+[0-9a-f]{8,16}$");
    /** A class opening a line: "(&x->y)", or a workqueue map's "((work_completion)...)" (corpus 95). */
    private static final Pattern CLASS_LINE = Pattern.compile("^\\(\\(?[^()\\s]");
    /** "Chain exists of:"'s one line cut after an arrow (lockdep prints the chain on one line). */
    private static final Pattern CUT_ARROW = Pattern.compile("\\S -->$");

    private ReportLines() {
    }

    public static List<SourceLine> of(String input) {
        return of(input, 1);
    }

    /** The lines of a part of an input whose first line is the input's line {@code firstNumber}. */
    static List<SourceLine> of(String input, int firstNumber) {
        List<SourceLine> lines = new ArrayList<>();
        String[] raw = input.split("\r\n|\r|\n", -1);
        // a final newline ends the last line; it does not start another
        int count = raw.length > 1 && raw[raw.length - 1].isEmpty() ? raw.length - 1 : raw.length;
        for (int i = 0; i < count; i++) {
            String text = raw[i].length() > MAX_LINE ? raw[i].substring(0, MAX_LINE) : raw[i];
            // rsyslog escapes the newlines of a multi-line message as #012: they are lines again
            for (String part : SYSLOG_NEWLINE.split(strip(text), -1)) {
                lines.add(new SourceLine(firstNumber + i, stripPrefixes(part.replace("#011", "\t"))));
            }
        }
        return joinWrapped(lines);
    }

    /**
     * A line a mail client wrapped inside a lock class, around "at:", after a held lock's address
     * or after an arrow of "Chain exists of:" is joined with the next (and a joined line still cut,
     * with the one after),
     * unless the next opens a report: a banner is never the rest of a wrapped line (BannerScan reads
     * it alone, and the parser must find it where BannerScan did).
     */
    private static List<SourceLine> joinWrapped(List<SourceLine> lines) {
        List<SourceLine> joined = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            SourceLine line = lines.get(i);
            String text = line.text();
            // a line cut twice (after its address and after "at:", corpus 95) takes both rests
            Optional<String> glue = i + 1 < lines.size() ? glue(text, lines.get(i + 1)) : Optional.empty();
            while (glue.isPresent()) {
                text = text.stripTrailing() + glue.get() + lines.get(i + 1).trimmed();
                i++;
                glue = i + 1 < lines.size() ? glue(text, lines.get(i + 1)) : Optional.empty();
            }
            joined.add(new SourceLine(line.number(), text));
        }
        return joined;
    }

    /**
     * What joins a cut line to the next one: nothing inside a lock class, a blank elsewhere; empty
     * when {@code text} is whole or {@code next} cannot be its rest.
     */
    private static Optional<String> glue(String text, SourceLine next) {
        String cut = text.stripTrailing();
        if ((CUT_CLASS.matcher(text).matches() || CUT_AT.matcher(cut).find()) && canBeRest(next)) {
            return Optional.of(cut.endsWith("at:") ? " " : "");
        }
        if (CUT_BEFORE_AT.matcher(cut).find() && AT_LINE.matcher(next.trimmed()).find()
                || CUT_AFTER_ADDRESS.matcher(cut).matches() && CLASS_LINE.matcher(next.trimmed()).find()
                || CUT_ARROW.matcher(cut).find() && canBeRest(next)) {
            return Optional.of(" ");
        }
        return Optional.empty();
    }

    /** A line that may be the rest of a cut one: not blank, and no banner. */
    private static boolean canBeRest(SourceLine next) {
        return !next.isBlank() && SplatParser.kindAt(next).isEmpty();
    }

    /** The text after every log prefix, applied until none matches (a timestamp then a caller tag). */
    static String strip(String line) {
        var blanked = BLANKED_TIMESTAMP.matcher(line);
        return stripPrefixes(blanked.lookingAt() ? line.substring(blanked.end()) : line);
    }

    /** {@link #strip}'s loop, without the blanked timestamp a raw line may start with. */
    private static String stripPrefixes(String line) {
        String text = line;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Pattern prefix : PREFIXES) {
                var m = prefix.matcher(text);
                if (m.lookingAt() && m.end() > 0) {
                    text = text.substring(m.end());
                    changed = true;
                }
            }
        }
        return text.startsWith("```") ? "" : text;
    }
}
