package io.vmlock.frontend;

import io.vmlock.ast.SourceSpan;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** The one place ANTLR positions (1-based lines, 0-based columns) become {@link SourceSpan}s. */
final class Spans {
    private final String file;

    Spans(String file) {
        this.file = file;
    }

    SourceSpan of(Token t) {
        int line = Math.max(1, t.getLine());
        int col = Math.max(0, t.getCharPositionInLine()) + 1;
        String text = t.getText();
        int len = text == null || t.getType() == Token.EOF ? 1 : Math.max(1, text.codePointCount(0, text.length()));
        if (text != null && (text.contains("\n") || text.contains("\r"))) {
            return SourceSpan.point(file, line, col);
        }
        return new SourceSpan(file, line, col, line, col + len - 1);
    }

    SourceSpan of(ParserRuleContext ctx) {
        SourceSpan start = of(ctx.getStart());
        Token stop = ctx.getStop();
        if (stop == null || stop.getTokenIndex() < ctx.getStart().getTokenIndex()) {
            return start;
        }
        return start.to(of(stop));
    }

    String file() {
        return file;
    }
}
