package io.agentgateway.host.it.shim;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.List;

/**
 * A plugin agent that owns no tool of its own: it takes the gateway's {@code word_count} through the gateway-tool
 * shim. Packed into a plugin jar at test time, so the real plugin loader loads it.
 */
public final class ShimAgentPlugin implements GatewayPlugin {

    @Override
    public List<AgentDefinition> agents(PluginContext context) {
        ToolDefinition wordCount = context.gatewayTool("word_count")
                .orElseThrow(() -> new IllegalStateException("the gateway has no word_count tool"));
        return List.of(AgentDefinition.builder("shim-agent")
                .namespace("it")
                .instructions("Count words with word_count.")
                .upstream("mock")
                .model("shim-agent")
                .tool(wordCount)
                .build());
    }
}
