package io.agentgateway.host.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.upstream.UpstreamException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a client is told when an upstream fails: whose fault it was, in the status and the code. */
class OpenAiErrorsTest {

    private static GatewayException rejected(int status, Map<String, Object> body) {
        return OpenAiErrors.fromUpstream(new UpstreamException(UpstreamException.Kind.REJECTED, status,
                "status " + status, body, null), "mock");
    }

    @Test
    void theGatewaysOwnCredentialsRefusedAre502UpstreamAuthFailedNotTheClients401() {
        for (int status : new int[] {401, 403}) {
            GatewayException e = rejected(status, Map.of("error", Map.of("message", "bad key", "code", "invalid_api_key")));
            assertEquals(502, e.status());
            assertEquals("api_error", e.type());
            assertEquals("upstream_auth_failed", e.code());
            assertEquals("Upstream 'mock' rejected the gateway's credentials (" + status
                    + "); check its api_key in upstreams.yaml", e.getMessage());
        }
    }

    @Test
    void anotherUpstreamFailureIsAGeneric502WithItsStatus() {
        GatewayException e = rejected(500, Map.of("error", Map.of("message", "boom")));
        assertEquals(502, e.status());
        assertEquals("upstream_error", e.code());
        assertEquals("Upstream 'mock' failed with status 500: boom", e.getMessage());
        GatewayException noStatus = rejected(0, Map.of());
        assertEquals("upstream_error", noStatus.code());
        assertEquals("Upstream 'mock' failed: status 0", noStatus.getMessage());
    }

    @Test
    void theUpstreamsClientErrorsKeepTheirStatusTypeAndParam() {
        GatewayException e = rejected(422, Map.of("error", Map.of("message", "bad temperature",
                "type", "invalid_request_error", "param", "temperature", "code", "out_of_range")));
        assertEquals(422, e.status());
        assertEquals("invalid_request_error", e.type());
        assertEquals("temperature", e.param());
        assertEquals("out_of_range", e.code());
        assertEquals("bad temperature", e.getMessage());
        GatewayException oddType = rejected(400, Map.of("error", Map.of("message", "x", "type", "Not A Type!")));
        assertEquals("invalid_request_error", oddType.type());
    }

    /**
     * Servers that are not OpenAI send {@code {"error":"text"}} (Ollama), {@code {"detail":...}} (FastAPI-based) or
     * {@code {"message":...}}: their text reaches the client, under the type its status calls for, whoever handed
     * the body over as it came (a provider plugin, or the host's checks of a passed-through answer).
     */
    @Test
    void otherServersErrorShapesReachTheClientTypedByStatus() {
        GatewayException notFound = rejected(404, Map.of("error", "model 'llama9' not found"));
        assertEquals(404, notFound.status());
        assertEquals("invalid_request_error", notFound.type());
        assertEquals("model 'llama9' not found", notFound.getMessage());

        GatewayException invalid = rejected(400, Map.of("detail", "temperature must be at most 2"));
        assertEquals(400, invalid.status());
        assertEquals("invalid_request_error", invalid.type());
        assertEquals("temperature must be at most 2", invalid.getMessage());

        GatewayException limited = rejected(429, Map.of("message", "too many requests"));
        assertEquals("rate_limit_error", limited.type());
        assertTrue(limited.getMessage().endsWith(": too many requests"), limited.getMessage());

        GatewayException failed = rejected(503, Map.of("detail", "overloaded"));
        assertEquals(502, failed.status());
        assertEquals("api_error", failed.type());
        assertTrue(failed.getMessage().endsWith(": overloaded"), failed.getMessage());

        GatewayException after200 = rejected(0, Map.of("error", "model is loading"));
        assertEquals(502, after200.status());
        assertEquals("api_error", after200.type());
        assertTrue(after200.getMessage().endsWith(": model is loading"), after200.getMessage());
    }

    @Test
    void anUpstream429KeepsItsRetryAfter() {
        GatewayException e = OpenAiErrors.fromUpstream(new UpstreamException(UpstreamException.Kind.REJECTED, 429,
                "slow down", Map.of(), Duration.ofSeconds(7), null), "mock");
        assertEquals(429, e.status());
        assertEquals("upstream_rate_limited", e.code());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
    }

    @Test
    void timeoutsAre504AndTheRestOfTheKinds502() {
        assertEquals(504, OpenAiErrors.fromUpstream(
                new UpstreamException(UpstreamException.Kind.TIMEOUT, "t", null), "mock").status());
        GatewayException unreachable = OpenAiErrors.fromUpstream(
                new UpstreamException(UpstreamException.Kind.UNREACHABLE, "refused", null), "mock");
        assertEquals(502, unreachable.status());
        assertEquals("upstream_unreachable", unreachable.code());
        assertEquals("upstream_stream_dropped", OpenAiErrors.fromUpstream(
                new UpstreamException(UpstreamException.Kind.DROPPED, "x", null), "mock").code());
        assertEquals("upstream_invalid_response", OpenAiErrors.fromUpstream(
                new UpstreamException(UpstreamException.Kind.PROTOCOL, "x", null), "mock").code());
    }

    @Test
    void aSecretInTheUpstreamsMessageNeverReachesTheClient() {
        GatewayException e = rejected(500, Map.of("error", Map.of("message",
                "echo: Authorization: Bearer UPSTREAM-SECRET-123")));
        assertFalse(e.getMessage().contains("UPSTREAM-SECRET-123"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Upstream 'mock' failed with status 500"), e.getMessage());
    }
}
