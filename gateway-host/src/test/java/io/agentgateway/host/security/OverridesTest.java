package io.agentgateway.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverridesTest {

    private final RateLimiterTest.MutableClock clock = new RateLimiterTest.MutableClock(
            Instant.parse("2026-12-01T10:00:00Z"));
    private final Overrides overrides = new Overrides(clock);
    private final ApiKey key = new ApiKey("k", new byte[32], List.of(Glob.of("default/*")), 0, null, false);

    @Test
    void anOverrideAllowsMoreUntilItExpires() {
        assertFalse(overrides.apply(key).mayUse("labs/x"));
        overrides.grant("k", "labs/*", Duration.ofSeconds(60));
        assertTrue(overrides.apply(key).mayUse("labs/x"));
        assertTrue(overrides.apply(key).mayUse("default/y"), "the key's own rules stay");
        assertEquals("labs/*", overrides.apply(key).modelAccess("labs/x").reason().replaceAll(".*'(labs/\\*)'.*",
                "$1"));
        clock.set("2026-12-01T10:00:59.999Z");
        assertTrue(overrides.apply(key).mayUse("labs/x"));
        clock.set("2026-12-01T10:01:00Z");
        assertFalse(overrides.apply(key).mayUse("labs/x"));
        assertEquals(List.of(), overrides.active("k"));
    }

    @Test
    void aKeyWithoutOverridesIsLeftAsItIs() {
        overrides.grant("other", "*", Duration.ofSeconds(60));
        assertSame(key, overrides.apply(key));
    }
}
