package io.agentgateway.api.agent;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Structured output: the final answer must be a JSON value matching {@link #schema()}. The runtime sends it upstream
 * as {@code response_format: {"type":"json_schema","json_schema":{"name","schema","strict"}}} and validates the
 * answer; a non-conforming answer is sent back to the model with the validation errors, up to
 * {@link ExecutionPolicy#maxOutputRetries()} times, after which the run fails.
 *
 * @param name the schema's name, {@code [a-zA-Z0-9_-]{1,64}}
 * @param schema a JSON schema (objects as {@code Map}, arrays as {@code List})
 * @param strict asks the upstream for strict schema adherence where it supports it
 */
public record OutputType(String name, Map<String, Object> schema, boolean strict) {

    public OutputType {
        requireNonNull(name, "name is null");
        if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("output type name '" + name + "' must match [a-zA-Z0-9_-]{1,64}");
        }
        requireNonNull(schema, "schema is null");
    }

    /**
     * @param name the schema's name
     * @param schema the JSON schema
     * @return a non-strict output type (strict mode rejects many schemas on some servers)
     */
    public static OutputType of(String name, Map<String, Object> schema) {
        return new OutputType(name, schema, false);
    }

    /**
     * @param name the schema's name
     * @param type a record whose components describe the answer (see {@link RecordTool} for the mapping)
     * @return an output type with the record's schema
     */
    public static OutputType of(String name, Class<? extends Record> type) {
        return new OutputType(name, RecordSchemas.schemaOf(type), false);
    }
}
