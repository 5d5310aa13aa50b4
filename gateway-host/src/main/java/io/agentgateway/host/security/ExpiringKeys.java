package io.agentgateway.host.security;

import io.agentgateway.host.observe.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Warns ({@code api_key.expiring}) about keys that stop working within a week, at start-up and on every reload, so
 * that an operator hears of it before the clients holding them get 401s. Logs the key id, never the secret.
 */
public final class ExpiringKeys {

    static final Duration WARNING_PERIOD = Duration.ofDays(7);

    private ExpiringKeys() {
    }

    /** @return the keys expiring within a week of {@code now}, or already expired */
    public static List<ApiKey> warn(List<ApiKey> keys, Instant now) {
        List<ApiKey> expiring = keys.stream()
                .filter(key -> key.expiresAt() != null && key.expiresAt().isBefore(now.plus(WARNING_PERIOD)))
                .toList();
        for (ApiKey key : expiring) {
            EventLog.warn("api_key.expiring", "key_id", key.id(), "expires_at", key.expiresAt().toString(),
                    "expired", key.expired(now));
        }
        return expiring;
    }
}
