package io.vmlock.graph;

import java.util.Objects;

/**
 * Which instance of a lock class an acquisition names: a known one ({@code page_lock[P0]}), or
 * one the walk could not pin down. Unknown instances with the same symbol in one dependency are
 * the same instance (the same parameter or loop variable).
 */
public sealed interface Instance permits Instance.Known, Instance.Unknown {

    /** The single instance of a class without a set. */
    Known SINGLE = new Known(0, "");

    /** {@code [P0]} or empty for a single lock; {@code [p?]} when unknown. */
    String suffix();

    record Known(int ordinal, String name) implements Instance {
        public Known {
            Objects.requireNonNull(name);
            if (ordinal < 0) throw new IllegalArgumentException("negative instance " + ordinal);
        }

        public String suffix() {
            return name.isEmpty() ? "" : "[" + name + "]";
        }
    }

    /** Any member of the class's set; {@code symbol} ties occurrences that must be equal. */
    record Unknown(String symbol) implements Instance {
        public Unknown {
            Objects.requireNonNull(symbol);
        }

        public String suffix() {
            return "[" + symbol + "?]";
        }
    }
}
