package io.vmlock.ir;

import io.vmlock.ast.Gfp;
import io.vmlock.ast.SourceSpan;
import java.util.Objects;

/** {@code reclaim __GFP_FS shrink();}: a path an allocation may run in the allocating thread. */
public record ReclaimPath(int id, Needs needs, Invocation invocation, SourceSpan span) {

    /** The GFP bit a path requires of the allocation's effective context. */
    public enum Needs {
        NONE, IO, FS;

        public boolean allows(Gfp gfp, boolean noioScope, boolean nofsScope) {
            return switch (this) {
                case NONE -> true;
                case IO -> gfp.allowsIo() && !noioScope;
                case FS -> gfp.allowsFs() && !nofsScope && !noioScope;
            };
        }
    }

    public ReclaimPath {
        Objects.requireNonNull(needs);
        Objects.requireNonNull(invocation);
        Objects.requireNonNull(span);
    }
}
