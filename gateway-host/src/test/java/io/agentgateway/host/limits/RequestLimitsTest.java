package io.agentgateway.host.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.security.LimitRules;
import io.agentgateway.host.store.UsageRecord;
import io.agentgateway.host.store.UsageStore;
import io.agentgateway.host.store.UsageSummary;
import io.agentgateway.host.usage.Prices;
import io.agentgateway.host.usage.UsageRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {

    private static final Map<String, Object> SMALL_REQUEST = Map.of("max_tokens", 100,
            "messages", List.of(Map.of("role", "user", "content", "hi")));

    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-01T23:59:00Z"));
    private final MemoryUsage store = new MemoryUsage();

    @Test
    void aSettledReservationFreesWhatItDidNotUse() {
        RequestLimits limits = limits("rate_limit: {tokens_per_minute: 1000}");
        List<RequestLimits.Admission> admitted = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            admitted.add(limits.admit("k", SMALL_REQUEST)); // 104 tokens each
        }
        GatewayException full = assertThrows(GatewayException.class, () -> limits.admit("k", SMALL_REQUEST));
        assertEquals("tokens_per_minute_exceeded", full.code());
        assertEquals(Duration.ofSeconds(60), full.retryAfter().orElseThrow());
        admitted.getFirst().settle(10); // 94 freed: 1000 - 8 * 104 - 10 = 158 left, room for one more
        limits.admit("k", SMALL_REQUEST);
        assertThrows(GatewayException.class, () -> limits.admit("k", SMALL_REQUEST));
        clock.advance(Duration.ofSeconds(60)); // the window slid past every reservation
        limits.admit("k", SMALL_REQUEST);
    }

    @Test
    void aSpentBudgetHoldsUntilItsPeriodEndsAndIsReadBackFromTheStore() {
        UsageRecorder recorder = new UsageRecorder(store, Prices.NONE, null, clock);
        RequestLimits limits = limits("budget: {tokens_per_day: 100}", recorder);
        limits.admit("k", SMALL_REQUEST);
        recorder.record("r1", "k", "up", "m", Map.of("prompt_tokens", 60, "completion_tokens", 40));
        GatewayException spent = assertThrows(GatewayException.class, () -> limits.admit("k", SMALL_REQUEST));
        assertEquals("budget_exceeded", spent.code());
        assertEquals(Duration.ofSeconds(60), spent.retryAfter().orElseThrow()); // midnight UTC
        limits.admit("other", SMALL_REQUEST);

        RequestLimits afterRestart = limits("budget: {tokens_per_day: 100}", UsageRecorder.discarding());
        assertThrows(GatewayException.class, () -> afterRestart.admit("k", SMALL_REQUEST));
        clock.advance(Duration.ofSeconds(60));
        afterRestart.admit("k", SMALL_REQUEST);
        limits.admit("k", SMALL_REQUEST);
    }

    private RequestLimits limits(String keyLimits) {
        return limits(keyLimits, UsageRecorder.discarding());
    }

    @SuppressWarnings("unchecked")
    private RequestLimits limits(String keyLimits, UsageRecorder recorder) {
        Map<String, Object> yaml;
        try {
            yaml = new ObjectMapper(new YAMLFactory()).readValue("api_keys: [{id: k, key: s, " + keyLimits + "}]",
                    Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        LimitRules rules = LimitRules.fromSecurityYaml(yaml);
        return new RequestLimits(() -> rules, store, recorder, clock);
    }

    /** The usage table in memory. */
    static final class MemoryUsage implements UsageStore {
        final List<UsageRecord> records = new ArrayList<>();

        @Override
        public void add(UsageRecord usage) {
            records.add(usage);
        }

        @Override
        public List<UsageSummary> summarize(String keyId, String model, Instant from, Instant to) {
            return List.of();
        }

        @Override
        public Map<String, Spent> spentByKeySince(Instant from) {
            Map<String, Spent> spent = new HashMap<>();
            for (UsageRecord record : records) {
                if (!record.at().isBefore(from)) {
                    spent.merge(record.keyId(), new Spent(record.totalTokens(), record.cost()),
                            (a, b) -> new Spent(a.tokens() + b.tokens(), a.cost() + b.cost()));
                }
            }
            return spent;
        }
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
