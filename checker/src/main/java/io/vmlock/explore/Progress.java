package io.vmlock.explore;

/**
 * Where a running search reports how far it got, about once a second ({@code vmlock check} on a
 * terminal). Never part of a result: reports stay the same whether anyone listens.
 */
public interface Progress {
    /** Nobody listens. */
    Progress NONE = new Progress() {
        @Override
        public void update(Snapshot s) {
        }

        @Override
        public void end() {
        }
    };

    /**
     * How far the search got: states stored, after {@code elapsedNanos}; the deepest level
     * stored; states stored but not yet expanded; the heap in use.
     */
    record Snapshot(long states, long elapsedNanos, int depth, long queue, long heapBytes) {
        /** States stored per second so far (0 before any time has passed). */
        public long statesPerSecond() {
            return elapsedNanos <= 0 ? 0 : (long) (states * 1e9 / elapsedNanos);
        }
    }

    void update(Snapshot s);

    /** A search ended: what was drawn for it goes (the report follows). */
    void end();
}
