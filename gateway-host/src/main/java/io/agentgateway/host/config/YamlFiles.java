package io.agentgateway.host.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the gateway's YAML config files into plain maps, replacing {@code ${ENV_VAR}} (and {@code ${ENV_VAR:-default}})
 * in string values with the environment's value.
 */
public final class YamlFiles {

    /**
     * The largest config file read, far above any real one (the YAML parser refuses documents past 3 million
     * characters anyway): a file named by mistake (a log, a disk image) is refused before it is read into memory.
     */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private YamlFiles() {
    }

    /**
     * @param file the YAML file
     * @param env the environment to resolve {@code ${...}} against
     * @return the top-level mapping; empty when the file is missing (see {@link ConfigFiles} for the files that must
     *     exist), empty or holds only comments
     * @throws ConfigException when the file is not valid YAML or its top level is not a mapping
     */
    public static Map<String, Object> load(Path file, Function<String, String> env) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(file + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB: not a config"
                        + " file (check the variable that names it)");
            }
            String text = Files.readString(file);
            try (com.fasterxml.jackson.core.JsonParser parser = YAML.createParser(text)) {
                if (parser.nextToken() == null) {
                    return Map.of(); // empty, or comments only
                }
            }
            Object root = YAML.readValue(text, new TypeReference<Object>() {
            });
            if (root == null) {
                return Map.of();
            }
            if (!(root instanceof Map<?, ?>)) {
                throw new ConfigException(file + ": the top level must be a mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> resolved = (Map<String, Object>) resolve(root, env);
            return resolved;
        } catch (JsonProcessingException e) {
            // Only the parser's first line and the position: the rest quotes the broken line, which in
            // security.yaml may hold a key, and this message reaches logs and the /security/refresh answer.
            String reason = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().lines()
                    .findFirst().orElse("syntax error");
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ConfigException(file + " is not valid YAML" + where + ": " + reason);
        } catch (IOException e) {
            throw new ConfigException(file + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Replaces {@code ${VAR}} references in a string; an unset variable without default becomes empty. */
    public static String substitute(String value, Function<String, String> env) {
        Matcher m = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = env.apply(m.group(1));
            if (replacement == null || replacement.isEmpty()) {
                replacement = m.group(2) == null ? "" : m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Object resolve(Object node, Function<String, String> env) {
        if (node instanceof String s) {
            return s.contains("${") ? substitute(s, env) : s;
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v, env)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(resolve(v, env)));
            return out;
        }
        return node;
    }
}
