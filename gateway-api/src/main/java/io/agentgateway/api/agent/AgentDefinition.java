package io.agentgateway.api.agent;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.tool.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent: what it is told, which model it runs on, and which tools it may use. Immutable; build one with
 * {@link #builder(String)}.
 *
 * @param name the agent's name; its model id is {@code <namespace>/<slug of name>}
 * @param namespace the namespace, or null for the gateway's default namespace
 * @param description shown in {@code /v1/models}
 * @param instructions the system prompt
 * @param upstream the upstream entry name it runs on, or null for the gateway default
 * @param model the upstream model name, or null for the gateway default
 * @param tools the tools the model may call
 * @param metadata free-form data shown in {@code /v1/models}; also read for execution limits
 *     ({@code max_tool_hops}, {@code max_completion_tokens}, {@code tool_choice})
 */
public record AgentDefinition(
        String name,
        String namespace,
        String description,
        String instructions,
        String upstream,
        String model,
        List<ToolDefinition> tools,
        Map<String, Object> metadata) {

    public AgentDefinition {
        requireNonNull(name, "name is null");
        description = description == null ? "" : description;
        instructions = instructions == null ? "" : instructions;
        tools = List.copyOf(tools);
        metadata = Map.copyOf(metadata);
    }

    /**
     * @param name the agent's name
     * @return a builder with no tools and no metadata
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds an {@link AgentDefinition}. */
    public static final class Builder {
        private final String name;
        private String namespace;
        private String description;
        private String instructions;
        private String upstream;
        private String model;
        private final List<ToolDefinition> tools = new ArrayList<>();
        private final Map<String, Object> metadata = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = requireNonNull(name, "name is null");
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder instructions(String instructions) {
            this.instructions = instructions;
            return this;
        }

        public Builder upstream(String upstream) {
            this.upstream = upstream;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder tool(ToolDefinition tool) {
            tools.add(requireNonNull(tool, "tool is null"));
            return this;
        }

        public Builder metadata(String key, Object value) {
            metadata.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }

        public AgentDefinition build() {
            return new AgentDefinition(name, namespace, description, instructions, upstream, model, tools, metadata);
        }
    }
}
