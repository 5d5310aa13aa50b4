package io.agentgateway.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.host.config.UpstreamEntry;
import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.models.ModelHandler;
import io.agentgateway.host.models.ModelKind;
import io.agentgateway.host.plugins.FoundPlugin;
import io.agentgateway.host.plugins.PluginState;
import io.agentgateway.host.upstreams.UpstreamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StartupBannerTest {

    private static final ModelHandler NO_CALLS = new ModelHandler() {
        @Override
        public Map<String, Object> complete(io.agentgateway.api.upstream.ChatRequest request) {
            throw new AssertionError("not called");
        }

        @Override
        public void stream(io.agentgateway.api.upstream.ChatRequest request,
                io.agentgateway.api.upstream.ChunkSink sink) {
            throw new AssertionError("not called");
        }
    };

    @Test
    void tellsWhatToOpenWhichPluginsRunWhichUpstreamsAnsweredAndTheModels() {
        List<FoundPlugin> plugins = List.of(
                new FoundPlugin("demo", "1.0.0", PluginState.STARTED, null, new GatewayPlugin() { },
                        getClass().getClassLoader(), "demo.jar"),
                new FoundPlugin("broken", null, PluginState.INVALID, "no Plugin-Id in its manifest", null, null,
                        "broken.jar"));
        List<UpstreamStatus> upstreams = List.of(
                status("ollama", "http://localhost:11434/v1", false, "connection refused", Instant.now()),
                status("demo", "in-process", true, null, Instant.now()),
                status("vllm", "http://localhost:8001/v1", true, null, null));
        List<ModelEntry> models = List.of(model("demo/echo", "demo", ModelKind.UPSTREAM),
                model("default/weatheragent", "weather", ModelKind.AGENT));

        String banner = new StartupBanner("http://localhost:8000", true, true, plugins, upstreams, models).render();

        assertEquals("""

                Agent Gateway is serving on http://localhost:8000
                  API      http://localhost:8000/v1   (OpenAI clients: base URL and a key of security.yaml)
                  Docs     http://localhost:8000/docs
                  Console  http://localhost:8000/console   (an admin key)
                Plugins (2)
                  demo                   1.0.0           started
                  broken                 -               invalid: no Plugin-Id in its manifest
                Upstreams (3)
                  demo                   answered, 1 model
                  ollama                 not answering (http://localhost:11434/v1): connection refused
                  vllm                   no answer yet (http://localhost:8001/v1); its listed models are routed
                Models (2)
                  upstream demo/echo
                  agents   default/weatheragent
                """, banner);
    }

    @Test
    void leavesOutWhatIsNotServedAndSummarisesLongModelLists() {
        List<ModelEntry> models = new ArrayList<>();
        IntStream.range(0, 40).forEach(i -> models.add(model("openai/gpt-%02d".formatted(i), "openai",
                ModelKind.UPSTREAM)));

        String banner = new StartupBanner("http://localhost:8000", false, false, List.of(),
                List.of(status("openai", "https://api.openai.com/v1", true, null, Instant.now())), models).render();

        assertFalse(banner.contains("/docs") || banner.contains("/console"), banner);
        assertTrue(banner.contains("  none found in the plugins folder\n"), banner);
        assertTrue(banner.contains("answered, 40 models"), banner);
        assertTrue(banner.contains("openai/gpt-11 and 28 more (GET /v1/models)\n"), banner);
        assertFalse(banner.contains("openai/gpt-12"), banner);
    }

    @Test
    void aGatewayWithoutKeysSaysSoFirst() {
        String keyless = new StartupBanner("http://localhost:8000", false, false, List.of(), List.of(), List.of(),
                true).render();
        assertTrue(keyless.lines().skip(2).findFirst().orElseThrow().contains("WARNING  security.yaml says"
                + " 'auth: none'"), keyless);
        String withKeys = new StartupBanner("http://localhost:8000", false, false, List.of(), List.of(), List.of())
                .render();
        assertFalse(withKeys.contains("auth: none"), withKeys);
    }

    @Test
    void aWildcardBindIsShownAsAnAddressABrowserCanOpen() {
        assertEquals("http://localhost:8000", StartupBanner.baseUrl("0.0.0.0", 8000));
        assertEquals("http://127.0.0.1:9000", StartupBanner.baseUrl("127.0.0.1", 9000));
        assertEquals("http://[::1]:8000", StartupBanner.baseUrl("::1", 8000));
    }

    private static UpstreamStatus status(String name, String baseUrl, boolean healthy, String error, Instant checked) {
        return new UpstreamStatus(new UpstreamEntry("openai-compatible", 0, 0,
                new UpstreamSettings(name, baseUrl, null, Duration.ofSeconds(5), List.of(), Map.of())),
                healthy, error, checked);
    }

    private static ModelEntry model(String id, String owner, ModelKind kind) {
        return new ModelEntry(id, owner, kind, "", Map.of(), NO_CALLS);
    }
}
