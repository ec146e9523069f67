package io.vmlock.frontend;

import static org.junit.jupiter.api.Assertions.fail;

import io.vmlock.ast.SourceSpan;
import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.DiagnosticRenderer;
import io.vmlock.diag.SourceFiles;
import java.util.List;
import java.util.Optional;

/** Every diagnostic points into its file: an existing line, a column on it (or just past its end). */
final class DiagnosticPositions {
    private DiagnosticPositions() {
    }

    static void assertValid(List<Diagnostic> diagnostics, SourceFiles sources, String context) {
        for (Diagnostic d : diagnostics) {
            SourceSpan s = d.span();
            if (sources.lineCount(s.file()) == 0) {
                if (s.line() != 1 || s.column() != 1) fail(context + ": position in a file never read: " + d.headline());
                continue;
            }
            Optional<String> line = sources.line(s.file(), s.line());
            if (line.isEmpty()) fail(context + ": line beyond the end of the file: " + d.headline());
            int width = line.get().codePointCount(0, line.get().length());
            if (s.column() < 1 || s.column() > width + 1) fail(context + ": column off the line: " + d.headline());
            if (s.endLine() < s.line() || s.endLine() > sources.lineCount(s.file())) {
                fail(context + ": bad end of span: " + d.headline() + " ending " + s.endLine() + ":" + s.endColumn());
            }
        }
        new DiagnosticRenderer(sources).render(diagnostics);
    }
}
