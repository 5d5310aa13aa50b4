package io.agentgateway.host.agents;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An agent the gateway serves.
 *
 * @param id its model id, {@code <namespace>/<name>}
 * @param source the plugin id that contributed it, or {@code agents.yaml}
 * @param kind where it was defined
 * @param definition the agent
 */
public record RegisteredAgent(String id, String source, AgentKind kind, AgentDefinition definition) {

    /** @return the admin view, with the fields clients of {@code GET /agents} rely on (docs/origins.md) */
    public Map<String, Object> describe(AgentDefaults defaults) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", definition.name());
        out.put("namespace", id.substring(0, id.indexOf('/')));
        out.put("qualified_name", id);
        out.put("display_name", definition.metadata().getOrDefault("display_name", definition.name()));
        out.put("kind", kind.label());
        out.put("source", source);
        out.put("model", definition.model() != null ? definition.model() : defaults.model());
        out.put("upstream", definition.upstream() != null ? definition.upstream() : defaults.upstream());
        out.put("description", definition.description());
        out.put("tools", definition.tools().stream().map(ToolDefinition::name).toList());
        out.put("metadata", definition.metadata());
        out.put("status", "ready");
        out.put("error", null);
        return out;
    }
}
