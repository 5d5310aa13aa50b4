package io.agentgateway.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code ${VAR}} reference always yields text, so {@code timeout: ${TOOL_TIMEOUT:-30}} reads as "30". Where the
 * schema wants a number or a boolean and the text is exactly one, the text is replaced by it; anything else stays
 * and is reported as the wrong type.
 */
final class ScalarCoercion {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private ScalarCoercion() {
    }

    /** @return whether a value was replaced (then the content must be checked again) */
    static boolean apply(List<Error> errors, Map<String, Object> content) {
        boolean changed = false;
        for (Error error : errors) {
            if (!"type".equals(error.getKeyword()) || error.getInstanceNode() == null
                    || !error.getInstanceNode().isTextual()) {
                continue;
            }
            Object typed = typed(error.getInstanceNode().asText().trim(), expected(error.getSchemaNode()));
            if (typed != null) {
                changed |= replace(content, error.getInstanceLocation(), typed);
            }
        }
        return changed;
    }

    private static String expected(JsonNode typeKeyword) {
        if (typeKeyword == null) {
            return "";
        }
        JsonNode type = typeKeyword.has("type") ? typeKeyword.get("type") : typeKeyword;
        return type.toString();
    }

    private static Object typed(String text, String expected) {
        if (expected.contains("integer") && INTEGER.matcher(text).matches()) {
            long value = Long.parseLong(text);
            return value == (int) value ? (Object) (int) value : (Object) value;
        }
        if (expected.contains("number") && DECIMAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        if (expected.contains("boolean") && (text.equals("true") || text.equals("false"))) {
            return Boolean.parseBoolean(text);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static boolean replace(Map<String, Object> content, NodePath location, Object value) {
        Object node = content;
        int last = location.getNameCount() - 1;
        if (last < 0) {
            return false;
        }
        for (int i = 0; i < last; i++) {
            node = step(node, location.getElement(i));
            if (node == null) {
                return false;
            }
        }
        Object key = location.getElement(last);
        if (node instanceof Map<?, ?> map && key instanceof String name) {
            ((Map<String, Object>) map).put(name, value);
            return true;
        }
        if (node instanceof List<?> list && key instanceof Integer index) {
            ((List<Object>) list).set(index, value);
            return true;
        }
        return false;
    }

    private static Object step(Object node, Object element) {
        if (node instanceof Map<?, ?> map) {
            return map.get(String.valueOf(element));
        }
        if (node instanceof List<?> list && element instanceof Integer index && index < list.size()) {
            return list.get(index);
        }
        return null;
    }
}
