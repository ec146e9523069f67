package io.vmlock.lsp;

import io.vmlock.ast.SourceSpan;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** vmlock spans are 1-based and end on their last character; LSP ranges are 0-based and end after it. */
final class Ranges {
    private Ranges() {
    }

    static Range of(SourceSpan span) {
        return new Range(new Position(span.line() - 1, span.column() - 1), new Position(span.endLine() - 1, span.endColumn()));
    }

    static Range start() {
        return new Range(new Position(0, 0), new Position(0, 0));
    }
}
