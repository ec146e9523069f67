package io.vmlock.budget;

import java.util.Optional;

/**
 * Raised once from outside (SIGINT or SIGTERM through a shutdown hook): every budget made with it
 * is spent from then on, so the phase running stops and the report of what is known is written.
 */
public final class StopSignal {
    private volatile String reason;

    /** Never raised unless {@link #raise} is called: one per run, so runs in one JVM do not stop each other. */
    public StopSignal() {
    }

    public void raise(String why) {
        if (reason == null) reason = why;
    }

    public Optional<String> raised() {
        return Optional.ofNullable(reason);
    }
}
