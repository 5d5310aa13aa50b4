package io.agentgateway.host.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Responses API's tools, tool choice and output format, in their chat completions form. */
final class ResponsesTools {

    private ResponsesTools() {
    }

    /** {@code {type: function, name, description, parameters, strict}} becomes {@code {type: function, function}}. */
    static List<Map<String, Object>> chatTools(List<?> tools) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            String where = "tools[" + i + "]";
            if (!(tools.get(i) instanceof Map<?, ?> tool)) {
                throw GatewayException.badRequest(where, where + " must be an object.");
            }
            if (!"function".equals(tool.get("type"))) {
                throw GatewayException.badRequest(where + ".type", "Tools of type '" + tool.get("type")
                        + "' are not supported by this gateway; only 'function' tools are (the gateway's own tools"
                        + " run inside its agents).");
            }
            if (!(tool.get("name") instanceof String name) || name.isBlank()) {
                throw GatewayException.badRequest(where + ".name", where + ".name must be a non-empty string.");
            }
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", name);
            for (String field : List.of("description", "parameters", "strict")) {
                if (tool.get(field) != null) {
                    function.put(field, tool.get(field));
                }
            }
            out.add(Map.of("type", "function", "function", function));
        }
        return out;
    }

    static Object chatToolChoice(Object choice) {
        if (choice instanceof String mode && List.of("auto", "none", "required").contains(mode)) {
            return mode;
        }
        if (choice instanceof Map<?, ?> forced && "function".equals(forced.get("type"))
                && forced.get("name") instanceof String name) {
            return Map.of("type", "function", "function", Map.of("name", name));
        }
        throw GatewayException.badRequest("tool_choice", "'tool_choice' must be 'auto', 'none', 'required' or"
                + " {\"type\": \"function\", \"name\": \"...\"}.");
    }

    /** {@code text.format}: plain text needs nothing; a JSON schema moves its fields under {@code json_schema}. */
    static Optional<Map<String, Object>> responseFormat(Object format) {
        if (!(format instanceof Map<?, ?> f) || !(f.get("type") instanceof String type)) {
            throw GatewayException.badRequest("text.format", "'text.format' must be an object with a 'type'.");
        }
        return switch (type) {
            case "text" -> Optional.empty();
            case "json_object" -> Optional.of(Map.of("type", "json_object"));
            case "json_schema" -> {
                if (!(f.get("name") instanceof String name) || name.isBlank()) {
                    throw GatewayException.badRequest("text.format.name", "'text.format.name' is required for a"
                            + " json_schema format.");
                }
                if (!(f.get("schema") instanceof Map<?, ?> schema)) {
                    throw GatewayException.badRequest("text.format.schema", "'text.format.schema' must be a JSON"
                            + " Schema object.");
                }
                Map<String, Object> jsonSchema = new LinkedHashMap<>();
                jsonSchema.put("name", name);
                jsonSchema.put("schema", schema);
                for (String field : List.of("strict", "description")) {
                    if (f.get(field) != null) {
                        jsonSchema.put(field, f.get(field));
                    }
                }
                yield Optional.of(Map.of("type", "json_schema", "json_schema", jsonSchema));
            }
            default -> throw GatewayException.badRequest("text.format.type", "'text.format.type' must be 'text',"
                    + " 'json_object' or 'json_schema'.");
        };
    }
}
