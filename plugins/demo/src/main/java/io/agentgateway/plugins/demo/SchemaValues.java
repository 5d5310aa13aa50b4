package io.agentgateway.plugins.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON values made from a JSON schema: the arguments of the demo model's tool calls, and its structured answers.
 * Each schema keyword is met the simplest way that satisfies it: the first {@code enum} value, the {@code const},
 * the first alternative of {@code anyOf}/{@code oneOf} that is not null, the {@code minimum} (else the
 * {@code maximum}, else 1) for numbers, false for booleans, one item (or {@code minItems}) for arrays, and local
 * {@code $ref}s followed.
 */
final class SchemaValues {

    private static final Set<String> NAME_WORDS = Set.of("name", "city", "location", "place", "country");
    private static final int MAX_DEPTH = 16;

    private SchemaValues() {
    }

    /**
     * Tool-call arguments: the required properties only (optional ones are left to the tool's defaults). A string is
     * the question, or {@code subject} when the property wants a name (its name or description says name, city,
     * location, place or country).
     */
    static Map<String, Object> arguments(Map<?, ?> parameters, String question, String subject) {
        Object value = new Filler(parameters, true, question, subject).value(parameters, "arguments", false, 0);
        return value instanceof Map<?, ?> map ? cast(map) : Map.of();
    }

    /** A structured answer: every property, strings naming the field they fill and repeating the question. */
    static Object answer(Map<?, ?> schema, String question) {
        return new Filler(schema, false, question, null).value(schema, "answer", false, 0);
    }

    /** @return whether a tool's parameters have a required string property that wants a name */
    static boolean wantsName(Map<?, ?> parameters) {
        if (!(parameters.get("properties") instanceof Map<?, ?> properties)) {
            return false;
        }
        List<?> required = parameters.get("required") instanceof List<?> list ? list : List.of();
        for (Map.Entry<?, ?> property : properties.entrySet()) {
            if (required.contains(property.getKey()) && property.getValue() instanceof Map<?, ?> schema
                    && "string".equals(type(schema)) && wantsName(String.valueOf(property.getKey()), schema)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wantsName(String property, Map<?, ?> schema) {
        String words = property + " " + (schema.get("description") instanceof String d ? d : "");
        for (String word : words.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (NAME_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private record Filler(Map<?, ?> root, boolean requiredOnly, String question, String subject) {

        Object value(Map<?, ?> schema, String label, boolean nameLike, int depth) {
            if (depth > MAX_DEPTH) {
                return null;
            }
            if (schema.get("$ref") instanceof String ref) {
                Map<?, ?> target = resolve(ref);
                return target == null ? null : value(target, label, nameLike, depth + 1);
            }
            if (schema.containsKey("const")) {
                return schema.get("const");
            }
            if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
                return values.get(0);
            }
            for (String key : List.of("anyOf", "oneOf", "allOf")) {
                if (schema.get(key) instanceof List<?> alternatives) {
                    for (Object alternative : alternatives) {
                        if (alternative instanceof Map<?, ?> option && !"null".equals(type(option))) {
                            return value(option, label, nameLike, depth + 1);
                        }
                    }
                }
            }
            return switch (type(schema)) {
                case "object" -> object(schema, depth);
                case "array" -> array(schema, label, nameLike, depth);
                case "string" -> string(schema, label, nameLike);
                case "integer" -> number(schema, true);
                case "number" -> number(schema, false);
                case "boolean" -> false;
                default -> null;
            };
        }

        private Map<String, Object> object(Map<?, ?> schema, int depth) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
                return out;
            }
            List<?> required = schema.get("required") instanceof List<?> list ? list : List.of();
            for (Map.Entry<?, ?> property : properties.entrySet()) {
                String name = String.valueOf(property.getKey());
                if ((!requiredOnly || required.contains(name)) && property.getValue() instanceof Map<?, ?> sub) {
                    out.put(name, value(sub, name, wantsName(name, sub), depth + 1));
                }
            }
            return out;
        }

        private List<Object> array(Map<?, ?> schema, String label, boolean nameLike, int depth) {
            int count = Math.max(1, intOf(schema.get("minItems"), 1));
            if (schema.get("maxItems") instanceof Number max) {
                count = Math.min(count, max.intValue());
            }
            List<Object> out = new ArrayList<>();
            Map<?, ?> items = schema.get("items") instanceof Map<?, ?> map ? map : Map.of();
            for (int i = 0; i < count; i++) {
                out.add(value(items, label, nameLike, depth + 1));
            }
            return out;
        }

        private String string(Map<?, ?> schema, String label, boolean nameLike) {
            String format = schema.get("format") instanceof String f ? f : "";
            String text = switch (format) {
                case "date-time" -> "2025-01-01T00:00:00Z";
                case "date" -> "2025-01-01";
                case "time" -> "00:00:00Z";
                case "email" -> "demo@example.com";
                case "uri", "url" -> "https://example.com/";
                case "uuid" -> "00000000-0000-4000-8000-000000000000";
                default -> text(label, nameLike);
            };
            if (schema.get("maxLength") instanceof Number max && text.length() > max.intValue()) {
                text = text.substring(0, Math.max(0, max.intValue()));
            }
            return text;
        }

        private String text(String label, boolean nameLike) {
            if (requiredOnly) {
                return nameLike && subject != null ? subject : question;
            }
            return question.isBlank() ? "Demo " + label : "Demo " + label + " for: " + question.strip();
        }

        private static Number number(Map<?, ?> schema, boolean integer) {
            BigDecimal value;
            if (schema.get("minimum") instanceof Number min) {
                value = new BigDecimal(min.toString());
            } else if (schema.get("exclusiveMinimum") instanceof Number min) {
                value = new BigDecimal(min.toString()).add(BigDecimal.ONE);
            } else if (schema.get("maximum") instanceof Number max) {
                value = new BigDecimal(max.toString());
            } else {
                value = BigDecimal.ONE;
            }
            if (schema.get("maximum") instanceof Number max && value.compareTo(new BigDecimal(max.toString())) > 0) {
                value = new BigDecimal(max.toString());
            }
            if (integer) {
                return value.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
            }
            return value.doubleValue();
        }

        private Map<?, ?> resolve(String ref) {
            Object node = root;
            if (!ref.startsWith("#/")) {
                return null;
            }
            for (String part : ref.substring(2).split("/")) {
                node = node instanceof Map<?, ?> map ? map.get(part.replace("~1", "/").replace("~0", "~")) : null;
            }
            return node instanceof Map<?, ?> map ? map : null;
        }
    }

    /** @return the schema's type, the first that is not null when it lists several, inferred when it names none */
    private static String type(Map<?, ?> schema) {
        Object type = schema.get("type");
        if (type instanceof String s) {
            return s;
        }
        if (type instanceof List<?> types) {
            return types.stream().map(String::valueOf).filter(t -> !t.equals("null")).findFirst().orElse("null");
        }
        if (schema.containsKey("properties")) {
            return "object";
        }
        return schema.containsKey("items") ? "array" : "";
    }

    private static int intOf(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
