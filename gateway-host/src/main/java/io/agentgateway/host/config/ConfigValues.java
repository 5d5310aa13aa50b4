package io.agentgateway.host.config;

import java.util.List;
import java.util.Map;

/** Typed reads of values in a parsed YAML mapping, with messages that name the file and key to fix. */
public final class ConfigValues {

    private ConfigValues() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> node, String key, String where) {
        Object value = node.get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new ConfigException(where + ": '" + key + "' must be a mapping");
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> mapList(Map<String, Object> node, String key, String where) {
        Object value = node.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
            return (List<Map<String, Object>>) value;
        }
        throw new ConfigException(where + ": '" + key + "' must be a list of mappings");
    }

    public static List<String> stringList(Map<String, Object> node, String key, List<String> fallback, String where) {
        Object value = node.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        throw new ConfigException(where + ": '" + key + "' must be a list of strings");
    }

    public static String string(Map<String, Object> node, String key, String where) {
        Object value = node.get(key);
        return value == null ? null : String.valueOf(value);
    }

    public static String requiredString(Map<String, Object> node, String key, String where) {
        String value = string(node, key, where);
        if (value == null || value.isBlank()) {
            throw new ConfigException(where + ": '" + key + "' is required");
        }
        return value;
    }

    public static double number(Map<String, Object> node, String key, double fallback, String where) {
        Object value = node.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": '" + key + "' must be a number, not '" + value + "'");
        }
    }

    /**
     * Booleans accept true/false, 1/0, yes/no and on/off; anything else gives {@code fallback}. The four schema-checked
     * files only ever hold real booleans here (their schemas refuse text where a boolean belongs).
     */
    public static boolean bool(Object value, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off", "" -> false;
            default -> fallback;
        };
    }
}
