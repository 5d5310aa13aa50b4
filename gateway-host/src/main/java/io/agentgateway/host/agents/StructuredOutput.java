package io.agentgateway.host.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentgateway.api.agent.OutputType;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.json.JsonSchemaCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validates a structured answer against its {@link OutputType} and phrases the correction sent back on failure. */
final class StructuredOutput {

    private StructuredOutput() {
    }

    /**
     * @param valid whether the answer conforms
     * @param normalized the answer as compact JSON text, when valid
     * @param problems what is wrong, when not
     */
    record Check(boolean valid, String normalized, String problems) {
    }

    /** @return the OpenAI {@code response_format} for an output type */
    static Map<String, Object> responseFormat(OutputType type) {
        Map<String, Object> jsonSchema = new LinkedHashMap<>();
        jsonSchema.put("name", type.name());
        jsonSchema.put("schema", type.schema());
        jsonSchema.put("strict", type.strict());
        return Map.of("type", "json_schema", "json_schema", jsonSchema);
    }

    static Check check(String answer, OutputType type) {
        Object value;
        try {
            value = Json.MAPPER.readValue(stripFences(answer), Object.class);
        } catch (JsonProcessingException e) {
            return new Check(false, null, "the answer is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        List<String> violations = JsonSchemaCheck.violations(value, type.schema());
        if (!violations.isEmpty()) {
            return new Check(false, null, String.join("; ", violations));
        }
        return new Check(true, Json.write(value), "");
    }

    /** @return the user message asking the model to answer again within the schema */
    static Map<String, Object> correction(String problems) {
        return Map.of("role", "user", "content", "Your answer does not match the required JSON schema: " + problems
                + ". Answer again with only a JSON value that matches the schema, without any other text.");
    }

    /** Many models wrap JSON in a Markdown code fence even when asked not to. */
    private static String stripFences(String answer) {
        String text = answer.strip();
        if (text.startsWith("```")) {
            int firstLineEnd = text.indexOf('\n');
            int closing = text.lastIndexOf("```");
            if (firstLineEnd > 0 && closing > firstLineEnd) {
                return text.substring(firstLineEnd + 1, closing).strip();
            }
        }
        return text;
    }
}
