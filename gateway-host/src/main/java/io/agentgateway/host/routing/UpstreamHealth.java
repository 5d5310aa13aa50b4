package io.agentgateway.host.routing;

import java.time.Instant;

/**
 * The result of one upstream's active health checks ({@code health_path}): all its targets share it. An upstream with
 * no {@code health_path} is never checked and counts as healthy; real traffic judges it through each target's breaker.
 */
public final class UpstreamHealth {

    private volatile boolean healthy = true;
    private volatile Instant lastChecked;
    private volatile String lastError;

    public boolean healthy() {
        return healthy;
    }

    /** @return when it was last checked, or null when never */
    public Instant lastChecked() {
        return lastChecked;
    }

    /** @return why the last check failed, or null */
    public String lastError() {
        return lastError;
    }

    /** @return whether this result changed it */
    boolean checked(boolean passed, String error, Instant at) {
        boolean changed = passed != healthy;
        healthy = passed;
        lastError = passed ? null : error;
        lastChecked = at;
        return changed;
    }
}
