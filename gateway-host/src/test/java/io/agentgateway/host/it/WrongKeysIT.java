package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guessing keys (issue 11, item 5: 7,800 wrong keys in a row were answered at full speed): after
 * GATEWAY_AUTH_MAX_FAILURES wrong keys in a row an address is refused with 429 and Retry-After, even with a right
 * key, until GATEWAY_AUTH_LOCKOUT_SECONDS have passed.
 */
class WrongKeysIT {

    @TempDir
    static Path configDir;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start(configDir, "upstreams: []\n", Map.of(
                "GATEWAY_AUTH_MAX_FAILURES", "5", "GATEWAY_AUTH_LOCKOUT_SECONDS", "120"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void anAddressThatKeepsSendingWrongKeysIsRefusedForAWhile() throws Exception {
        // A right key between wrong ones starts the count again.
        for (int i = 0; i < 4; i++) {
            assertEquals(401, gateway.get("/v1/models", "guess-" + i).statusCode());
        }
        assertEquals(200, gateway.get("/v1/models", RunningGateway.KEY).statusCode());
        for (int i = 0; i < 4; i++) {
            assertEquals(401, gateway.get("/v1/models", "guess-" + i).statusCode());
        }
        assertEquals(401, gateway.get("/v1/models", "guess-5").statusCode(), "the fifth in a row is still checked");

        HttpResponse<String> refused = gateway.get("/v1/models", "guess-6");
        assertEquals(429, refused.statusCode());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 100 && retryAfter <= 120, "Retry-After " + retryAfter);
        assertTrue(refused.body().contains("\"code\":\"too_many_wrong_keys\""), refused.body());
        assertEquals(429, gateway.get("/v1/models", RunningGateway.KEY).statusCode(),
                "during the refusal a right key looks no different");
        assertEquals(200, gateway.get("/health", null).statusCode(), "what needs no key is still served");
    }
}
