package io.agentgateway.host.agents;

import static io.agentgateway.host.ScriptedUpstream.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.host.ScriptedUpstream;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.models.ModelKind;
import io.agentgateway.host.security.ToolAccessRules;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.routing.Routes;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgentRegistryTest {

    private static final ClassLoader HOST_CODE = AgentRegistryTest.class.getClassLoader();

    private final ScriptedUpstream upstream = new ScriptedUpstream();
    private final ToolManager tools = new ToolManager(Map::of, ToolAccessRules.ALLOW_ALL, RuntimeFixture.METERS);
    private final ModelCatalog catalog = new ModelCatalog();
    private final AgentRegistry registry;

    AgentRegistryTest() {
        UpstreamRegistry upstreams = new UpstreamRegistry();
        upstreams.put("ollama", upstream);
        Map<String, String> env = Map.of("GATEWAY_DEFAULT_UPSTREAM", "unused", "GATEWAY_DEFAULT_MODEL", "env-model");
        registry = new AgentRegistry(new AgentEngine(tools, RuntimeFixture.METERS), Routes.of(upstreams), tools, catalog,
                env::get);
    }

    private static Map<String, Object> agentsYaml() {
        return Map.of("version", 1,
                "defaults", Map.of("namespace", "default", "upstream", "ollama"),
                "agents", List.of(Map.of(
                        "name", "Assistant", "display_name", "Assistant", "description", "General helper",
                        "instructions", "You are a helpful assistant.", "tools", List.of("http_echo"),
                        "metadata", Map.of("max_tool_hops", 4, "max_completion_tokens", 512,
                                "tool_choice", "auto"))));
    }

    @Test
    void pluginAgentsAreListedAsModelsUnderTheReferenceSlug() {
        List<String> problems = registry.register("weather", HOST_CODE,
                List.of(AgentDefinition.builder("WeatherAgent").description("Weather").build()));

        assertEquals(List.of(), problems);
        ModelEntry entry = catalog.find("default/weatheragent").orElseThrow();
        assertEquals(ModelKind.AGENT, entry.kind());
        assertEquals("weather", entry.ownedBy());
        assertEquals("Weather", entry.description());
        assertEquals(entry, catalog.find("weatheragent").orElseThrow());
        assertEquals("labs/my-agent-2", AgentIds.id("Labs", "My Agent.2"));
    }

    @Test
    void declarativeAgentsRunWithRegistryToolsAndFileDefaults() throws Exception {
        tools.registerPluginTools("echo-plugin", List.of(
                new ToolDefinition("http_echo", "echo", null, (args, ctx) -> "echo:" + args.get("text"))));
        assertEquals(List.of(), registry.loadDeclarative(agentsYaml()));
        upstream.toolCalls(call("c1", "http_echo", "{\"text\":\"hi\"}")).answer("done");

        Map<String, Object> response = catalog.find("default/assistant").orElseThrow().handler().complete(
                new ChatRequest(Map.of("model", "default/assistant",
                        "messages", List.of(Map.of("role", "user", "content", "echo hi"))), "r", 
                        io.agentgateway.api.Cancellation.NONE));

        Map<String, Object> first = upstream.requests.get(0);
        assertEquals("env-model", first.get("model"));
        assertEquals(512, first.get("max_completion_tokens"));
        assertEquals("auto", first.get("tool_choice"));
        List<?> messages = (List<?>) upstream.requests.get(1).get("messages");
        assertEquals("echo:hi", ((Map<?, ?>) messages.get(messages.size() - 1)).get("content"));
        assertEquals("default/assistant", ((Map<?, ?>) response.get("agent_run")).get("answered_by"));
        Map<?, ?> choice = (Map<?, ?>) ((List<?>) response.get("choices")).get(0);
        assertEquals("done", ((Map<?, ?>) choice.get("message")).get("content"));
        assertEquals(4, catalog.find("default/assistant").orElseThrow().metadata().get("max_tool_hops"));
    }

    @Test
    void anIdClashIsReportedAndTheFirstAgentKeepsTheId() {
        registry.loadDeclarative(agentsYaml());

        List<String> problems = registry.register("my-plugin", HOST_CODE,
                List.of(AgentDefinition.builder("assistant").build()));

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("default/assistant") && problems.get(0).contains("agents.yaml"),
                problems.get(0));
        assertEquals("agents.yaml", catalog.find("default/assistant").orElseThrow().ownedBy());
        assertEquals(problems.get(0), registry.errors().get(0).message());
    }

    @Test
    void reloadingAgentsYamlReplacesItsAgentsAndReportsBadEntries() {
        registry.loadDeclarative(agentsYaml());

        List<String> problems = registry.loadDeclarative(Map.of("agents", List.of(
                Map.of("name", "Second"), Map.of("description", "no name"))));

        assertTrue(catalog.find("default/assistant").isEmpty());
        assertTrue(catalog.find("default/second").isPresent());
        assertEquals(List.of("agents.yaml: agents[1]: 'name' is required"), problems);
    }

    @Test
    void aPluginAgentReplacedUnderLoadIsNeverMissing() throws Exception {
        registry.register("weather", HOST_CODE, List.of(AgentDefinition.builder("WeatherAgent").build()));
        AtomicInteger missing = new AtomicInteger();
        AtomicBoolean replacing = new AtomicBoolean(true);
        Thread reader = Thread.ofPlatform().start(() -> {
            while (replacing.get()) {
                if (catalog.find("default/weatheragent").isEmpty()) {
                    missing.incrementAndGet();
                }
            }
        });

        for (int version = 0; version < 2_000; version++) {
            registry.register("weather", HOST_CODE, List.of(AgentDefinition.builder("WeatherAgent").build()));
        }
        replacing.set(false);
        reader.join();

        assertEquals(0, missing.get(), "lookups that found the agent missing while its plugin was replaced");
        assertEquals(List.of("default/weatheragent"), registry.agents().stream().map(RegisteredAgent::id).toList());
    }

    @Test
    void twoAgentsOfOnePluginWithTheSameIdKeepTheFirst() {
        List<String> problems = registry.register("weather", HOST_CODE, List.of(
                AgentDefinition.builder("WeatherAgent").description("first").build(),
                AgentDefinition.builder("WeatherAgent").description("second").build()));

        assertEquals(1, problems.size(), problems.toString());
        assertEquals("first", catalog.find("default/weatheragent").orElseThrow().description());
        assertEquals(1, registry.agents().size());
    }

    @Test
    void unregisteringRemovesOnlyThatSourcesAgents() {
        registry.loadDeclarative(agentsYaml());
        registry.register("weather", HOST_CODE, List.of(AgentDefinition.builder("WeatherAgent").build()));

        registry.unregister("weather");

        assertTrue(catalog.find("default/weatheragent").isEmpty());
        assertTrue(catalog.find("default/assistant").isPresent());
        assertEquals(List.of("default/assistant"), registry.agents().stream().map(RegisteredAgent::id).toList());
    }

    @Test
    void ofTwoReloadsAtOnceTheOneThatReadLastIsInForceLast() throws Exception {
        CountDownLatch firstHasRead = new CountDownLatch(1);
        CountDownLatch letFirstLoad = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().start(() -> registry.reloadDeclarative(() -> {
            firstHasRead.countDown();
            awaitQuietly(letFirstLoad);
            return Map.of("agents", List.of(Map.of("name", "Older")));
        }));
        firstHasRead.await();
        Thread second = Thread.ofPlatform().start(() -> registry.reloadDeclarative(
                () -> Map.of("agents", List.of(Map.of("name", "Newer")))));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (second.isAlive() && second.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        letFirstLoad.countDown();
        first.join();
        second.join();

        assertTrue(catalog.find("default/newer").isPresent(), "the file as read last is in force");
        assertTrue(catalog.find("default/older").isEmpty());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
