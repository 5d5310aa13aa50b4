package io.agentgateway.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An upstream's health checks and circuit breaker: defaults, the accepted ranges, and what a wrong value is told. */
class TargetChecksTest {

    private static final String WHERE = "upstreams.yaml upstreams[gpu]";

    @Test
    void anEntryThatSetsNothingHasTheDefaults() {
        TargetChecks checks = TargetChecks.parse(Map.of(), WHERE);
        assertEquals(TargetChecks.DEFAULTS, checks);
        assertEquals(null, checks.healthPath(), "no active checks unless a path is given");
        assertEquals(Duration.ofSeconds(5), checks.healthTimeout());
        assertEquals(Duration.ofSeconds(10), checks.healthInterval());
        assertEquals(10, checks.breakerWindow());
        assertEquals(50, checks.breakerFailurePercent());
        assertEquals(Duration.ofSeconds(10), checks.breakerCoolDown());
    }

    @Test
    void everyValueIsReadAndAPathGetsItsLeadingSlash() {
        TargetChecks checks = TargetChecks.parse(Map.of(
                "health_path", "models",
                "health_timeout", 0.25,
                "health_interval", 86_400,
                "circuit_breaker", Map.of("window", 1000, "failure_percent", 100, "cool_down", 1.5)), WHERE);
        assertEquals(new TargetChecks("/models", Duration.ofMillis(250), Duration.ofDays(1), 1000, 100,
                Duration.ofMillis(1500)), checks);
        assertEquals("/health", TargetChecks.parse(Map.of("health_path", "/health"), WHERE).healthPath());
        TargetChecks smallest = TargetChecks.parse(
                Map.of("circuit_breaker", Map.of("window", 1, "failure_percent", 1)), WHERE);
        assertEquals(1, smallest.breakerWindow());
        assertEquals(1, smallest.breakerFailurePercent());
    }

    @Test
    void aHealthPathMustBeAPathUnderTheBaseUrl() {
        for (String path : new String[] {"", "  ", "http://elsewhere/models"}) {
            assertEquals(WHERE + ": 'health_path' is a path under base_url, such as /models",
                    refusal(Map.of("health_path", path)), path);
        }
    }

    @Test
    void theBreakersWindowAndShareAreWholeNumbersInRange() {
        String window = WHERE + " circuit_breaker: 'window' must be a whole number of calls from 1 to 1000";
        for (Object wrong : new Object[] {0, 1001, 2.5, -3}) {
            assertEquals(window, refusal(Map.of("circuit_breaker", Map.of("window", wrong))), String.valueOf(wrong));
        }
        String percent = WHERE + " circuit_breaker: 'failure_percent' must be a whole number from 1 to 100";
        for (Object wrong : new Object[] {0, 101, 50.5}) {
            assertEquals(percent, refusal(Map.of("circuit_breaker", Map.of("failure_percent", wrong))),
                    String.valueOf(wrong));
        }
    }

    @Test
    void timesArePositiveSecondsUpToADay() {
        assertEquals(WHERE + ": 'health_timeout' must be a positive number of seconds",
                refusal(Map.of("health_timeout", 0)));
        assertEquals(WHERE + ": 'health_interval' must be a positive number of seconds",
                refusal(Map.of("health_interval", 86_401)));
        assertEquals(WHERE + " circuit_breaker: 'cool_down' must be a positive number of seconds",
                refusal(Map.of("circuit_breaker", Map.of("cool_down", -1))));
        assertEquals(WHERE + ": 'health_timeout' must be a positive number of seconds",
                refusal(Map.of("health_timeout", "NaN")));
    }

    private static String refusal(Map<String, Object> node) {
        return assertThrows(ConfigException.class, () -> TargetChecks.parse(node, WHERE)).getMessage();
    }
}
