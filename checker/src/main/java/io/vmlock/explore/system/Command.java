package io.vmlock.explore.system;

import io.vmlock.ast.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * One atomic step of one thread as a guarded command: from position {@code from}, when every
 * conjunct of {@code guard} holds in the state, assign every effect (all right-hand sides are
 * read in the state before the step) and move the thread to position {@code to}. A thread's
 * enabled commands at a state are exactly the moves the explorer's successor function makes, in
 * the same order.
 */
public record Command(int id, int thread, int from, List<Expr> guard, List<Effect> effects, int to, Kind kind,
                      SourceSpan span, String text) {

    public enum Kind {
        /** The step ran (or control moved on). */
        STEP,
        /** The step raised a finding and stopped the thread there. */
        ERROR,
        /** The step may sleep in atomic context: a finding naming the spinlocks the thread holds. */
        ATOMIC_ERROR,
        /** The thread ended: a finding if it still holds a lock. */
        EXIT,
        /** An interrupt handler started on the thread. */
        INTERRUPT
    }

    /** {@code field := value}, value over the state before the step. */
    public record Effect(int field, Expr value) {
        public Effect {
            Objects.requireNonNull(value);
        }
    }

    public Command {
        guard = List.copyOf(guard);
        effects = List.copyOf(effects);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(span);
        Objects.requireNonNull(text);
    }

    /** The step stops the thread with a finding. */
    public boolean raisesFinding() {
        return kind == Kind.ERROR || kind == Kind.ATOMIC_ERROR;
    }

    public boolean enabled(Expr.Values values) {
        for (Expr g : guard) {
            if (g.eval(values) == 0) return false;
        }
        return true;
    }
}
