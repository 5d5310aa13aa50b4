package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.host.ScriptedUpstream;
import io.agentgateway.host.agents.AgentEngine;
import io.agentgateway.host.agents.AgentRegistry;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.models.ModelHandler;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.routing.Routes;
import io.agentgateway.host.security.ToolAccessRules;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin's agent across a replacement of the plugin: a request that found the agent just before the swap, and
 * reaches it only after the old version has drained, is answered by the new version instead of being refused; a
 * request under way keeps its version, which holds the drain until it ends.
 */
class LiveAgentVersionsTest {

    private static final String PLUGIN = "agents-test";
    private static final String AGENT_ID = "default/helper";

    private final ScriptedUpstream upstream = new ScriptedUpstream();
    private final ModelCatalog catalog = new ModelCatalog();
    private final AgentRegistry registry;
    private final List<PluginClassLoader> loaders = new CopyOnWriteArrayList<>();

    LiveAgentVersionsTest() {
        MeterRegistry meters = Services.get(MeterRegistry.class);
        UpstreamRegistry upstreams = new UpstreamRegistry();
        upstreams.put("mock", upstream);
        ToolManager tools = new ToolManager(Map::of, ToolAccessRules.ALLOW_ALL, meters);
        Map<String, String> env = Map.of("GATEWAY_DEFAULT_UPSTREAM", "mock", "GATEWAY_DEFAULT_MODEL", "m");
        registry = new AgentRegistry(new AgentEngine(tools, meters), Routes.of(upstreams), tools, catalog, env::get);
    }

    @AfterEach
    void closeLoaders() throws Exception {
        for (PluginClassLoader loader : loaders) {
            loader.close();
        }
    }

    @Test
    void aRequestThatFoundTheAgentBeforeItsPluginWasReplacedIsAnsweredByTheNewVersion() throws Exception {
        PluginClassLoader v1 = version("v1");
        ModelHandler foundBeforeTheSwap = handler();
        version("v2");
        assertTrue(v1.inFlight().close(Duration.ZERO), "nothing held the old version");
        upstream.answer("complete").answer("stream");

        try (PluginLeases.Scope request = PluginLeases.open()) {
            foundBeforeTheSwap.complete(request(false));
        }
        List<Map<String, Object>> chunks = new CopyOnWriteArrayList<>();
        try (PluginLeases.Scope request = PluginLeases.open()) {
            foundBeforeTheSwap.stream(request(true), chunks::add);
        }

        assertEquals(List.of("v2 instructions", "v2 instructions"),
                upstream.requests.stream().map(LiveAgentVersionsTest::systemMessage).toList());
        assertFalse(chunks.isEmpty());
    }

    @Test
    void aRequestUnderWayKeepsItsVersionAndTheDrainWaitsForIt() throws Exception {
        PluginClassLoader v1 = version("v1");
        ModelHandler found = handler();
        upstream.answer("first").answer("second");

        try (PluginLeases.Scope request = PluginLeases.open()) {
            found.complete(request(false));
            version("v2");
            assertFalse(v1.inFlight().close(Duration.ofMillis(50)), "the request under way holds the old version");
            found.complete(request(false)); // a second turn of the same request, as a tool loop makes
        }
        assertTrue(v1.inFlight().close(Duration.ZERO), "the request's end lets the old version drain");
        assertEquals(List.of("v1 instructions", "v1 instructions"),
                upstream.requests.stream().map(LiveAgentVersionsTest::systemMessage).toList());
    }

    @Test
    void aRemovedPluginsAgentTellsTheClientToSendTheRequestAgain() throws Exception {
        PluginClassLoader v1 = version("v1");
        ModelHandler foundBeforeTheRemoval = handler();
        registry.unregister(PLUGIN);
        v1.inFlight().close(Duration.ZERO);

        GatewayException refused;
        try (PluginLeases.Scope request = PluginLeases.open()) {
            refused = assertThrows(GatewayException.class, () -> foundBeforeTheRemoval.complete(request(false)));
        }
        assertEquals(503, refused.status());
        assertEquals("plugin_unavailable", refused.code());
        assertTrue(upstream.requests.isEmpty(), "no model call was made");
    }

    /** Loads a version of the plugin whose agent's instructions name it, in place of the one before. */
    private PluginClassLoader version(String name) {
        PluginClassLoader loader = new PluginClassLoader(PLUGIN, new URL[0], getClass().getClassLoader());
        loaders.add(loader);
        assertEquals(List.of(), registry.register(PLUGIN, loader,
                List.of(AgentDefinition.builder("Helper").instructions(name + " instructions").build())));
        return loader;
    }

    private ModelHandler handler() {
        return catalog.find(AGENT_ID).orElseThrow().handler();
    }

    private static ChatRequest request(boolean stream) {
        return new ChatRequest(Map.of("model", AGENT_ID, "stream", stream,
                "messages", List.of(Map.of("role", "user", "content", "hi"))), "req-1", Cancellation.NONE);
    }

    private static Object systemMessage(Map<String, Object> upstreamBody) {
        return ((Map<?, ?>) ((List<?>) upstreamBody.get("messages")).getFirst()).get("content");
    }
}
