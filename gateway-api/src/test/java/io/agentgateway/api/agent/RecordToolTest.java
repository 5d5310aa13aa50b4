package io.agentgateway.api.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentgateway.api.tool.ToolDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordToolTest {

    enum Unit { CELSIUS, FAHRENHEIT }

    record Query(@Description("City name") String city, Optional<Unit> unit, int days, List<String> fields) {
    }

    @Test
    void derivesTheSchemaFromTheRecordComponents() {
        Map<String, Object> schema = RecordTool.schemaOf(Query.class);

        assertEquals("object", schema.get("type"));
        assertEquals(List.of("city", "days", "fields"), schema.get("required"));
        Map<?, ?> properties = (Map<?, ?>) schema.get("properties");
        assertEquals(Map.of("type", "string", "description", "City name"), properties.get("city"));
        assertEquals(Map.of("type", "string", "enum", List.of("CELSIUS", "FAHRENHEIT")), properties.get("unit"));
        assertEquals(Map.of("type", "integer"), properties.get("days"));
        assertEquals(Map.of("type", "array", "items", Map.of("type", "string")), properties.get("fields"));
    }

    @Test
    void callsTheFunctionWithARecordBuiltFromTheArguments() throws Exception {
        ToolDefinition tool = RecordTool.of("forecast", "Forecast", Query.class,
                (query, context) -> query.city() + "/" + query.unit().orElse(Unit.CELSIUS) + "/" + query.days()
                        + "/" + query.fields());

        String result = tool.function().call(
                Map.of("city", "Oslo", "unit", "fahrenheit", "days", 3, "fields", List.of("wind")), null);

        assertEquals("Oslo/FAHRENHEIT/3/[wind]", result);
        assertThrows(IllegalArgumentException.class, () -> tool.function().call(Map.of("city", "Oslo"), null));
    }

    @Test
    void anAgentUsedAsAToolTakesOneInputString() {
        AgentDefinition writer = AgentDefinition.builder("writer").build();

        ToolDefinition tool = writer.asTool("write", "Writes prose");

        assertEquals(AgentTool.PARAMETERS, tool.parameters());
        assertEquals(List.of(writer), ((AgentTool) tool.function()).agents());
        assertThrows(IllegalStateException.class, () -> tool.function().call(Map.of("input", "x"), null));
    }
}
