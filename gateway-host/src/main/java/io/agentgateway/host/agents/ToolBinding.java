package io.agentgateway.host.agents;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.Handoff;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A name the model of one agent may call, and what a call leads to. Every kind but a handoff is a tool call, run
 * through the gateway's one tool invoker (access rules, validation, timeout, logs, metrics).
 */
sealed interface ToolBinding {

    /** @return the name the model calls */
    String name();

    /** @return what it does, for the model */
    String description();

    /** @return the JSON schema of its arguments */
    Map<String, Object> parameters();

    /** A tool given as code: the agent's own. */
    record Own(ToolDefinition tool) implements DefinedBy {
    }

    /** Agents used as a tool: a call runs them on its {@code input}. */
    record Agents(ToolDefinition tool, List<AgentDefinition> agents) implements DefinedBy {
    }

    /** A tool of the gateway's registry, called there by name. */
    record Gateway(ToolDefinition tool) implements DefinedBy {
    }

    /** Hands the conversation to another agent. */
    record HandoffTo(Handoff handoff) implements ToolBinding {

        private static final Map<String, Object> NO_PARAMETERS = Map.of("type", "object", "properties", Map.of());

        @Override
        public String name() {
            return handoff.toolName();
        }

        @Override
        public String description() {
            return handoff.description();
        }

        @Override
        public Map<String, Object> parameters() {
            return NO_PARAMETERS;
        }
    }

    /** A binding whose name, description and parameters are those of a tool definition. */
    sealed interface DefinedBy extends ToolBinding {

        ToolDefinition tool();

        @Override
        default String name() {
            return tool().name();
        }

        @Override
        default String description() {
            return tool().description();
        }

        @Override
        default Map<String, Object> parameters() {
            return tool().parameters();
        }
    }

    /** @return the OpenAI {@code tools} array entry */
    default Map<String, Object> asOpenAiTool() {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", name());
        function.put("description", description());
        function.put("parameters", parameters());
        return Map.of("type", "function", "function", function);
    }

    static List<Map<String, Object>> openAiTools(Map<String, ToolBinding> bindings) {
        return bindings.values().stream().map(ToolBinding::asOpenAiTool).toList();
    }
}
