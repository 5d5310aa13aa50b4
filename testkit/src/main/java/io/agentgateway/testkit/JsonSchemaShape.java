package io.agentgateway.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;

/**
 * The checks of a tool's schema and example arguments that need no JSON Schema library: JSON values only, required
 * properties present, no unknown property where {@code additionalProperties} is false, and the basic type of each
 * property. The gateway validates real calls fully; this catches the mistakes a tool author makes.
 */
final class JsonSchemaShape {

    private JsonSchemaShape() {
    }

    /** Fails unless {@code value} holds only what crosses the API as JSON (maps, lists, strings, numbers, booleans). */
    static void checkJsonValue(Object value, String path) {
        switch (value) {
            case null -> {
            }
            case String s -> {
            }
            case Number n -> {
            }
            case Boolean b -> {
            }
            case Map<?, ?> map -> map.forEach((key, item) -> {
                assertTrue(key instanceof String, path + " has a key that is not a string: " + key);
                checkJsonValue(item, path + "." + key);
            });
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    checkJsonValue(list.get(i), path + "[" + i + "]");
                }
            }
            default -> fail(path + " is a " + value.getClass().getName() + ", not a JSON value");
        }
    }

    static List<String> required(Map<String, Object> schema) {
        Object required = schema.get("required");
        if (required == null) {
            return List.of();
        }
        assertTrue(required instanceof List<?>, "required must be a list of property names");
        return ((List<?>) required).stream().map(String::valueOf).toList();
    }

    static void checkArguments(Map<String, Object> schema, Map<String, Object> arguments) {
        checkJsonValue(arguments, "arguments");
        Map<?, ?> properties = schema.get("properties") instanceof Map<?, ?> map ? map : Map.of();
        for (String name : required(schema)) {
            assertTrue(arguments.containsKey(name), "example " + arguments + " lacks required '" + name + "'");
        }
        for (Map.Entry<String, Object> argument : arguments.entrySet()) {
            Object property = properties.get(argument.getKey());
            if (property == null) {
                assertTrue(!Boolean.FALSE.equals(schema.get("additionalProperties")),
                        "example " + arguments + " has '" + argument.getKey() + "', which the schema does not allow");
            } else if (property instanceof Map<?, ?> propertySchema && propertySchema.get("type") instanceof String type) {
                assertTrue(fits(type, argument.getValue()),
                        "'" + argument.getKey() + "' should be of type " + type + ": " + argument.getValue());
            }
        }
    }

    private static boolean fits(String type, Object value) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long
                    || value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof List<?>;
            case "object" -> value instanceof Map<?, ?>;
            case "null" -> value == null;
            default -> true;
        };
    }
}
