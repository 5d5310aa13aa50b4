package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.tools.TestCalls.LogCapture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream whose error body repeats the request's headers, or the key it was sent, through the real gateway and
 * openai-compatible plugin: the client gets the status and a short message, never the gateway's key for that
 * upstream; the operator's debug log gets the whole body with the key redacted.
 */
class UpstreamSecretsIT {

    private static final String UPSTREAM_KEY = "UPSTREAM-SECRET-7f3a91c2";

    @TempDir
    static Path configDir;
    private static MockUpstreamProcess mock;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstreamProcess.start();
        gateway = RunningGateway.start(configDir, """
                upstreams:
                  - name: echoing
                    provider: openai-compatible
                    base_url: %s
                    api_key: %s
                    timeout: 3
                    retries: 0
                    models: [echo-headers-500, echo-headers-400, echo-key-500, echo-key-400]
                """.formatted(mock.baseUrl(), UPSTREAM_KEY), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        mock.close();
    }

    @Test
    void anUpstreamErrorThatEchoesHeadersKeepsItsStatusButNotOurKey() throws Exception {
        for (boolean stream : List.of(false, true)) {
            HttpResponse<String> failed = chat("echoing/echo-headers-500", stream);
            assertEquals(502, failed.statusCode(), failed.body());
            assertFalse(failed.body().contains(UPSTREAM_KEY), failed.body());
            assertFalse(failed.body().toLowerCase(java.util.Locale.ROOT).contains("authorization"), failed.body());
            assertTrue(failed.body().contains("failed with status 500"), failed.body());

            HttpResponse<String> refused = chat("echoing/echo-headers-400", stream);
            assertEquals(400, refused.statusCode(), refused.body());
            assertFalse(refused.body().contains(UPSTREAM_KEY), refused.body());
            assertTrue(refused.body().contains("status 400"), refused.body());
        }
    }

    @Test
    void anUpstreamErrorThatNamesOurKeyShowsItRedacted() throws Exception {
        HttpResponse<String> failed = chat("echoing/echo-key-500", false);
        assertEquals(502, failed.statusCode(), failed.body());
        assertFalse(failed.body().contains(UPSTREAM_KEY), failed.body());
        assertTrue(failed.body().contains("the key [redacted] is not valid"), failed.body());

        HttpResponse<String> refused = chat("echoing/echo-key-400", false);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("the key [redacted] is not valid"), refused.body());
    }

    @Test
    void theDebugLogHasTheWholeBodyWithTheKeyRedacted() throws Exception {
        Logger logger = Logger.getLogger("agent-gateway");
        Level before = logger.getLevel();
        logger.setLevel(Level.FINE);
        try (LogCapture log = new LogCapture()) {
            chat("echoing/echo-headers-500", false);
            String body = String.join("\n", log.lines("upstream.error_body"));
            assertTrue(body.contains("Authorization: Bearer [redacted]"), body);
            assertFalse(body.contains(UPSTREAM_KEY), body);
            String warning = String.join("\n", log.lines("upstream.error"));
            assertFalse(warning.isEmpty() || warning.contains(UPSTREAM_KEY), warning);
        } finally {
            logger.setLevel(before);
        }
    }

    private static HttpResponse<String> chat(String model, boolean stream) throws Exception {
        return gateway.chat(RunningGateway.KEY, """
                {"model":"%s","stream":%s,"messages":[{"role":"user","content":"hi"}]}""".formatted(model, stream));
    }
}
