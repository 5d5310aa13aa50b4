package io.agentgateway.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An operator hears of a key that stops working within a week, and of one already stopped. */
class ExpiringKeysTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static ApiKey key(String id, Instant expires) {
        return new ApiKey(id, new byte[32], List.of(Glob.of("*")), 0, expires, false);
    }

    @Test
    void keysExpiringWithinAWeekOrExpiredAreNamedOthersNot() {
        List<ApiKey> keys = List.of(
                key("never", null),
                key("expired", NOW.minusSeconds(60)),
                key("in-six-days", NOW.plusSeconds(6 * 86_400)),
                key("just-inside", NOW.plus(ExpiringKeys.WARNING_PERIOD).minusMillis(1)),
                key("at-a-week", NOW.plus(ExpiringKeys.WARNING_PERIOD)),
                key("in-a-month", NOW.plusSeconds(30 * 86_400)));
        assertEquals(List.of("expired", "in-six-days", "just-inside"),
                ExpiringKeys.warn(keys, NOW).stream().map(ApiKey::id).toList());
    }
}
