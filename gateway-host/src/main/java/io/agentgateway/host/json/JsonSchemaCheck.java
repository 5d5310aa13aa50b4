package io.agentgateway.host.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host's one JSON Schema validator, for tool arguments and structured answers alike: a value (maps, lists,
 * strings, numbers, booleans, null) against a schema given as a map, in JSON Schema 2020-12 (the dialect when a schema
 * names none), by networknt's json-schema-validator. Each violation names where it is ({@code $.findings[0]: integer
 * found, string expected}), so the model or the operator knows what to fix.
 */
public final class JsonSchemaCheck {

    /** Schemas come from tool definitions and output types, a bounded set: each is compiled once. */
    private static final int MAX_CACHED = 1024;
    private static final Map<Map<String, Object>, Schema> COMPILED = new ConcurrentHashMap<>();

    private JsonSchemaCheck() {
    }

    /**
     * @return the violations, each naming its path; empty when the value conforms
     * @throws IllegalArgumentException when the schema itself cannot be used
     */
    public static List<String> violations(Object value, Map<String, Object> schema) {
        JsonNode node = Json.MAPPER.valueToTree(value);
        try {
            return compiled(schema).validate(node).stream().map(Object::toString).toList();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the schema is not usable: " + e.getMessage(), e);
        }
    }

    private static Schema compiled(Map<String, Object> schema) {
        Schema found = COMPILED.get(schema);
        if (found != null) {
            return found;
        }
        if (COMPILED.size() >= MAX_CACHED) {
            COMPILED.clear();
        }
        return COMPILED.computeIfAbsent(schema,
                s -> Registry.SCHEMAS.getSchema(Json.MAPPER.<JsonNode>valueToTree(s)));
    }

    /** Loaded with the first schema checked: the validator is a few hundred classes a start need not load. */
    private static final class Registry {
        static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_PATH).build()));
    }
}
