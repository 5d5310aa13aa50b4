package io.agentgateway.host.security;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per minute per key, over a sliding window: a request is admitted when fewer than the limit were admitted in
 * the 60 s before it. Unlike fixed minutes, two bursts on either side of a minute's boundary cannot double the limit.
 * Each key keeps the times of its admitted requests of the last minute (at most its limit); admission is decided
 * under the key's lock, so under any concurrency exactly the limit is admitted.
 */
public final class RateLimiter {

    private static final long WINDOW_MILLIS = 60_000;

    private final Clock clock;
    private final Map<String, ArrayDeque<Long>> admitted = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts one request for {@code key} when its limit allows it.
     *
     * @return 0 when admitted, else the whole seconds until it would be (for {@code Retry-After})
     */
    public long acquire(ApiKey key) {
        int limit = key.ratePerMinute();
        if (limit <= 0) {
            return 0;
        }
        ArrayDeque<Long> times = admitted.computeIfAbsent(key.id(), id -> new ArrayDeque<>());
        synchronized (times) {
            long now = clock.millis();
            while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MILLIS) {
                times.pollFirst();
            }
            if (times.size() < limit) {
                times.addLast(now);
                return 0;
            }
            // A lowered limit leaves more times than it allows: the request waits until enough have left.
            long freedAt = times.stream().skip(times.size() - limit).findFirst().orElse(now) + WINDOW_MILLIS;
            return Math.max(1, (freedAt - now + 999) / 1000);
        }
    }
}
