package io.agentgateway.host.config;

import java.time.Duration;
import java.util.function.Function;

/** {@code GATEWAY_SHUTDOWN_GRACE}: seconds a SIGTERM gives requests in flight to finish (default 30). */
public final class ShutdownGrace {

    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private ShutdownGrace() {
    }

    /** @throws ConfigException when it is set to anything but a number of seconds from 0 to 3600 */
    public static Duration fromEnvironment(Function<String, String> env) {
        String value = env.apply("GATEWAY_SHUTDOWN_GRACE");
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            if (seconds >= 0 && seconds <= 3600) {
                return Duration.ofMillis((long) (seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // the message below says what to write
        }
        throw new ConfigException("GATEWAY_SHUTDOWN_GRACE must be a number of seconds from 0 to 3600, not '"
                + value + "'");
    }
}
