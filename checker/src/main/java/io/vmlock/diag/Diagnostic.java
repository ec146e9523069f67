package io.vmlock.diag;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;

/** One message about the input, located at a span, with optional follow-up notes. */
public record Diagnostic(Severity severity, DiagnosticCode code, SourceSpan span, String message,
                         List<String> notes) implements Comparable<Diagnostic> {

    public Diagnostic {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(code);
        Objects.requireNonNull(span);
        Objects.requireNonNull(message);
        notes = List.copyOf(notes);
    }

    public static Diagnostic error(DiagnosticCode code, SourceSpan span, String message, String... notes) {
        return new Diagnostic(Severity.ERROR, code, span, message, List.of(notes));
    }

    public static Diagnostic warning(DiagnosticCode code, SourceSpan span, String message, String... notes) {
        return new Diagnostic(Severity.WARNING, code, span, message, List.of(notes));
    }

    /** The same diagnostic as an error: a warning of one command can be an error of another. */
    public Diagnostic asError() {
        return new Diagnostic(Severity.ERROR, code, span, message, notes);
    }

    /**
     * The same diagnostic saying nothing of the file's text (its message and notes may quote a
     * token or a name): for a file that is not a scenario.
     */
    public Diagnostic withoutText() {
        return new Diagnostic(severity, code, span, code.summary(),
                List.of("the file is not a .vmlock scenario, so none of its text is shown"));
    }

    /** The first line as printed: {@code path:line:col: error: [code] message}. */
    public String headline() {
        return span.position() + ": " + severity.label() + ": [" + code.id() + "] " + message;
    }

    @Override
    public int compareTo(Diagnostic o) {
        int c = span.compareTo(o.span);
        if (c != 0) return c;
        c = code.compareTo(o.code);
        return c != 0 ? c : message.compareTo(o.message);
    }
}
