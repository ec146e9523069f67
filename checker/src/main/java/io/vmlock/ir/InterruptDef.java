package io.vmlock.ir;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;

/** An interrupt handler (a hard interrupt, or a softirq) and the threads (ids) it may interrupt. */
public record InterruptDef(int id, String name, int body, List<Integer> threads, boolean softirq, SourceSpan span) {
    public InterruptDef {
        Objects.requireNonNull(name);
        threads = List.copyOf(threads);
        Objects.requireNonNull(span);
    }
}
