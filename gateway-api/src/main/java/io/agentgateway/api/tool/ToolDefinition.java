package io.agentgateway.api.tool;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A tool as models see it, and the function that runs it.
 *
 * @param name unique within the gateway; {@code [a-zA-Z0-9_-]{1,64}}, as OpenAI function names
 * @param description what the tool does, for the model
 * @param parameters the JSON schema of the arguments object, e.g. {@code {"type":"object","properties":{...}}}
 * @param function what runs when the tool is called
 */
public record ToolDefinition(String name, String description, Map<String, Object> parameters, ToolFunction function) {

    public ToolDefinition {
        requireNonNull(name, "name is null");
        if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("tool name '" + name + "' must match [a-zA-Z0-9_-]{1,64}");
        }
        description = description == null ? "" : description;
        parameters = parameters == null ? Map.of("type", "object", "properties", Map.of()) : parameters;
        requireNonNull(function, "function is null");
    }
}
