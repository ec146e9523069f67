package io.vmlock.frontend;

import io.vmlock.grammar.VmLockLexer;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;

/**
 * A keyword where a name must stand ({@code set mapping { ... }}): reported once as a keyword,
 * then read as the name it was meant to be, so the rest of the declaration parses and no
 * cascade of "expected a name" follows.
 */
final class KeywordAsName extends DefaultErrorStrategy {

    /** The report handed to the error listeners: {@link SyntaxErrors} words it. */
    static final class Found extends InputMismatchException {
        Found(Parser parser) {
            super(parser);
        }
    }

    @Override
    public Token recoverInline(Parser parser) {
        Token t = parser.getCurrentToken();
        if (isKeyword(t) && parser.getExpectedTokens().contains(VmLockLexer.ID) && t instanceof WritableToken w) {
            if (!inErrorRecoveryMode(parser)) {
                beginErrorCondition(parser);
                parser.notifyErrorListeners(t, "keyword", new Found(parser));
            }
            w.setType(VmLockLexer.ID);
            endErrorCondition(parser);
            parser.consume();
            return t;
        }
        return super.recoverInline(parser);
    }

    /** The grammar's keywords are its literal tokens that spell a word. */
    static boolean isKeyword(Token t) {
        String literal = VmLockLexer.VOCABULARY.getLiteralName(t.getType());
        return literal != null && Character.isLetter(literal.charAt(1));
    }
}
