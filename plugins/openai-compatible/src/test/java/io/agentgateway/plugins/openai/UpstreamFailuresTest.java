package io.agentgateway.plugins.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.testkit.FakePluginContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpstreamFailuresTest {

    private final UpstreamFailures failures = new UpstreamFailures("u", new FakePluginContext("openai-compatible").json());

    @Test
    void retryAfterInSecondsIsKept() {
        assertEquals(Duration.ofSeconds(30), UpstreamFailures.retryAfter("30"));
        assertEquals(Duration.ofSeconds(7), UpstreamFailures.retryAfter(" 7 "));
        assertEquals(Duration.ZERO, UpstreamFailures.retryAfter("0"));
    }

    @Test
    void retryAfterThatIsNotSecondsIsIgnored() {
        assertNull(UpstreamFailures.retryAfter(null));
        assertNull(UpstreamFailures.retryAfter(""));
        assertNull(UpstreamFailures.retryAfter("-5"));
        assertNull(UpstreamFailures.retryAfter("1.5"));
        assertNull(UpstreamFailures.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    }

    @Test
    void aRejectionCarriesTheRetryAfterItCameWith() {
        byte[] body = "{\"error\":{\"message\":\"slow down\"}}".getBytes(StandardCharsets.UTF_8);

        UpstreamException limited = failures.rejected(429, body, "12");
        UpstreamException unsaid = failures.rejected(429, body, null);

        assertEquals(Optional.of(Duration.ofSeconds(12)), limited.retryAfter());
        assertEquals(Optional.empty(), unsaid.retryAfter());
        assertEquals(429, limited.status());
    }
}
