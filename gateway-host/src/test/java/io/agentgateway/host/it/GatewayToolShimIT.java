package io.agentgateway.host.it;

import org.junit.jupiter.api.extension.RegisterExtension;
import static io.agentgateway.host.it.AgentChat.answer;
import static io.agentgateway.host.it.AgentChat.LIMITED_KEY;
import static io.agentgateway.host.it.AgentChat.complete;
import static io.agentgateway.host.it.AgentChat.onlyForbiddenResult;
import static io.agentgateway.host.it.AgentChat.onlyToolLine;
import static io.agentgateway.host.it.AgentChat.scriptToolCallThenAnswer;
import static io.agentgateway.host.it.AgentChat.securityWithLimitedKey;
import static io.agentgateway.host.it.AgentChat.toolResultsSentBack;
import static io.agentgateway.host.it.AgentChat.toolsOffered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgateway.host.it.shim.ShimAgentPlugin;
import io.agentgateway.host.tools.TestCalls.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An agent from a plugin jar that takes a gateway tool through {@code PluginContext.gatewayTool}: its calls are
 * governed, logged and refused like any other tool call. The plugin folder holds the shipped openai-compatible and
 * text-tools plugins and a plugin jar packed from {@link ShimAgentPlugin}.
 */
class GatewayToolShimIT {

    @RegisterExtension
    static final SharedAgentFixture agents = new SharedAgentFixture(configDir -> {
        Path pluginsDir = Files.createDirectories(configDir.resolve("plugins"));
        for (String shipped : List.of("openai-compatible.jar", "text-tools.jar")) {
            Files.copy(Repository.pluginsDist().resolve(shipped), pluginsDir.resolve(shipped));
        }
        ShimPluginJar.write(pluginsDir, "it-shim", ShimAgentPlugin.class);
        return new AgentFixture(configDir, Map.of(
                "GATEWAY_PLUGINS_DIR", pluginsDir.toString(),
                "security.yaml", securityWithLimitedKey("")));
    });

    @Test
    void pluginAgentCallsAGatewayToolThroughTheShim() throws Exception {
        scriptToolCallThenAnswer(agents.mock(), "shim-agent", "word_count", Map.of("text", "through the shim"),
                "Three words.");
        try (LogCapture log = new LogCapture()) {
            JsonNode completion = complete(agents.gateway(),
                    RunningGateway.KEY, "req-shim-ok", "it/shim-agent", "count");

            assertEquals("Three words.", answer(completion));
            assertEquals(List.of("word_count"), toolsOffered(agents.mock(), "shim-agent"));
            assertEquals(List.of("{\"words\":3,\"sentences\":1,\"characters\":16}"),
                    toolResultsSentBack(agents.mock(), "shim-agent"));
            // one line: the registry's, not a second one from the agent loop
            String line = onlyToolLine(log, "req-shim-ok");
            assertTrue(line.contains("\"provider\":\"local\""), line);
            assertTrue(line.contains("\"source\":\"text-tools\""), line);
            assertTrue(line.contains("\"agent\":\"it/shim-agent\""), line);
            assertTrue(line.contains("\"key_id\":\"it\""), line);
            assertTrue(line.contains("\"status\":\"ok\""), line);
        }
    }

    @Test
    void shimCallsAreRefusedForAKeyThatMayNotUseTheTool() throws Exception {
        scriptToolCallThenAnswer(agents.mock(), "shim-agent", "word_count", Map.of("text", "a b"), "Not allowed.");
        try (LogCapture log = new LogCapture()) {
            JsonNode completion = complete(agents.gateway(), LIMITED_KEY, "req-shim-denied", "it/shim-agent", "count");

            assertEquals("Not allowed.", answer(completion));
            onlyForbiddenResult(toolResultsSentBack(agents.mock(), "shim-agent"));
            String line = onlyToolLine(log, "req-shim-denied");
            assertTrue(line.contains("\"status\":\"denied\""), line);
            assertTrue(line.contains("tools_denylist of key 'limited'"), line);
        }
    }
}
