package io.vmlock.explore.system;

import java.util.List;
import java.util.Objects;

/**
 * Where a thread is: its stack of frames (bottom first) and its status. A thread's position is a
 * field of the state vector; its number is the field's value.
 */
public record Position(int id, int thread, Status status, List<FrameSig> frames) {

    public enum Status { RUNNING, FINISHED, ERROR }

    public Position {
        Objects.requireNonNull(status);
        frames = List.copyOf(frames);
        if (frames.isEmpty()) throw new IllegalArgumentException("a position has a frame");
    }

    public FrameSig top() {
        return frames.get(frames.size() - 1);
    }

    public boolean inFrameOfKind(int kind) {
        return frames.stream().anyMatch(f -> f.kind() == kind);
    }

    /** The identity of a position: everything but its number. */
    public record Key(int thread, Status status, List<FrameSig> frames) {
        public Key {
            frames = List.copyOf(frames);
        }
    }

    public Key key() {
        return new Key(thread, status, frames);
    }
}
