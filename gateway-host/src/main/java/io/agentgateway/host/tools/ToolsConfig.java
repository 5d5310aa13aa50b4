package io.agentgateway.host.tools;

import io.agentgateway.host.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * tools.yaml, read once into records. Shape (every section optional):
 *
 * <pre>{@code
 * defaults: {timeout: 30, max_result_chars: 16000, log_arguments: false}
 * tools:                 # HTTP tools, the reference's shape
 *   - {name, provider: http, url, method, timeout, headers, schema, description, allow_link_local}
 * mcp_servers:           # stdio (command, args, env) or streamable HTTP (url, headers)
 *   - {name, command, args, env, url, headers, timeout, tool_prefix, include, health_interval}
 * limits:                # per-tool overrides for tools of any kind
 *   summarize_text: {timeout: 5, max_result_chars: 2000}
 * }</pre>
 */
record ToolsConfig(Defaults defaults, List<HttpToolSpec> httpTools, List<McpServerSpec> mcpServers,
        Map<String, Limits> limits, List<String> warnings) {

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
        Map<String, Object> d = map(yaml.get("defaults"), "defaults");
        Defaults defaults = new Defaults(seconds(d.get("timeout"), Duration.ofSeconds(30), "defaults.timeout"),
                integer(d.get("max_result_chars"), 16_000, "defaults.max_result_chars"),
                bool(d.get("log_arguments")));
        List<String> warnings = new ArrayList<>();
        List<HttpToolSpec> httpTools = new ArrayList<>();
        for (Object item : list(yaml.get("tools"), "tools")) {
            Map<String, Object> t = map(item, "tools[]");
            String name = required(t, "name", "tools[]");
            String provider = String.valueOf(t.getOrDefault("provider", "http")).toLowerCase(Locale.ROOT);
            if (provider.equals("local")) {
                warnings.add("tool '" + name + "': provider 'local' tools come from plugin jars; entry ignored");
                continue;
            }
            if (provider.equals("mcp")) {
                // the reference's 'mcp' provider was a plain HTTP POST; keep such entries working as HTTP tools
                warnings.add("tool '" + name + "': provider 'mcp' is called as a plain HTTP tool; declare real MCP"
                        + " servers under mcp_servers");
            } else if (!provider.equals("http")) {
                throw new ConfigException("tools.yaml: tool '" + name + "' has unknown provider '" + provider + "'");
            }
            String where = "tool '" + name + "'";
            httpTools.add(new HttpToolSpec(name, string(t.get("description")), uri(required(t, "url", where), where),
                    String.valueOf(t.getOrDefault("method", "POST")).toUpperCase(Locale.ROOT),
                    seconds(t.get("timeout"), defaults.timeout(), where + ".timeout"),
                    strings(t.get("headers"), where + ".headers"), map(t.get("schema"), where + ".schema"),
                    bool(t.get("allow_link_local"))));
        }
        List<McpServerSpec> servers = new ArrayList<>();
        for (Object item : list(yaml.get("mcp_servers"), "mcp_servers")) {
            Map<String, Object> s = map(item, "mcp_servers[]");
            String name = required(s, "name", "mcp_servers[]");
            String where = "mcp server '" + name + "'";
            String command = string(s.get("command"));
            String url = string(s.get("url"));
            if ((command == null) == (url == null)) {
                throw new ConfigException("tools.yaml: " + where + " needs exactly one of 'command' or 'url'");
            }
            List<String> args = new ArrayList<>();
            list(s.get("args"), where + ".args").forEach(a -> args.add(String.valueOf(a)));
            List<String> include = new ArrayList<>();
            list(s.getOrDefault("include", List.of("*")), where + ".include").forEach(a -> include.add(String.valueOf(a)));
            servers.add(new McpServerSpec(name, command, args, strings(s.get("env"), where + ".env"),
                    url == null ? null : uri(url, where), strings(s.get("headers"), where + ".headers"),
                    seconds(s.get("timeout"), defaults.timeout(), where + ".timeout"),
                    s.get("tool_prefix") == null ? "" : String.valueOf(s.get("tool_prefix")), include,
                    seconds(s.get("health_interval"), Duration.ofSeconds(10), where + ".health_interval")));
        }
        Map<String, Limits> limits = new LinkedHashMap<>();
        map(yaml.get("limits"), "limits").forEach((tool, value) -> {
            Map<String, Object> l = map(value, "limits." + tool);
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
            throw new ConfigException("tools.yaml: " + where + " must be a positive number of seconds");
        }
    }

    private static int integer(Object value, int fallback, String where) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        throw new ConfigException("tools.yaml: " + where + " must be a number");
    }

    private static boolean bool(Object value) {
        return value != null && Set.of("1", "true", "yes", "on").contains(String.valueOf(value).toLowerCase(Locale.ROOT));
    }

    private static String string(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }

    private static String required(Map<String, Object> m, String key, String where) {
        String value = string(m.get(key));
        if (value == null) {
            throw new ConfigException("tools.yaml: " + where + " needs '" + key + "'");
        }
        return value;
    }

    private static URI uri(String value, String where) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?")) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("tools.yaml: " + where + " has an invalid http(s) url '" + value + "'");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new ConfigException("tools.yaml: " + where + " must be a mapping");
    }

    private static Map<String, String> strings(Object value, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        map(value, where).forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
        return out;
    }

    private static List<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        throw new ConfigException("tools.yaml: " + where + " must be a list");
    }
}
