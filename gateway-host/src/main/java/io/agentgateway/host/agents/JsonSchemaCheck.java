package io.agentgateway.host.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a JSON value (maps, lists, strings, numbers, booleans, null) against the part of JSON Schema that tool
 * parameters and structured outputs use: {@code type}, {@code properties}, {@code required},
 * {@code additionalProperties}, {@code items}, {@code enum}, {@code const}, {@code anyOf}/{@code oneOf}, and the
 * length and range bounds. Unknown keywords are ignored, so a schema never fails for using more than this checks.
 */
final class JsonSchemaCheck {

    private JsonSchemaCheck() {
    }

    /** @return the violations, each naming its path ({@code $.city: expected string}); empty when it conforms */
    static List<String> violations(Object value, Map<String, Object> schema) {
        List<String> out = new ArrayList<>();
        check(value, schema, "$", out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void check(Object value, Map<String, Object> schema, String path, List<String> out) {
        Object type = schema.get("type");
        if (type != null && !matchesType(value, type)) {
            out.add(path + ": expected " + type + ", got " + typeName(value));
            return;
        }
        if (schema.get("enum") instanceof List<?> allowed && allowed.stream().noneMatch(a -> same(a, value))) {
            out.add(path + ": must be one of " + allowed);
        }
        if (schema.containsKey("const") && !same(schema.get("const"), value)) {
            out.add(path + ": must be " + schema.get("const"));
        }
        for (String key : List.of("anyOf", "oneOf")) {
            if (schema.get(key) instanceof List<?> options && !options.isEmpty()) {
                boolean any = options.stream().anyMatch(o -> o instanceof Map<?, ?> m
                        && violations(value, (Map<String, Object>) m).isEmpty());
                if (!any) {
                    out.add(path + ": matches none of the " + key + " alternatives");
                }
            }
        }
        if (value instanceof Map<?, ?> object) {
            checkObject((Map<String, Object>) object, schema, path, out);
        } else if (value instanceof List<?> array) {
            checkBound(array.size(), schema, "minItems", "maxItems", path, "items", out);
            if (schema.get("items") instanceof Map<?, ?> items) {
                for (int i = 0; i < array.size(); i++) {
                    check(array.get(i), (Map<String, Object>) items, path + "[" + i + "]", out);
                }
            }
        } else if (value instanceof String s) {
            checkBound(s.length(), schema, "minLength", "maxLength", path, "characters", out);
        } else if (value instanceof Number n) {
            if (schema.get("minimum") instanceof Number min && n.doubleValue() < min.doubleValue()) {
                out.add(path + ": must be at least " + min);
            }
            if (schema.get("maximum") instanceof Number max && n.doubleValue() > max.doubleValue()) {
                out.add(path + ": must be at most " + max);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkObject(Map<String, Object> object, Map<String, Object> schema, String path,
            List<String> out) {
        Map<String, Object> properties = schema.get("properties") instanceof Map<?, ?> p
                ? (Map<String, Object>) p : Map.of();
        if (schema.get("required") instanceof List<?> required) {
            for (Object name : required) {
                if (!object.containsKey(String.valueOf(name))) {
                    out.add(path + ": missing required property '" + name + "'");
                }
            }
        }
        Object additional = schema.get("additionalProperties");
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            String childPath = path + "." + entry.getKey();
            if (properties.get(entry.getKey()) instanceof Map<?, ?> child) {
                check(entry.getValue(), (Map<String, Object>) child, childPath, out);
            } else if (Boolean.FALSE.equals(additional)) {
                out.add(path + ": unexpected property '" + entry.getKey() + "'");
            } else if (additional instanceof Map<?, ?> child) {
                check(entry.getValue(), (Map<String, Object>) child, childPath, out);
            }
        }
    }

    private static void checkBound(int size, Map<String, Object> schema, String minKey, String maxKey, String path,
            String unit, List<String> out) {
        if (schema.get(minKey) instanceof Number min && size < min.intValue()) {
            out.add(path + ": needs at least " + min + " " + unit);
        }
        if (schema.get(maxKey) instanceof Number max && size > max.intValue()) {
            out.add(path + ": allows at most " + max + " " + unit);
        }
    }

    private static boolean matchesType(Object value, Object type) {
        if (type instanceof List<?> types) {
            return types.stream().anyMatch(t -> matchesType(value, t));
        }
        return switch (String.valueOf(type)) {
            case "object" -> value instanceof Map<?, ?>;
            case "array" -> value instanceof List<?>;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "null" -> value == null;
            case "number" -> value instanceof Number;
            case "integer" -> value instanceof Number n && isWhole(n);
            default -> true;
        };
    }

    private static boolean isWhole(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && !Double.isInfinite(d);
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof Number a && actual instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(expected, actual);
    }

    private static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof Number n) {
            return isWhole(n) ? "integer" : "number";
        }
        return value instanceof Boolean ? "boolean" : "string";
    }
}
