package io.vmlock.frontend;

import io.vmlock.ast.SourceSpan;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import io.vmlock.grammar.VmLockLexer;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/** Turns ANTLR's syntax errors into diagnostics, so every one of them is reported in one run. */
final class SyntaxErrors extends BaseErrorListener {
    private final Spans spans;
    private final Diagnostics out;
    private int count;

    SyntaxErrors(Spans spans, Diagnostics out) {
        this.spans = spans;
        this.out = out;
    }

    int count() {
        return count;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        count++;
        SourceSpan span = offendingSymbol instanceof Token t
                ? spans.of(t)
                : SourceSpan.point(spans.file(), Math.max(1, line), Math.max(0, charPositionInLine) + 1);
        if (offendingSymbol instanceof Token t && t.getType() == VmLockLexer.ERROR_CHAR) {
            out.error(DiagnosticCode.UNEXPECTED_CHARACTER, span, "unexpected character " + quote(t.getText()));
            return;
        }
        out.error(DiagnosticCode.SYNTAX_ERROR, span, readable(msg));
    }

    /** ANTLR's messages name tokens as {@code <EOF>} and escape newlines; say it plainly. */
    private static String readable(String msg) {
        return msg.replace("<EOF>", "end of file").replace("\\n", "newline").replace("\\r", "")
                .replace("\\t", "tab");
    }

    static String quote(String s) {
        if (s == null || s.isEmpty()) return "''";
        int cp = s.codePointAt(0);
        if (cp < 0x20 || cp == 0x7f || Character.isISOControl(cp) || !Character.isDefined(cp)) {
            return String.format("U+%04X", cp);
        }
        return "'" + s + "'";
    }
}
