package io.agentgateway.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which key a presented secret is, and what that key may do. */
class ApiKeyStoreTest {

    private static ApiKey key(String id, String secret, List<String> agents, Instant expires) {
        return new ApiKey(id, ApiKeyStore.sha256(secret), agents.stream().map(Glob::of).toList(), 0, expires, false);
    }

    private final ApiKeyStore store = new ApiKeyStore(List.of(
            key("first", "s1", List.of("*"), null),
            key("second", "s2", List.of("team/*", "demo"), null),
            key("same-secret", "s1", List.of("*"), null)));

    @Test
    void aSecretFindsItsKeyAndTheFirstWhenTwoShareIt() {
        assertEquals("second", store.find("s2").map(ApiKey::id).orElseThrow());
        assertEquals("first", store.find("s1").map(ApiKey::id).orElseThrow());
        assertEquals(Optional.empty(), store.find("s3"));
        assertEquals(Optional.empty(), store.find(""));
    }

    @Test
    void keysAreFoundByIdAndListedWithoutSecretsInText() {
        assertEquals("second", store.byId("second").map(ApiKey::id).orElseThrow());
        assertEquals(Optional.empty(), store.byId("s2"));
        assertEquals(3, store.keys().size());
        assertEquals("ApiKey[id=second]", store.keys().get(1).toString());
        assertFalse(store.open());
        assertFalse(new ApiKeyStore(List.of()).open(), "no keys is a closed gateway");
        assertTrue(new ApiKeyStore(List.of(), true).open(), "open only when security.yaml says auth: none");
    }

    @Test
    void sha256IsTheHexDigestOperatorsWriteAsHashedKey() {
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                HexFormat.of().formatHex(ApiKeyStore.sha256("hello")));
    }

    @Test
    void aKeyMayUseTheModelsItsGlobsMatchAndSaysWhichDecided() {
        ApiKey second = store.byId("second").orElseThrow();
        assertTrue(second.mayUse("team/writer"));
        assertTrue(second.mayUse("demo"));
        assertFalse(second.mayUse("other/writer"));
        AccessDecision allowed = second.modelAccess("team/writer");
        assertTrue(allowed.allowed());
        assertEquals("model 'team/writer' matches allow_agents 'team/*' of key 'second'", allowed.reason());
        AccessDecision denied = second.modelAccess("other");
        assertFalse(denied.allowed());
        assertEquals("model 'other' matches none of allow_agents [team/*, demo] of key 'second'", denied.reason());
    }

    @Test
    void aKeyExpiresAtItsInstantNotBefore() {
        Instant at = Instant.parse("2026-06-01T00:00:00Z");
        ApiKey lapsing = key("k", "s", List.of("*"), at);
        assertFalse(lapsing.expired(at.minusMillis(1)));
        assertTrue(lapsing.expired(at));
        assertTrue(lapsing.expired(at.plusSeconds(1)));
        assertFalse(key("k", "s", List.of("*"), null).expired(Instant.MAX));
    }
}
