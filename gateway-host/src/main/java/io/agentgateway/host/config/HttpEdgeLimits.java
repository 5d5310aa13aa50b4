package io.agentgateway.host.config;

import java.time.Duration;
import java.util.function.Function;

/**
 * How long the gateway waits on a client, and how many wrong keys it takes from one address, from the environment.
 * The defaults serve real clients (a browser or SDK sends its head in one packet and its body at network speed) and
 * cut those that hold a connection open by sending nothing, or a byte now and then.
 *
 * @param headerTimeout {@code GATEWAY_HTTP_HEADER_TIMEOUT_SECONDS}, default 30: a request's line and headers must
 *     arrive within this, counted from their first byte
 * @param bodyTimeout {@code GATEWAY_HTTP_BODY_TIMEOUT_SECONDS}, default 30: the longest wait for the next bytes of a
 *     request body
 * @param idleTimeout {@code GATEWAY_HTTP_IDLE_TIMEOUT_SECONDS}, default 120: a kept-alive connection with no request
 *     under way is closed after this
 * @param maxKeyFailures {@code GATEWAY_AUTH_MAX_FAILURES}, default 10: wrong keys one client address may send in a row
 *     before it is refused; 0 turns the refusal off
 * @param keyLockout {@code GATEWAY_AUTH_LOCKOUT_SECONDS}, default 60: how long such an address is refused, and how
 *     long failures are remembered
 * @param maxInFlight {@code GATEWAY_MAX_IN_FLIGHT}: requests served at once, beyond which new ones get 503; by default
 *     one per 128 KiB of the heap above its first 64 MiB (3,584 with {@code -Xmx512m}): an open stream holds about
 *     70 KiB of heap (bench/streams, docs/performance.md), and the rest is room for request bodies, agent runs and
 *     the collector
 */
public record HttpEdgeLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxKeyFailures,
        Duration keyLockout, int maxInFlight) {

    public static final HttpEdgeLimits DEFAULTS = fromEnvironment(name -> null);

    public static HttpEdgeLimits fromEnvironment(Function<String, String> env) {
        return new HttpEdgeLimits(
                Duration.ofSeconds(positive(env, "GATEWAY_HTTP_HEADER_TIMEOUT_SECONDS", 30)),
                Duration.ofSeconds(positive(env, "GATEWAY_HTTP_BODY_TIMEOUT_SECONDS", 30)),
                Duration.ofSeconds(positive(env, "GATEWAY_HTTP_IDLE_TIMEOUT_SECONDS", 120)),
                (int) whole(env, "GATEWAY_AUTH_MAX_FAILURES", 10, 0),
                Duration.ofSeconds(positive(env, "GATEWAY_AUTH_LOCKOUT_SECONDS", 60)),
                (int) positive(env, "GATEWAY_MAX_IN_FLIGHT", inFlightTheHeapHolds(Runtime.getRuntime().maxMemory())));
    }

    /** @return one request per 128 KiB of {@code maxHeapBytes} above 64 MiB, at least 64, at most 86,400 */
    static long inFlightTheHeapHolds(long maxHeapBytes) {
        long perRequest = 128 * 1024;
        return Math.clamp((maxHeapBytes - 64L * 1024 * 1024) / perRequest, 64, 86_400);
    }

    private static long positive(Function<String, String> env, String name, long fallback) {
        return whole(env, name, fallback, 1);
    }

    private static long whole(Function<String, String> env, String name, long fallback, long min) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= 86_400) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // the message below says what is accepted
        }
        throw new ConfigException(name + " must be a whole number from " + min + " to 86400, not '" + value + "'");
    }
}
