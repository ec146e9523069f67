package io.vmlock.frontend;

import io.vmlock.ast.SourceSpan;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import io.vmlock.grammar.VmLockLexer;
import java.util.Locale;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Turns ANTLR's syntax errors into diagnostics, so every one of them is reported in one run. */
final class SyntaxErrors extends BaseErrorListener {
    private static final int SEMICOLON = java.util.stream.IntStream.range(0, VmLockLexer.VOCABULARY.getMaxTokenType() + 1)
            .filter(type -> "';'".equals(VmLockLexer.VOCABULARY.getLiteralName(type))).findFirst().orElse(-1);
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
        if (e instanceof KeywordAsName.Found && offendingSymbol instanceof Token t) {
            out.error(DiagnosticCode.KEYWORD_AS_NAME, span, "'" + t.getText() + "' is a keyword and cannot be a name",
                    "rename it, e.g. '" + t.getText() + "s'");
            return;
        }
        if (recognizer instanceof Parser parser && offendingSymbol instanceof Token t && missingSemicolon(parser, t, e)) {
            Token previous = parser.getTokenStream().get(t.getTokenIndex() - 1);
            SourceSpan after = spans.of(previous);
            out.error(DiagnosticCode.SYNTAX_ERROR, SourceSpan.point(spans.file(), after.endLine(), after.endColumn() + 1),
                    "expected ';' after '" + previous.getText() + "'");
            return;
        }
        out.error(DiagnosticCode.SYNTAX_ERROR, span, readable(msg));
    }

    /**
     * A ';' forgotten at the end of a line: said at the end of that line, as compilers do, not
     * at the start of the next line where the parser noticed it.
     */
    private static boolean missingSemicolon(Parser parser, Token t, RecognitionException e) {
        if (t.getTokenIndex() < 1 || t.getType() == VmLockLexer.ERROR_CHAR) return false;
        Token previous = parser.getTokenStream().get(t.getTokenIndex() - 1);
        if (previous.getLine() >= t.getLine() || previous.getType() == VmLockLexer.ERROR_CHAR) return false;
        IntervalSet expected = e != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        return expected != null && expected.contains(SEMICOLON);
    }

    /** ANTLR's messages name tokens as {@code <EOF>} and escape newlines; say it plainly. */
    static String readable(String msg) {
        String m = msg.replace("<EOF>", "end of file").replace("\\n", "newline").replace("\\r", "")
                .replace("\\t", "tab");
        m = m.replaceFirst("^missing (.+) at (.+)$", "expected $1 before $2")
                .replaceFirst("^(?:mismatched|extraneous) input (.+) expecting (.+)$", "unexpected $1, expected $2")
                .replaceFirst("^no viable alternative at input (.+)$", "cannot parse $1");
        return alternatives(tokenNames(m.replace("'end of file'", "end of file")));
    }

    /** Token names outside quotes (quoted text is input) become words: ID is "a name". */
    private static String tokenNames(String m) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher part = java.util.regex.Pattern.compile("'[^']*'|[^']+|'").matcher(m);
        while (part.find()) {
            String p = part.group();
            out.append(p.startsWith("'") ? p : p.replaceAll("\\bID\\b", "a name").replaceAll("\\bINT\\b", "a number")
                    .replaceAll("\\bSTRING\\b", "a string"));
        }
        return out.toString();
    }

    /** ANTLR lists expected tokens as {a, b, c}; say "a, b or c". */
    private static String alternatives(String m) {
        int open = m.lastIndexOf(", expected {");
        if (open < 0 || !m.endsWith("}")) return m;
        String[] items = m.substring(open + ", expected {".length(), m.length() - 1).split(", ");
        String list = items.length == 1 ? items[0]
                : String.join(", ", java.util.Arrays.copyOf(items, items.length - 1)) + " or " + items[items.length - 1];
        return m.substring(0, open) + ", expected " + list;
    }

    static String quote(String s) {
        if (s == null || s.isEmpty()) return "''";
        int cp = s.codePointAt(0);
        if (cp < 0x20 || cp == 0x7f || Character.isISOControl(cp) || !Character.isDefined(cp)) {
            return String.format(Locale.ROOT, "U+%04X", cp);
        }
        return "'" + s + "'";
    }
}
