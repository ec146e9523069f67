package io.vmlock.diag;

import io.vmlock.ast.SourceSpan;
import java.util.List;

/**
 * Renders diagnostics as compilers do: the headline, the source line with its number, a caret
 * under the span (tildes to its end on the same line), then notes.
 */
public final class DiagnosticRenderer {
    private static final int MAX_SHOWN_LINE = 200;
    private final SourceFiles sources;

    public DiagnosticRenderer(SourceFiles sources) {
        this.sources = sources;
    }

    public String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(render(d));
        }
        return out.toString();
    }

    public String render(Diagnostic d) {
        StringBuilder out = new StringBuilder(d.headline()).append('\n');
        SourceSpan span = d.span();
        sources.line(span.file(), span.line()).ifPresent(text -> appendQuote(out, span, text));
        for (String note : d.notes()) {
            out.append("  note: ").append(note).append('\n');
        }
        return out.toString();
    }

    private static void appendQuote(StringBuilder out, SourceSpan span, String text) {
        String shown = printable(text.length() > MAX_SHOWN_LINE ? text.substring(0, MAX_SHOWN_LINE) : text);
        String gutter = String.format(" %4d | ", span.line());
        out.append(gutter).append(shown).append('\n');
        out.append(" ".repeat(gutter.length() - 2)).append("| ");
        int start = Math.min(span.column() - 1, shown.length());
        for (int i = 0; i < start; i++) {
            out.append(shown.charAt(i) == '\t' ? '\t' : ' ');
        }
        out.append('^');
        int end = span.endLine() == span.line() ? Math.min(span.endColumn(), shown.length()) : start + 1;
        for (int i = start + 1; i < end; i++) {
            out.append('~');
        }
        out.append('\n');
    }

    /** Control characters would garble the terminal; show them as '?'. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\t' || (cp >= 0x20 && cp != 0x7f && !Character.isISOControl(cp))) {
                b.appendCodePoint(Character.isBmpCodePoint(cp) ? cp : '?');
            } else {
                b.append('?');
            }
        });
        return b.toString();
    }
}
