package io.agentgateway.host.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one validator names each violation with its path, for tool arguments and structured answers alike. */
class JsonSchemaCheckTest {

    private static final Map<String, Object> REPORT = Map.of("type", "object",
            "properties", Map.of(
                    "title", Map.of("type", "string", "minLength", 1),
                    "confidence", Map.of("type", "number", "minimum", 0, "maximum", 1),
                    "findings", Map.of("type", "array", "items", Map.of("type", "string")),
                    "level", Map.of("type", "string", "enum", List.of("low", "high"))),
            "required", List.of("title", "findings"),
            "additionalProperties", false);

    @Test
    void acceptsAConformingValue() {
        assertEquals(List.of(), JsonSchemaCheck.violations(
                Map.of("title", "T", "confidence", 0.5, "findings", List.of("a"), "level", "low"), REPORT));
    }

    @Test
    void namesEachViolationWithItsPath() {
        List<String> violations = JsonSchemaCheck.violations(
                Map.of("title", "", "confidence", 2, "findings", List.of(1), "level", "mid", "extra", true), REPORT);

        assertEquals(5, violations.size(), violations.toString());
        assertEquals(true, violations.contains("$.findings[0]: integer found, string expected"), violations.toString());
        assertEquals(true, violations.contains("$: property 'extra' is not defined in the schema and the schema does not"
                + " allow additional properties"), violations.toString());
    }

    @Test
    void reportsMissingRequiredPropertiesAndWrongTopLevelTypes() {
        assertEquals(List.of("$: required property 'title' not found", "$: required property 'findings' not found"),
                JsonSchemaCheck.violations(Map.of(), REPORT));
        assertEquals(List.of("$: string found, object expected"), JsonSchemaCheck.violations("text", REPORT));
    }
}
