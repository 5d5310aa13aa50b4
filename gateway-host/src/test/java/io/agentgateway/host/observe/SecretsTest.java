package io.agentgateway.host.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void knownSecretsAreRedactedWhereverTheyStandAsAWord() {
        Secrets.register("sk-known-upstream-1");
        assertEquals("key [redacted] refused; retry with [redacted].",
                Secrets.redact("key sk-known-upstream-1 refused; retry with sk-known-upstream-1."));
        assertEquals("{\"k\":\"[redacted]\",\"n\":\"x\\n[redacted]\"}",
                Secrets.redact("{\"k\":\"sk-known-upstream-1\",\"n\":\"x\\nsk-known-upstream-1\"}"));
        // a longer word that merely contains it is a different word
        assertEquals("sk-known-upstream-12", Secrets.redact("sk-known-upstream-12"));
    }

    @Test
    void aSecretKnownOnlyByItsHashIsRedactedToo() throws Exception {
        Secrets.registerHash(MessageDigest.getInstance("SHA-256").digest(
                "gw:key/with=punctuation".getBytes(StandardCharsets.UTF_8)));
        assertEquals("presented [redacted] twice", Secrets.redact("presented gw:key/with=punctuation twice"));
    }

    @Test
    void credentialValuesAreRedactedEvenWhenUnknown() {
        assertEquals("Authorization: Bearer [redacted]\nX-Api-Key: [redacted]",
                Secrets.redact("Authorization: Bearer abc.def-123\nX-Api-Key: k-999"));
        assertEquals("{\"api_key\": \"[redacted]\", \"password\":\"[redacted]\"}",
                Secrets.redact("{\"api_key\": \"plain-1\", \"password\":\"hunter2\"}"));
        assertEquals("used Basic [redacted] here", Secrets.redact("used Basic dXNlcjpwYXNz here"));
        assertEquals("max_tokens: 5 is too many", Secrets.redact("max_tokens: 5 is too many"));
    }

    @Test
    void clientsGetOneShortLineAndNothingOfAnEchoOfHeaders() {
        assertEquals("", Secrets.forClient("bad request\nHost: api.example\nUser-Agent: x"));
        assertEquals("", Secrets.forClient("{Authorization=[Bearer xyz], Accept=[*/*]}"));
        assertEquals("model 'x' does not exist at localhost:8080",
                Secrets.forClient("model 'x'   does not\nexist at localhost:8080"));
        String longText = "a".repeat(1000);
        assertEquals(303, Secrets.forClient(longText).length());
        assertFalse(Secrets.forClient("token=abc123 expired").contains("abc123"));
        assertEquals("", Secrets.forClient(null));
    }
}
