package io.vmlock.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pre-filter that keeps a long log cheap: finds the first report's banner by looking for each
 * kind's marker text with {@code indexOf} (no regex and no line objects for the megabytes around
 * it), and cuts out the raw lines a report can span from one line before it, numbered as in the input.
 */
final class BannerScan {
    /** A part of the input: its text and the input's number of its first line. */
    record Excerpt(String text, int firstLine) {
    }

    private final String input;
    private final List<String> markers = new ArrayList<>();
    /** Per marker, where it next occurs at or after the scan position (-1: nowhere). */
    private final int[] next;

    private BannerScan(String input) {
        this.input = input;
        for (SplatKind k : SplatKind.values()) markers.addAll(k.markers());
        next = new int[markers.size()];
        for (int m = 0; m < next.length; m++) next[m] = input.indexOf(markers.get(m));
    }

    /**
     * The raw lines from the one before the first banner to {@code lines} lines after it, or empty
     * when no line opens a report. Each marker is searched once per occurrence: linear in the input.
     */
    static Optional<Excerpt> first(String input, int lines) {
        return new BannerScan(input).scan(lines);
    }

    /**
     * The numbers of the lines from line {@code fromLine} on that open a report: the reports a
     * paste holds after the one read, which the skeleton does not replay.
     */
    static List<Integer> bannerLines(String input, int fromLine) {
        BannerScan s = new BannerScan(input);
        List<Integer> found = new ArrayList<>();
        int offset = s.offsetOfLine(fromLine);
        for (int start = s.nextBanner(offset); start >= 0; start = s.nextBanner(s.lineEnd(start) + 1)) {
            found.add(s.lineNumber(start));
        }
        return found;
    }

    private Optional<Excerpt> scan(int lines) {
        int start = nextBanner(0);
        if (start < 0) return Optional.empty();
        int before = start == 0 ? 0 : lineStart(start - 1);
        return Optional.of(new Excerpt(input.substring(before, endAfter(lineEnd(start), lines)), lineNumber(before)));
    }

    /** The start of the first line at or after {@code from} that opens a report, or -1. */
    private int nextBanner(int from) {
        while (from <= input.length()) {
            int hit = nearest(from);
            if (hit < 0) return -1;
            int start = lineStart(hit);
            int end = lineEnd(hit);
            if (opensReport(input.substring(start, end))) return start;
            from = end + 1;
        }
        return -1;
    }

    private int nearest(int from) {
        int best = -1;
        for (int m = 0; m < next.length; m++) {
            if (next[m] >= 0 && next[m] < from) next[m] = input.indexOf(markers.get(m), from);
            if (next[m] >= 0 && (best < 0 || next[m] < best)) best = next[m];
        }
        return best;
    }

    /** A raw line may be several (syslog's #012) and carries log prefixes: read it as ReportLines does. */
    private static boolean opensReport(String rawLine) {
        return ReportLines.of(rawLine).stream().anyMatch(l -> SplatParser.kindAt(l).isPresent());
    }

    private int lineStart(int i) {
        int j = i;
        while (j > 0 && input.charAt(j - 1) != '\n' && input.charAt(j - 1) != '\r') j--;
        return j;
    }

    private int lineEnd(int i) {
        int j = i;
        while (j < input.length() && input.charAt(j) != '\n' && input.charAt(j) != '\r') j++;
        return j;
    }

    /** The end of the {@code lines}-th line after the one ending at {@code end}. */
    private int endAfter(int end, int lines) {
        int j = end;
        for (int n = 0; n < lines && j < input.length(); n++) j = lineEnd(skipBreak(j));
        return j;
    }

    private int skipBreak(int j) {
        if (input.startsWith("\r\n", j)) return j + 2;
        return j < input.length() ? j + 1 : j;
    }

    /** Where 1-based line {@code line} starts (the input's end past its last line). */
    private int offsetOfLine(int line) {
        int j = 0;
        for (int n = 1; n < line && j < input.length(); n++) j = skipBreak(lineEnd(j));
        return j;
    }

    /** 1-based, counting \r\n, \r and \n each as one break, as ReportLines splits. */
    private int lineNumber(int offset) {
        return breaks(input, offset) + 1;
    }

    static int breaks(String text, int upTo) {
        int n = 0;
        for (int i = 0; i < upTo; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) n++;
        }
        return n;
    }
}
