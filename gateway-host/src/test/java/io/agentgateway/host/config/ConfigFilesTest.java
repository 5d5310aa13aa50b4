package io.agentgateway.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.security.ApiKeyStore;
import io.agentgateway.host.security.SecurityConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference project's config shapes, read as its users wrote them. */
class ConfigFilesTest {

    private static final Function<String, String> ENV = Map.of("MY_KEY", "sk-from-env", "HOST", "gpu-box")::get;

    @TempDir
    Path dir;

    @Test
    void upstreamsResolveKeysFromEnvAndKeepProviderOptions() throws Exception {
        Path file = write("upstreams.yaml", """
                upstreams:
                  - name: vllm
                    provider: openai-compatible
                    base_url: http://${HOST}:8001/v1
                    api_key_env: MY_KEY
                    timeout: 2.5
                    retries: 3
                    health_path: /models
                  - name: ollama
                    base_url: ${OLLAMA_URL:-http://localhost:11434/v1}
                    api_key: ${UNSET_VAR}
                    models: [llama3.2]
                """);
        List<UpstreamEntry> entries = UpstreamsConfig.parse(YamlFiles.load(file, ENV), ENV, "upstreams.yaml");
        UpstreamEntry vllm = entries.get(0);
        assertEquals("http://gpu-box:8001/v1", vllm.settings().baseUrl());
        assertEquals("sk-from-env", vllm.settings().apiKey());
        assertEquals(2500, vllm.settings().timeout().toMillis());
        assertEquals(3, vllm.retries());
        assertEquals("/models", vllm.checks().healthPath());
        assertFalse(vllm.settings().options().containsKey("health_path"), "the host checks health, not the provider");
        assertFalse(vllm.settings().options().containsKey("retries"), "the host retries, not the provider");
        assertFalse(vllm.settings().toString().contains("sk-from-env"), "keys stay out of logs");
        UpstreamEntry ollama = entries.get(1);
        assertEquals("openai-compatible", ollama.provider());
        assertEquals("http://localhost:11434/v1", ollama.settings().baseUrl());
        assertNull(ollama.settings().apiKey());
        assertEquals(List.of("llama3.2"), ollama.settings().models());
        assertEquals(1, ollama.retries());
    }

    @Test
    void badUpstreamEntriesNameTheFileAndTheFix() throws Exception {
        // base_url is the provider's business: one answering inside the gateway needs none (see UpstreamSettings)
        Path noUrl = write("u1.yaml", "upstreams:\n  - {name: x, provider: demo}\n");
        assertEquals("", UpstreamsConfig.parse(YamlFiles.load(noUrl, ENV), ENV, "u1.yaml").getFirst().settings()
                .baseUrl());
        Path manyRetries = write("u3.yaml", "upstreams:\n  - {name: x, base_url: 'http://h/v1', retries: 1.5}\n");
        ConfigException retries = assertThrows(ConfigException.class,
                () -> UpstreamsConfig.parse(YamlFiles.load(manyRetries, ENV), ENV, "u3.yaml"));
        assertTrue(retries.getMessage().contains("'retries' must be a whole number from 0 to 10"),
                retries.getMessage());
        Path badLimit = write("u4.yaml", "upstreams:\n  - {name: x, base_url: 'http://h/v1', "
                + "limits: {max_respons_bytes: 10}}\n");
        ConfigException limit = assertThrows(ConfigException.class,
                () -> UpstreamsConfig.parse(YamlFiles.load(badLimit, ENV), ENV, "u4.yaml"));
        assertTrue(limit.getMessage().contains("u4.yaml upstreams[x]: 'limits.max_respons_bytes' is not a known"),
                limit.getMessage());
        Path badProxy = write("u5.yaml", "upstreams:\n  - {name: x, base_url: 'http://h/v1', "
                + "proxy: 'socks5://p:1080'}\n");
        ConfigException proxy = assertThrows(ConfigException.class,
                () -> UpstreamsConfig.parse(YamlFiles.load(badProxy, ENV), ENV, "u5.yaml"));
        assertTrue(proxy.getMessage().contains("'proxy' must be an http://host:port URL or none"),
                proxy.getMessage());
        Path broken = write("u2.yaml", "upstreams: [\n");
        assertThrows(ConfigException.class, () -> YamlFiles.load(broken, ENV));
    }

    @Test
    void aBrokenLineHoldingAKeyIsLocatedButNeverQuoted() throws Exception {
        Path file = write("security.yaml", "api_keys:\n  - id: prod\n    key: sk-LIVE-SECRET: oops\n");
        ConfigException error = assertThrows(ConfigException.class, () -> YamlFiles.load(file, ENV));
        assertFalse(error.getMessage().contains("sk-LIVE-SECRET"), error.getMessage());
        assertTrue(error.getMessage().contains("line 3"), error.getMessage());
    }

    @Test
    void securityKeysPlainHashedExpiringAndAdmin() throws Exception {
        String hash = HexFormat.of().formatHex(ApiKeyStore.sha256("hashed-secret"));
        Path file = write("security.yaml", """
                version: 1
                default:
                  allow_agents: ["default/*"]
                  rate_limit: {per_minute: 60}
                  dropin_module_denylist: ["evil-*"]
                api_keys:
                  - id: dev
                    key: dev-secret
                    admin: true
                  - id: ci
                    hashed_key: %s
                    allow_agents: ["*"]
                    rate_limit: {per_minute: 5}
                    expires_at: 2027-01-01T00:00:00Z
                """.formatted(hash));
        SecurityConfig config = SecurityConfig.parse(YamlFiles.load(file, ENV), null, "security.yaml");
        ApiKeyStore store = new ApiKeyStore(config.keys());
        ApiKey dev = store.find("dev-secret").orElseThrow();
        assertTrue(dev.admin());
        assertEquals(60, dev.ratePerMinute());
        assertTrue(dev.mayUse("default/weatheragent"));
        assertFalse(dev.mayUse("ollama/llama3.2"), "defaults apply to keys that set nothing");
        ApiKey ci = store.find("hashed-secret").orElseThrow();
        assertEquals("ci", ci.id());
        assertFalse(ci.admin());
        assertTrue(ci.expired(Instant.parse("2027-01-01T00:00:00Z")));
        assertFalse(ci.expired(Instant.parse("2026-12-31T23:59:59Z")));
        assertTrue(store.find("nope").isEmpty());
        assertEquals(List.of("*"), config.pluginAllow());
        assertEquals(List.of("evil-*"), config.pluginDeny());
    }

    @Test
    void singleKeyFromTheEnvironmentWhenNoneAreConfigured() {
        SecurityConfig config = SecurityConfig.parse(Map.of(), "only-key", "security.yaml");
        assertTrue(new ApiKeyStore(config.keys()).find("only-key").isPresent());
        ConfigException noKey = assertThrows(ConfigException.class, () -> SecurityConfig.parse(Map.of(), null, "s"));
        assertTrue(noKey.getMessage().contains("write 'auth: none' to run without keys on purpose"),
                noKey.getMessage());
        SecurityConfig open = SecurityConfig.parse(Map.of("auth", "none"), null, "s");
        assertTrue(open.open());
        assertTrue(open.keys().isEmpty());
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
