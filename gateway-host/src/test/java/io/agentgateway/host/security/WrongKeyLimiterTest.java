package io.agentgateway.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentgateway.host.plugins.CapturedEvents;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WrongKeyLimiterTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();
    private final WrongKeyLimiter limiter = new WrongKeyLimiter(3, Duration.ofSeconds(60), clock);

    private static InetAddress address(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void theWrongKeyThatReachesTheLimitStartsARefusalOfTheLockoutsLength() throws Exception {
        InetAddress client = address("192.0.2.7");
        limiter.failed(client);
        limiter.failed(client);
        assertEquals(0, limiter.refusedFor(client));
        limiter.failed(client);
        assertEquals(60, limiter.refusedFor(client));
        clock.advance(Duration.ofMillis(20_500));
        assertEquals(40, limiter.refusedFor(client), "39.5 s left, rounded up");
        clock.advance(Duration.ofMillis(39_500));
        assertEquals(0, limiter.refusedFor(client));
    }

    @Test
    void afterARefusalTheCountStartsAgain() throws Exception {
        InetAddress client = address("192.0.2.8");
        for (int i = 0; i < 3; i++) {
            limiter.failed(client);
        }
        clock.advance(Duration.ofSeconds(60));
        limiter.failed(client);
        assertEquals(0, limiter.refusedFor(client));
    }

    @Test
    void aRightKeyForgetsTheWrongOnes() throws Exception {
        InetAddress client = address("192.0.2.9");
        limiter.failed(client);
        limiter.failed(client);
        limiter.succeeded(client);
        limiter.failed(client);
        limiter.failed(client);
        assertEquals(0, limiter.refusedFor(client));
        limiter.failed(client);
        assertEquals(60, limiter.refusedFor(client));
    }

    @Test
    void wrongKeysFurtherApartThanTheLockoutAreNotARow() throws Exception {
        InetAddress client = address("192.0.2.10");
        limiter.failed(client);
        limiter.failed(client);
        clock.advance(Duration.ofSeconds(60));
        limiter.failed(client);
        assertEquals(0, limiter.refusedFor(client));
    }

    @Test
    void addressesAreCountedApartButAnIpv6SlashSixtyFourIsOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            limiter.failed(address("2001:db8:1:2::" + (i + 1)));
        }
        assertEquals(60, limiter.refusedFor(address("2001:db8:1:2::ffff")));
        assertEquals(0, limiter.refusedFor(address("2001:db8:1:3::1")));
        assertEquals(0, limiter.refusedFor(address("192.0.2.11")));
    }

    @Test
    void zeroFailuresAllowedTurnsTheRefusalOff() throws Exception {
        WrongKeyLimiter off = new WrongKeyLimiter(0, Duration.ofSeconds(60), clock);
        InetAddress client = address("192.0.2.12");
        try (CapturedEvents events = new CapturedEvents()) {
            for (int i = 0; i < 100; i++) {
                off.failed(client);
            }
            assertEquals(0, off.refusedFor(client));
            assertEquals(List.of(), events.named("agent.security.decision"));
        }
    }

    @Test
    void aRefusalIsLoggedOnceWithTheAddressAndTheReason() throws Exception {
        InetAddress client = address("192.0.2.13");
        try (CapturedEvents events = new CapturedEvents()) {
            limiter.failed(client);
            limiter.failed(client);
            assertEquals(List.of(), events.named("agent.security.decision"));
            limiter.failed(client);
            assertEquals(List.of(Map.of("event", "agent.security.decision", "decision", "deny",
                    "client", "192.0.2.13", "reason", "3 wrong API keys in a row; refused for 60 s")),
                    events.named("agent.security.decision"));
        }
    }

    @Test
    void anIpv6AddressCountsByItsSlashSixtyFourWrittenInHex() throws Exception {
        assertEquals("fe80:ab:cdef:8001::/64", WrongKeyLimiter.bucket(address("fe80:ab:cdef:8001:ffff::1")));
        assertEquals("2001:db8:0:ff::/64", WrongKeyLimiter.bucket(address("2001:db8::ff:1:2:3:4")));
        assertEquals("192.0.2.14", WrongKeyLimiter.bucket(address("192.0.2.14")));
    }

    @Test
    void theLeastRecentAddressIsForgottenOnlyPastTheCap() throws Exception {
        InetAddress guesser = address("198.51.100.1");
        for (int i = 0; i < 3; i++) {
            limiter.failed(guesser);
        }
        for (int i = 1; i < WrongKeyLimiter.MAX_ADDRESSES; i++) {
            limiter.failed(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
        }
        assertEquals(60, limiter.refusedFor(guesser), "at the cap, nothing is forgotten");
        for (int i = 0; i < WrongKeyLimiter.MAX_ADDRESSES; i++) {
            limiter.failed(InetAddress.getByAddress(new byte[] {11, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
        }
        assertEquals(0, limiter.refusedFor(guesser), "past it, the least recently seen address goes first");
    }
}
