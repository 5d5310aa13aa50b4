package io.agentgateway.host.agents;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the {@code agents} list of agents.yaml (name, namespace, display_name, description,
 * upstream, model, instructions, tools, metadata) into agent definitions. A named tool is the registry's tool of
 * that name, looked up when it is called, so tools registered or reloaded later are found.
 */
final class DeclarativeAgents {

    /** The source name declarative agents are owned by. */
    static final String SOURCE = "agents.yaml";

    /**
     * @param agents the definitions read
     * @param problems entries that could not be read, each saying which and why
     */
    record Parsed(List<AgentDefinition> agents, List<String> problems) {
    }

    private DeclarativeAgents() {
    }

    /** @param namedTool the gateway's tool of a name, as agents.yaml names it */
    static Parsed parse(Map<String, Object> file, String defaultNamespace, Function<String, ToolDefinition> namedTool) {
        List<AgentDefinition> agents = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Object list = file.getOrDefault("agents", List.of());
        if (!(list instanceof List<?> entries)) {
            problems.add("agents.yaml: 'agents' must be a list");
            return new Parsed(agents, problems);
        }
        for (int i = 0; i < entries.size(); i++) {
            try {
                agents.add(parseOne(entries.get(i), defaultNamespace, namedTool));
            } catch (IllegalArgumentException e) {
                problems.add("agents.yaml: agents[" + i + "]: " + e.getMessage());
            }
        }
        return new Parsed(agents, problems);
    }

    @SuppressWarnings("unchecked")
    private static AgentDefinition parseOne(Object entry, String defaultNamespace,
            Function<String, ToolDefinition> namedTool) {
        if (!(entry instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("must be a mapping");
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        String name = text(map, "name");
        if (name == null) {
            throw new IllegalArgumentException("'name' is required");
        }
        String namespace = text(map, "namespace");
        AgentDefinition.Builder builder = AgentDefinition.builder(name)
                .namespace(namespace == null ? defaultNamespace : namespace)
                .description(text(map, "description"))
                .instructions(text(map, "instructions"))
                .upstream(text(map, "upstream"))
                .model(text(map, "model"));
        Object tools = map.getOrDefault("tools", List.of());
        if (!(tools instanceof List<?> names)) {
            throw new IllegalArgumentException("'tools' must be a list of tool names");
        }
        for (Object tool : names) {
            builder.tool(namedTool.apply(String.valueOf(tool)));
        }
        Object metadata = map.getOrDefault("metadata", Map.of());
        if (!(metadata instanceof Map<?, ?> values)) {
            throw new IllegalArgumentException("'metadata' must be a mapping");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(String.valueOf(k), v);
            }
        });
        String displayName = text(map, "display_name");
        if (displayName != null) {
            copy.putIfAbsent("display_name", displayName);
        }
        copy.forEach(builder::metadata);
        AgentDefinition agent = builder.build();
        Policies.effective(agent); // fail at load, not at the first request, on a malformed limit
        return agent;
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).trim();
    }
}
