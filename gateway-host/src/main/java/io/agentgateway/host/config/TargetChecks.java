package io.agentgateway.host.config;

import static io.agentgateway.host.config.ConfigValues.map;
import static io.agentgateway.host.config.ConfigValues.number;
import static io.agentgateway.host.config.ConfigValues.string;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;

/**
 * How routing judges one upstream's targets: active health checks and the circuit breaker.
 *
 * @param healthPath the path (under {@code base_url}) checked every {@code healthInterval}, or null for no active
 *     checks; a check that answers 2xx within {@code healthTimeout} passes
 * @param healthTimeout how long a check may take
 * @param healthInterval time between checks
 * @param breakerWindow how many recent calls the breaker looks at
 * @param breakerFailurePercent the share of those calls that must have failed for the circuit to open
 * @param breakerCoolDown how long an open circuit stays open before one probe call is let through
 */
public record TargetChecks(String healthPath, Duration healthTimeout, Duration healthInterval, int breakerWindow,
        int breakerFailurePercent, Duration breakerCoolDown) {

    /** No active checks; the circuit opens when at least half of the last 10 calls failed, for 10 s. */
    public static final TargetChecks DEFAULTS = new TargetChecks(null, Duration.ofSeconds(5), Duration.ofSeconds(10),
            10, 50, Duration.ofSeconds(10));

    public TargetChecks {
        requireNonNull(healthTimeout, "healthTimeout is null");
        requireNonNull(healthInterval, "healthInterval is null");
        requireNonNull(breakerCoolDown, "breakerCoolDown is null");
    }

    /** Reads {@code health_path}, {@code health_timeout}, {@code health_interval} and {@code circuit_breaker}. */
    static TargetChecks parse(Map<String, Object> node, String context) {
        String path = string(node, "health_path", context);
        if (path != null && (path.isBlank() || path.contains("://"))) {
            throw new ConfigException(context + ": 'health_path' is a path under base_url, such as /models");
        }
        Map<String, Object> breaker = map(node, "circuit_breaker", context);
        String breakerContext = context + " circuit_breaker";
        double window = number(breaker, "window", DEFAULTS.breakerWindow, breakerContext);
        double percent = number(breaker, "failure_percent", DEFAULTS.breakerFailurePercent, breakerContext);
        if (window < 1 || window > 1000 || window != Math.rint(window)) {
            throw new ConfigException(breakerContext + ": 'window' must be a whole number of calls from 1 to 1000");
        }
        if (percent < 1 || percent > 100 || percent != Math.rint(percent)) {
            throw new ConfigException(breakerContext + ": 'failure_percent' must be a whole number from 1 to 100");
        }
        return new TargetChecks(path == null ? null : (path.startsWith("/") ? path : "/" + path),
                seconds(node, "health_timeout", DEFAULTS.healthTimeout, context),
                seconds(node, "health_interval", DEFAULTS.healthInterval, context),
                (int) window, (int) percent,
                seconds(breaker, "cool_down", DEFAULTS.breakerCoolDown, breakerContext));
    }

    private static Duration seconds(Map<String, Object> node, String key, Duration fallback, String context) {
        double value = number(node, key, fallback.toMillis() / 1000.0, context);
        if (!(value > 0) || value > 86_400) {
            throw new ConfigException(context + ": '" + key + "' must be a positive number of seconds");
        }
        return Duration.ofMillis((long) (value * 1000));
    }
}
