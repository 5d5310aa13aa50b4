package io.agentgateway.host.agents;

import io.agentgateway.api.agent.Handoff;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A name the model may call in one turn, and what it leads to.
 *
 * @param definition the tool as the model sees it
 * @param provider {@code plugin} (the agent's own code), {@code agent} (an agent tool), {@code gateway} (the tool
 *     registry, which validates, logs and counts its own calls) or {@code handoff}
 * @param handoff the handoff, for provider {@code handoff}
 */
record ToolBinding(ToolDefinition definition, String provider, Handoff handoff) {

    boolean governedByRegistry() {
        return "gateway".equals(provider);
    }

    /** @return the OpenAI {@code tools} array entry */
    Map<String, Object> asOpenAiTool() {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", definition.name());
        function.put("description", definition.description());
        function.put("parameters", definition.parameters());
        return Map.of("type", "function", "function", function);
    }

    static List<Map<String, Object>> openAiTools(Map<String, ToolBinding> bindings) {
        return bindings.values().stream().map(ToolBinding::asOpenAiTool).toList();
    }
}
