package io.vmlock.report;

import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.Severity;
import java.util.List;
import java.util.Objects;

/**
 * A file given to {@code check} or {@code test} that could not be checked (unreadable, not
 * valid, no thread to run): every report lists it with its errors, so no report is green while
 * the run exits 2.
 */
public record InvalidInput(String file, List<Diagnostic> errors) {
    public InvalidInput {
        Objects.requireNonNull(file);
        errors = errors.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    /** {@code 2 errors, the first: t.vmlock:3:5: error: [undeclared-name] 'x' is not declared}. */
    public String summary() {
        if (errors.isEmpty()) return "invalid input";
        String count = errors.size() == 1 ? "1 error" : errors.size() + " errors, the first";
        return count + ": " + errors.get(0).headline();
    }

    /** Every error's headline and notes, one per line: the text a CI viewer shows. */
    public String details() {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : errors) {
            out.append(d.headline()).append('\n');
            for (String note : d.notes()) out.append("  note: ").append(note).append('\n');
        }
        return out.toString();
    }
}
