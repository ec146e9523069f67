package io.vmlock.importer;

/**
 * The input has no splat the importer can read, or a part it cannot do without. Names the line
 * (1-based, 0 when the input is empty) and what was expected there.
 */
public final class UnreadableReport extends Exception {
    private final int line;
    private final String sourceLine;

    public UnreadableReport(int line, String sourceLine, String message) {
        super(message);
        this.line = line;
        this.sourceLine = sourceLine == null ? "" : sourceLine;
    }

    public int line() {
        return line;
    }

    /** The offending line as it was read (prefixes stripped), for the caret display. */
    public String sourceLine() {
        return sourceLine;
    }
}
