package io.agentgateway.host.security;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Requests per minute per key, in fixed one-minute windows. */
public final class RateLimiter {

    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts one request for {@code key}.
     *
     * @return 0 when allowed, else the seconds until the window resets (for {@code Retry-After})
     */
    public long acquire(ApiKey key) {
        if (key.ratePerMinute() <= 0) {
            return 0;
        }
        long minute = clock.millis() / 60_000;
        Window window = windows.compute(key.id(), (id, w) -> w == null || w.minute != minute
                ? new Window(minute, 1)
                : new Window(minute, w.count + 1));
        if (window.count <= key.ratePerMinute()) {
            return 0;
        }
        return Math.max(1, 60 - (clock.millis() / 1000) % 60);
    }

    private record Window(long minute, int count) {
    }
}
