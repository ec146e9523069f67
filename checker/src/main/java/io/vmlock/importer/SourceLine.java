package io.vmlock.importer;

/** One line of the pasted input after its log prefixes are stripped, with its 1-based line number. */
public record SourceLine(int number, String text) {
    public SourceLine {
        if (number < 1) throw new IllegalArgumentException("line numbers start at 1: " + number);
        text = text == null ? "" : text;
    }

    public String trimmed() {
        return text.strip();
    }

    public boolean isBlank() {
        return text.isBlank();
    }
}
