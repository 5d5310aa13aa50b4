package io.agentgateway.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a config file's content against its JSON Schema (docs/schemas/, copied into the jar). Each problem names the
 * file, the key path and what is wrong; an unknown key also names the closest key allowed at that place, since
 * most unknown keys are misspellings that would otherwise be ignored (and in security.yaml, fail open).
 */
public final class ConfigSchemas {

    /** More than this many problems are counted, not listed: the first ones are what to fix first. */
    private static final int MAX_LISTED = 5;
    private static final String FOLDER = "/io/agentgateway/host/config/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<ConfigFile, Loaded> LOADED = new EnumMap<>(ConfigFile.class);

    private record Loaded(JsonNode tree, Schema schema) {
    }

    private ConfigSchemas() {
    }

    /**
     * @param content the file's top-level mapping, {@code ${VAR}} references resolved; a text where the schema wants
     *     a number or a boolean (as {@code timeout: ${TOOL_TIMEOUT:-30}} gives) is replaced by that number or boolean
     * @param where the file's name as the operator wrote it
     * @throws ConfigException listing the problems, when there are any
     */
    public static void check(ConfigFile kind, Map<String, Object> content, String where) {
        List<String> problems = problems(kind, content);
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(where).append(": ");
        message.append(String.join("; ", problems.subList(0, Math.min(MAX_LISTED, problems.size()))));
        if (problems.size() > MAX_LISTED) {
            message.append("; and ").append(problems.size() - MAX_LISTED).append(" more");
        }
        message.append(" (schema: docs/schemas/").append(kind.schemaName()).append(")");
        throw new ConfigException(message.toString());
    }

    /** @return each problem as {@code key.path: what is wrong}; empty when the content conforms */
    public static List<String> problems(ConfigFile kind, Map<String, Object> content) {
        Loaded loaded = loaded(kind);
        List<Error> errors = loaded.schema().validate(JSON.valueToTree(content));
        if (ScalarCoercion.apply(errors, content)) {
            errors = loaded.schema().validate(JSON.valueToTree(content));
        }
        List<String> problems = new ArrayList<>();
        for (Error error : errors) {
            problems.add(describe(error, loaded.tree()));
        }
        return problems;
    }

    private static String describe(Error error, JsonNode schemaTree) {
        String path = path(error.getInstanceLocation());
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "additionalProperties" -> {
                String key = error.getProperty();
                String at = path.isEmpty() ? key : path + "." + key;
                List<String> allowed = allowedKeys(schemaTree, error.getSchemaLocation().getFragment());
                yield at + ": unknown key" + KeySuggestions.hint(key, allowed);
            }
            case "required" -> (path.isEmpty() ? "" : path + ": ") + "'" + error.getProperty() + "' is required";
            default -> (path.isEmpty() ? "top level" : path) + ": " + withoutLocation(error);
        };
    }

    /** The keys the schema object holding this {@code additionalProperties} names under {@code properties}. */
    private static List<String> allowedKeys(JsonNode schemaTree, NodePath keywordPath) {
        JsonNode node = schemaTree;
        for (int i = 0; i < keywordPath.getNameCount() - 1 && node != null; i++) {
            Object element = keywordPath.getElement(i);
            node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
        }
        List<String> keys = new ArrayList<>();
        if (node != null && node.get("properties") != null) {
            node.get("properties").fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    /** {@code api_keys[0].rate_limit} from the validator's node path; empty for the top level. */
    private static String path(NodePath location) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(element);
            }
        }
        return out.toString();
    }

    /** The validator's message starts with the location, which the path already gives. */
    private static String withoutLocation(Error error) {
        String message = error.getMessage();
        String location = error.getInstanceLocation().toString();
        if (message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        }
        return message;
    }

    private static synchronized Loaded loaded(ConfigFile kind) {
        return LOADED.computeIfAbsent(kind, ConfigSchemas::load);
    }

    private static Loaded load(ConfigFile kind) {
        try (InputStream in = ConfigSchemas.class.getResourceAsStream(FOLDER + kind.schemaName())) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the schema " + kind.schemaName());
            }
            JsonNode tree = JSON.readTree(in);
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(tree);
            return new Loaded(tree, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
