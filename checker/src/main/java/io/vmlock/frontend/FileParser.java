package io.vmlock.frontend;

import io.vmlock.ast.ScenarioFile;
import io.vmlock.diag.Diagnostic;
import io.vmlock.diag.DiagnosticCode;
import io.vmlock.diag.Diagnostics;
import io.vmlock.grammar.VmLockLexer;
import io.vmlock.grammar.VmLockParser;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses one file's text into an AST. Syntax errors are all collected (up to a cap, so binary
 * garbage gives a readable answer); the AST is built only from a tree without them.
 */
public final class FileParser {
    static final int MAX_ERRORS = 50;

    private FileParser() {
    }

    public record Parsed(Optional<ScenarioFile> file, List<Diagnostic> diagnostics) {
        public Parsed {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public static Parsed parse(String displayPath, String text) {
        Diagnostics diagnostics = new Diagnostics();
        Spans spans = new Spans(displayPath);
        VmLockLexer lexer = new VmLockLexer(CharStreams.fromString(text, displayPath));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        if (!NestingLimit.tokensWithinLimit(tokens.getTokens(), spans, diagnostics)) {
            return new Parsed(Optional.empty(), diagnostics.sorted());
        }
        VmLockParser parser = new VmLockParser(tokens);
        parser.removeErrorListeners();
        CappedSyntaxErrors errors = new CappedSyntaxErrors(spans, diagnostics);
        parser.addErrorListener(errors);
        parser.setErrorHandler(new KeywordAsName());
        VmLockParser.FileContext tree;
        try {
            tree = parser.file();
        } catch (ParseCancellationException tooMany) {
            diagnostics.add(Diagnostic.error(DiagnosticCode.TOO_MANY_ERRORS, io.vmlock.ast.SourceSpan.point(displayPath, 1, 1),
                    "more than " + MAX_ERRORS + " syntax errors; the rest are not shown",
                    "is this a .vmlock file?"));
            return new Parsed(Optional.empty(), diagnostics.sorted());
        }
        if (errors.count() > 0 || !NestingLimit.treeWithinLimit(tree, spans, diagnostics)) {
            return new Parsed(Optional.empty(), diagnostics.sorted());
        }
        ScenarioFile file = new AstBuilder(spans, diagnostics).build(tree);
        return new Parsed(diagnostics.hasErrors() ? Optional.empty() : Optional.of(file), diagnostics.sorted());
    }

    /** Stops the parse once the cap is reached: past it, more messages help nobody. */
    private static final class CappedSyntaxErrors extends org.antlr.v4.runtime.BaseErrorListener {
        private final SyntaxErrors delegate;

        CappedSyntaxErrors(Spans spans, Diagnostics diagnostics) {
            this.delegate = new SyntaxErrors(spans, diagnostics);
        }

        int count() {
            return delegate.count();
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int col, String msg,
                                RecognitionException e) {
            if (delegate.count() >= MAX_ERRORS) {
                throw new ParseCancellationException("too many syntax errors");
            }
            delegate.syntaxError(recognizer, offendingSymbol, line, col, msg, e);
        }
    }
}
