package io.agentgateway.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final RateLimiter limiter = new RateLimiter(clock);
    private final ApiKey key = new ApiKey("k", new byte[32], List.of(Glob.of("*")), 50, null, false);

    @Test
    void aBurstOnEitherSideOfAMinuteBoundaryIsNotAdmittedTwice() {
        clock.set("2026-12-01T10:00:59Z");
        assertEquals(50, admitted(200));
        clock.set("2026-12-01T10:01:01Z"); // a fixed window would start afresh here
        assertEquals(0, admitted(200));
        clock.set("2026-12-01T10:01:58.999Z");
        assertEquals(0, admitted(1));
        clock.set("2026-12-01T10:01:59Z");
        assertEquals(50, admitted(200));
    }

    @Test
    void retryAfterSaysWhenTheOldestRequestLeavesTheWindow() {
        clock.set("2026-12-01T10:00:10Z");
        admitted(25);
        clock.set("2026-12-01T10:00:40Z");
        admitted(25);
        clock.set("2026-12-01T10:00:45Z");
        assertEquals(25, limiter.acquire(key)); // the first 25 leave at 10:01:10
        clock.set("2026-12-01T10:01:10Z");
        assertEquals(0, limiter.acquire(key));
    }

    @Test
    void noLimitAdmitsEverything() {
        ApiKey open = new ApiKey("o", new byte[32], List.of(Glob.of("*")), 0, null, false);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, limiter.acquire(open));
        }
    }

    private int admitted(int tries) {
        int admitted = 0;
        for (int i = 0; i < tries; i++) {
            if (limiter.acquire(key) == 0) {
                admitted++;
            }
        }
        return admitted;
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(String instant) {
            now = Instant.parse(instant);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
