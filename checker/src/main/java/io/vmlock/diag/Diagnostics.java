package io.vmlock.diag;

import io.vmlock.ast.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/** Collects diagnostics as values; callers report them all at once, sorted. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void add(Diagnostic d) {
        items.add(d);
    }

    public void addAll(List<Diagnostic> ds) {
        items.addAll(ds);
    }

    public void error(DiagnosticCode code, SourceSpan span, String message, String... notes) {
        add(Diagnostic.error(code, span, message, notes));
    }

    public void warning(DiagnosticCode code, SourceSpan span, String message, String... notes) {
        add(Diagnostic.warning(code, span, message, notes));
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Sorted by position, duplicates removed. */
    public List<Diagnostic> sorted() {
        return items.stream().distinct().sorted().toList();
    }
}
