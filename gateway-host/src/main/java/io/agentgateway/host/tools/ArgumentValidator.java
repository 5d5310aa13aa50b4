package io.agentgateway.host.tools;

import io.agentgateway.host.Json;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.Map;
import java.util.Optional;

/** Checks a call's arguments against the tool's JSON schema before the tool runs. */
final class ArgumentValidator {

    private final JsonSchemaValidator validator = new DefaultJsonSchemaValidator(Json.MAPPER);

    /** @return a message for the model naming what is wrong, or empty when the arguments conform */
    Optional<String> problems(Map<String, Object> schema, Map<String, Object> arguments) {
        if (schema == null || schema.isEmpty()) {
            return Optional.empty();
        }
        JsonSchemaValidator.ValidationResponse response = validator.validate(schema, arguments);
        return response.valid() ? Optional.empty() : Optional.of(response.errorMessage());
    }
}
