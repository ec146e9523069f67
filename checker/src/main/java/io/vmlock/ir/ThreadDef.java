package io.vmlock.ir;

import io.vmlock.ast.SourceSpan;
import java.util.Objects;

/**
 * One running thread. A replicated {@code thread writer[3]} gives three, {@code writer[0]} ..
 * {@code writer[2]}, sharing one body; {@code copy} is -1 for an unreplicated thread.
 */
public record ThreadDef(int id, String name, String baseName, int copy, boolean daemon, int body, SourceSpan span) {
    public ThreadDef {
        Objects.requireNonNull(name);
        Objects.requireNonNull(baseName);
        Objects.requireNonNull(span);
    }

    public boolean replicated() {
        return copy >= 0;
    }
}
