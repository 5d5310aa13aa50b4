package io.agentgateway.host.tools;

import static io.agentgateway.host.config.ConfigValues.bool;
import static io.agentgateway.host.config.ConfigValues.map;
import static io.agentgateway.host.config.ConfigValues.mapList;
import static io.agentgateway.host.config.ConfigValues.requiredString;
import static io.agentgateway.host.config.ConfigValues.string;

import io.agentgateway.host.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * tools.yaml, read once into records. Shape (every section optional):
 *
 * <pre>{@code
 * defaults: {timeout: 30, max_result_chars: 16000, log_arguments: false}
 * tools:                 # HTTP tools
 *   - {name, provider: http, url, method, timeout, headers, schema, description, allow_link_local}
 * mcp_servers:           # stdio (command, args, env) or streamable HTTP (url, headers)
 *   - {name, command, args, env, url, headers, timeout, tool_prefix, include, health_interval}
 * limits:                # per-tool overrides for tools of any kind
 *   summarize_text: {timeout: 5, max_result_chars: 2000}
 * }</pre>
 */
record ToolsConfig(Defaults defaults, List<HttpToolSpec> httpTools, List<McpServerSpec> mcpServers,
        Map<String, Limits> limits, List<String> warnings) {

    private static final String FILE = "tools.yaml";

    record Defaults(Duration timeout, int maxResultChars, boolean logArguments) {
    }

    record Limits(Duration timeout, Integer maxResultChars) {
    }

    record HttpToolSpec(String name, String description, URI url, String method, Duration timeout,
            Map<String, String> headers, Map<String, Object> schema, boolean allowLinkLocal) {
    }

    /** An MCP server: {@code command} set for stdio, {@code url} set for streamable HTTP. */
    record McpServerSpec(String name, String command, List<String> args, Map<String, String> env, URI url,
            Map<String, String> headers, Duration timeout, String toolPrefix, List<String> include,
            Duration healthInterval) {

        boolean stdio() {
            return command != null;
        }
    }

    static ToolsConfig parse(Map<String, Object> yaml) {
        Map<String, Object> d = map(yaml, "defaults", FILE);
        Defaults defaults = new Defaults(seconds(d.get("timeout"), Duration.ofSeconds(30), "defaults.timeout"),
                integer(d.get("max_result_chars"), 16_000, "defaults.max_result_chars"),
                bool(d.get("log_arguments"), false));
        List<String> warnings = new ArrayList<>();
        List<HttpToolSpec> httpTools = new ArrayList<>();
        for (Map<String, Object> t : mapList(yaml, "tools", FILE)) {
            String name = requiredString(t, "name", FILE + " tools[]");
            String provider = String.valueOf(t.getOrDefault("provider", "http")).toLowerCase(Locale.ROOT);
            if (provider.equals("local")) {
                warnings.add("tool '" + name + "': provider 'local' tools come from plugin jars; entry ignored");
                continue;
            }
            if (provider.equals("mcp")) {
                // files written for the original project call a plain HTTP POST 'mcp': keep them working as HTTP tools
                warnings.add("tool '" + name + "': provider 'mcp' is called as a plain HTTP tool; declare real MCP"
                        + " servers under mcp_servers");
            } else if (!provider.equals("http")) {
                throw new ConfigException(FILE + ": tool '" + name + "' has unknown provider '" + provider + "'");
            }
            String where = "tool '" + name + "'";
            httpTools.add(new HttpToolSpec(name, optional(t, "description"),
                    uri(requiredString(t, "url", FILE + " " + where), where),
                    String.valueOf(t.getOrDefault("method", "POST")).toUpperCase(Locale.ROOT),
                    seconds(t.get("timeout"), defaults.timeout(), where + ".timeout"),
                    texts(t, "headers", FILE + " " + where), map(t, "schema", FILE + " " + where),
                    bool(t.get("allow_link_local"), false)));
        }
        List<McpServerSpec> servers = new ArrayList<>();
        for (Map<String, Object> s : mapList(yaml, "mcp_servers", FILE)) {
            String name = requiredString(s, "name", FILE + " mcp_servers[]");
            String where = "mcp server '" + name + "'";
            String command = optional(s, "command");
            String url = optional(s, "url");
            if ((command == null) == (url == null)) {
                throw new ConfigException(FILE + ": " + where + " needs exactly one of 'command' or 'url'");
            }
            servers.add(new McpServerSpec(name, command, list(s, "args", List.of(), where),
                    texts(s, "env", FILE + " " + where), url == null ? null : uri(url, where),
                    texts(s, "headers", FILE + " " + where),
                    seconds(s.get("timeout"), defaults.timeout(), where + ".timeout"),
                    s.get("tool_prefix") == null ? "" : String.valueOf(s.get("tool_prefix")),
                    list(s, "include", List.of("*"), where),
                    seconds(s.get("health_interval"), Duration.ofSeconds(10), where + ".health_interval")));
        }
        Map<String, Limits> limits = new LinkedHashMap<>();
        Map<String, Object> perTool = map(yaml, "limits", FILE);
        perTool.keySet().forEach(tool -> {
            Map<String, Object> l = map(perTool, tool, FILE + " limits");
            limits.put(tool, new Limits(seconds(l.get("timeout"), null, "limits." + tool + ".timeout"),
                    l.get("max_result_chars") == null ? null
                            : integer(l.get("max_result_chars"), 0, "limits." + tool + ".max_result_chars")));
        });
        return new ToolsConfig(defaults, httpTools, servers, limits, warnings);
    }

    Duration timeoutFor(String tool, Duration fallback) {
        Limits l = limits.get(tool);
        return l != null && l.timeout() != null ? l.timeout() : fallback;
    }

    int maxResultCharsFor(String tool) {
        Limits l = limits.get(tool);
        return l != null && l.maxResultChars() != null ? l.maxResultChars() : defaults.maxResultChars();
    }

    private static Duration seconds(Object value, Duration fallback, String where) {
        if (value == null) {
            return fallback;
        }
        try {
            double s = value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value));
            if (s <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(s * 1000));
        } catch (NumberFormatException e) {
            throw new ConfigException(FILE + ": " + where + " must be a positive number of seconds");
        }
    }

    private static int integer(Object value, int fallback, String where) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        throw new ConfigException(FILE + ": " + where + " must be a number");
    }

    private static URI uri(String value, String where) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?")) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(FILE + ": " + where + " has an invalid http(s) url '" + value + "'");
        }
    }

    /** A value that may be left out; blank counts as left out. */
    private static String optional(Map<String, Object> node, String key) {
        String value = string(node, key, FILE);
        return value == null || value.isBlank() ? null : value;
    }

    /** A mapping of names to text (headers, env); values of other types are written as text. */
    private static Map<String, String> texts(Map<String, Object> node, String key, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        map(node, key, where).forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        return out;
    }

    /**
     * Unlike {@link io.agentgateway.host.config.ConfigValues#stringList}, refuses a lone string: {@code args: "-y x"}
     * would otherwise become one argument with a space in it.
     */
    private static List<String> list(Map<String, Object> node, String key, List<String> fallback, String where) {
        Object value = node.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof List<?> items) {
            return items.stream().map(String::valueOf).toList();
        }
        throw new ConfigException(FILE + ": " + where + "." + key + " must be a list");
    }
}
