package io.agentgateway.host.tools;

import io.agentgateway.host.json.Json;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.Map;
import java.util.Optional;

/** Checks a call's arguments against the tool's JSON schema before the tool runs. */
final class ArgumentValidator {

    /** @return a message for the model naming what is wrong, or empty when the arguments conform */
    Optional<String> problems(Map<String, Object> schema, Map<String, Object> arguments) {
        if (schema == null || schema.isEmpty()) {
            return Optional.empty();
        }
        JsonSchemaValidator.ValidationResponse response = Schemas.VALIDATOR.validate(schema, arguments);
        return response.valid() ? Optional.empty() : Optional.of(response.errorMessage());
    }

    /** Loaded with the first schema checked: the validator library is a few hundred classes a start need not load. */
    private static final class Schemas {
        static final JsonSchemaValidator VALIDATOR = new DefaultJsonSchemaValidator(Json.MAPPER);
    }
}
