package io.vmlock.diag;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Locale;

/**
 * Renders diagnostics as compilers do: the headline, the source line with its number, a caret
 * under the span (tildes to its end on the same line), then notes.
 */
public final class DiagnosticRenderer {
    private static final int MAX_SHOWN_LINE = 200;
    private static final int CONTEXT = 40;
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

    private static void appendQuote(StringBuilder out, SourceSpan span, String raw) {
        String text = printable(raw); // one char per code point, as columns count
        // a long line is shown as a window around the column, so the caret stays on screen
        int from = span.column() - 1 > MAX_SHOWN_LINE - CONTEXT ? span.column() - 1 - CONTEXT : 0;
        from = Math.min(from, text.length());
        String prefix = from > 0 ? "..." : "";
        String shown = prefix + text.substring(from, Math.min(text.length(), from + MAX_SHOWN_LINE));
        String gutter = String.format(Locale.ROOT, " %4d | ", span.line());
        out.append(gutter).append(shown).append('\n');
        out.append(" ".repeat(gutter.length() - 2)).append("| ");
        int start = Math.min(span.column() - 1 - from + prefix.length(), shown.length());
        for (int i = 0; i < start; i++) {
            out.append(shown.charAt(i) == '\t' ? '\t' : ' ');
        }
        out.append('^');
        int end = span.endLine() == span.line() ? Math.min(span.endColumn() - from + prefix.length(), shown.length()) : start + 1;
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
