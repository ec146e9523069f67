package io.vmlock.graph;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * Where a nesting is made: the innermost function on the call paths of both the outer lock and
 * the inner one ({@code filemap_fault} for invalidate_lock -> page lock, whichever helpers take
 * them), and the place in it that leads to the inner lock. That is the code to change; the
 * helper that takes the lock ({@code lock_page}) is not.
 */
public record NestingPoint(Optional<String> function, String calls, SourceSpan at) {
    public static NestingPoint of(Dependency d) {
        List<Frame> held = d.held().site().stack();
        List<Frame> taken = d.acquired().site().stack();
        if (d.from().isPseudo()) {
            // a context's walk starts at its handler: the handler's function takes the lock
            String f = d.acquired().site().function();
            return new NestingPoint(taken.isEmpty() ? Optional.empty() : Optional.of(f), f, d.acquired().site().span());
        }
        int common = 0;
        while (common < held.size() && common < taken.size() && held.get(common).equals(taken.get(common))) common++;
        Optional<String> function = common == 0 ? Optional.empty() : Optional.of(taken.get(common - 1).function());
        SourceSpan at = common < taken.size() ? taken.get(common).callSite() : d.acquired().site().span();
        String calls = common < taken.size() ? taken.get(common).function() : function.orElse("");
        return new NestingPoint(function, calls, at);
    }

    /**
     * The function named in a listing: the one that makes the nesting, else (made in a thread's
     * body, which has no kernel name) the function it calls, else the place.
     */
    public String label() {
        if (function.isPresent()) return function.get();
        return calls.isEmpty() ? java.nio.file.Path.of(at.file()).getFileName() + ":" + at.line() : calls;
    }

    /** Made in the scenario's own code rather than in the model library it imports. */
    public boolean in(String file) {
        return at.file().equals(file);
    }
}
